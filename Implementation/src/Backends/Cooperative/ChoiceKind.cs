namespace Conformance.Backends.Cooperative;

/// <summary>What a scheduling decision does with the context it picks.</summary>
public enum ChoiceKind : byte
{
    /// <summary>Run the context on from where it stopped (or start its program).</summary>
    Continue,
    /// <summary>Deliver the IPIs pending on the CPU: its handlers run there, nested in whatever it was doing.</summary>
    Deliver,
    /// <summary>An idle worker starts the oldest queued work item.</summary>
    StartWork,
}
