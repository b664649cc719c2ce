namespace Conformance.Backends.Cooperative;

/// <summary>One of the things that may happen next on a cooperative machine.</summary>
public readonly record struct Choice(ChoiceKind Kind, int Context)
{
    public override string ToString() => Kind switch
    {
        ChoiceKind.Continue => $"run {Context}",
        ChoiceKind.Deliver => $"irq {Context}",
        _ => $"work {Context}",
    };
}
