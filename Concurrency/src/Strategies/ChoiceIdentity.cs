using Conformance.Backends.Cooperative;

namespace Conformance.Concurrency.Strategies;

/// <summary>
/// Who a choice lets run, as one number: the context itself for running it or starting work on it, a
/// separate number per CPU for delivering interrupts to it (an interrupt is its own thread of control).
/// </summary>
internal static class ChoiceIdentity
{
    public const int Slots = 2 * Smp.Platform.MaxCpus + 16;

    public static int Of(Choice choice) =>
        choice.Kind == ChoiceKind.Deliver ? Slots / 2 + choice.Context : choice.Context;

    /// <summary>The index of the choice that lets <paramref name="running"/> go on, or -1.</summary>
    public static int KeepRunning(IReadOnlyList<Choice> choices, int running)
    {
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i].Kind == ChoiceKind.Continue && choices[i].Context == running)
            {
                return i;
            }
        }
        return -1;
    }
}
