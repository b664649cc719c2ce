using System.Globalization;
using System.Text.RegularExpressions;
using Conformance.Catalog;
using Conformance.Concurrency.Exploration;

namespace Conformance.Concurrency.Scenarios;

/// <summary>The scenarios a user can name, and how a scenario name in a reproduction string is resolved.</summary>
public static partial class ScenarioCatalog
{
    public static IReadOnlyList<ScenarioFamily> Families { get; } =
    [
        CrossCallScenarios.CsdLock,
        CrossCallScenarios.CsdLockTwoSenders,
        CrossCallScenarios.RequeueAtHead,
        CrossCallScenarios.RequeueAtHeadWait,
        CrossCallScenarios.CallManyHotplug,
        CrossCallScenarios.SingleWaitLocal,
        PoolScenarios.Refill,
        PoolScenarios.RefillFillEmpty,
        PoolScenarios.FillFill,
        PoolScenarios.IrqAlloc,
        AllocatorScenarios.AllocFree,
        AllocatorScenarios.AllocBigWords,
    ];

    public static IEnumerable<ScenarioFamily> For(Mechanism mechanism) => Families.Where(f => f.Mechanism == mechanism);

    public static ScenarioFamily Family(string name) =>
        Families.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"unknown scenario '{name}'; known: {string.Join(", ", Families.Select(f => f.Name))}", nameof(name));

    /// <summary>Parses <c>family</c> or <c>family(cpus,ops)</c>.</summary>
    public static (ScenarioFamily Family, int? Cpus, int? Ops) Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var match = NamePattern().Match(name);
        if (!match.Success)
        {
            throw new ArgumentException($"'{name}' is not a scenario name; expected family or family(cpus,ops), for example csd-lock(2,3)", nameof(name));
        }
        var family = Family(match.Groups["family"].Value);
        return match.Groups["cpus"].Success
            ? (family, int.Parse(match.Groups["cpus"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["ops"].Value, CultureInfo.InvariantCulture))
            : (family, null, null);
    }

    /// <summary>The concrete scenario a name stands for, run against <paramref name="implementation"/>.</summary>
    public static Scenario Create(string name, ImplementationEntry implementation)
    {
        var (family, cpus, ops) = Parse(name);
        return family.Create(implementation, cpus, ops);
    }

    [GeneratedRegex(@"^(?<family>[a-z][a-z0-9-]*)(\((?<cpus>\d{1,2}),(?<ops>\d{1,2})\))?$")]
    private static partial Regex NamePattern();
}
