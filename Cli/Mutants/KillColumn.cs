using Conformance.Cli.Checks;

namespace Conformance.Cli.Mutants;

/// <summary>One column of the kill matrix: a check, as the matrix names it, run on every row.</summary>
public sealed record KillColumn(string Name, ICheck Check);
