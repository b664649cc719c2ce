namespace Conformance.Properties;

/// <summary>Collects the events and the operation mix of one case while its harness runs.</summary>
internal sealed class CaseRecorder
{
    private readonly HashSet<string> events = [];
    private readonly Dictionary<string, int> operations = [];

    public void Event(string name) => events.Add(name);

    public void Event(bool happened, string name)
    {
        if (happened)
        {
            events.Add(name);
        }
    }

    public void Operation(string name) => operations[name] = operations.GetValueOrDefault(name) + 1;

    public CaseOutcome Outcome(StepViolation? violation) => new(violation, events, operations);
}
