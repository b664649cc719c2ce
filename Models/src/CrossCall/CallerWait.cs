namespace Conformance.Models;

/// <summary>A CPU spinning in a call: on which request, for what.</summary>
public readonly record struct CallerWait(int Request, WaitReason Reason)
{
    public override string ToString() => $"#{Request} {Reason}";
}
