namespace Conformance.Concurrency.Strategies;

/// <summary>The strategies a user can name.</summary>
public static class StrategyCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["random"];

    public static ISchedulingStrategy Create(string name) => name switch
    {
        "random" => new RandomStrategy(),
        _ => throw new ArgumentException($"unknown strategy '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };
}
