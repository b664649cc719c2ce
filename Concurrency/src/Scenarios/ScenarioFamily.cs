using System.Globalization;
using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.Concurrency.Scenarios;

/// <summary>
/// A scenario with its size as parameters: how many CPUs and how many operations each busy CPU makes.
/// A concrete scenario is named <c>family(cpus,ops)</c>, which is what reproduction strings carry, and
/// shrinks to smaller sizes when a failure is minimised.
/// </summary>
public sealed record ScenarioFamily(
    string Name,
    Mechanism Mechanism,
    string Description,
    int DefaultCpus,
    int DefaultOps,
    int MinCpus,
    Func<Type, int, int, RuleSet, Func<Platform, ScenarioRun>> Builder)
{
    public int MaxCpus { get; init; } = 8;

    public int MaxOps { get; init; } = 16;

    /// <summary>
    /// The scenario of this family for an implementation, at a size, its oracles holding it to
    /// <paramref name="rules"/> (when not given, the rules the implementation claims: the kernel's but
    /// for the seed's references and their mutants).
    /// </summary>
    public Scenario Create(ImplementationEntry implementation, int? cpus = null, int? ops = null, RuleSet? rules = null)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        if (implementation.Mechanism != Mechanism)
        {
            throw new ArgumentException($"scenario {Name} checks the {Mechanism} contract; {implementation.Name} implements {implementation.Mechanism}", nameof(implementation));
        }
        var c = cpus ?? DefaultCpus;
        var o = ops ?? DefaultOps;
        if (c < MinCpus || c > MaxCpus || o < 1 || o > MaxOps)
        {
            throw new ArgumentOutOfRangeException(nameof(cpus), $"scenario {Name} runs on {MinCpus} to {MaxCpus} CPUs with 1 to {MaxOps} operations (asked: {c}, {o})");
        }
        var held = rules ?? implementation.Rules;
        return new Scenario(string.Create(CultureInfo.InvariantCulture, $"{Name}({c},{o})"), c, Builder(implementation.Type, c, o, held))
        {
            Implementation = implementation.Name,
            Rules = held,
            StepBound = 20_000,
        };
    }

    /// <summary>The sizes one step smaller: fewer operations, then fewer CPUs.</summary>
    public IEnumerable<(int Cpus, int Ops)> Smaller(int cpus, int ops)
    {
        if (ops > 1)
        {
            yield return (cpus, ops - 1);
        }
        if (cpus > MinCpus)
        {
            yield return (cpus - 1, ops);
        }
    }
}
