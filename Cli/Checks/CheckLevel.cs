namespace Conformance.Cli.Checks;

/// <summary>How deep a check goes within its budget: machine size, sequence length, preemption bound.</summary>
public enum CheckLevel
{
    /// <summary>Small machines and short sequences: a smoke test.</summary>
    Quick,

    /// <summary>The default: the sizes the suite is tuned for.</summary>
    Standard,

    /// <summary>Larger machines, longer sequences, deeper schedules.</summary>
    Thorough,
}
