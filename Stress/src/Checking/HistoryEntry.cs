using System.Globalization;

namespace Conformance.Stress.Checking;

/// <summary>
/// One completed operation of a recorded history: the context that ran it, what it was (its arguments
/// and the result it returned), and when it was called and when it returned, both read from one
/// monotonic clock. <see cref="Call"/> is below <see cref="Return"/>.
/// </summary>
/// <param name="Id">The operation's number in the whole history (by call time), as reports show it.</param>
/// <param name="Context">Who ran it: CPU2, worker0.</param>
/// <param name="Operation">The operation with its arguments and the result it returned.</param>
/// <param name="Call">The clock when it was called.</param>
/// <param name="Return">The clock when it returned.</param>
public sealed record HistoryEntry<TOp>(int Id, string Context, TOp Operation, long Call, long Return)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"#{Id} {Context} [{Call}, {Return}] {Operation}");
}
