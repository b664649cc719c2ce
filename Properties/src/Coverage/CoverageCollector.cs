namespace Conformance.Properties;

/// <summary>Adds up the outcomes of the cases of one property run.</summary>
internal sealed class CoverageCollector
{
    private readonly Dictionary<string, int> eventCases = [];
    private readonly Dictionary<string, int> operations = [];
    private int cases;

    public void Add(CaseOutcome outcome)
    {
        cases++;
        foreach (var name in outcome.Events)
        {
            eventCases[name] = eventCases.GetValueOrDefault(name) + 1;
        }
        foreach (var (name, count) in outcome.Operations)
        {
            operations[name] = operations.GetValueOrDefault(name) + count;
        }
    }

    public CoverageReport Report(IReadOnlyList<EventMinimum> minimums) => new(cases, eventCases, operations, minimums);
}
