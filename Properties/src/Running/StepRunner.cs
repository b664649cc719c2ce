namespace Conformance.Properties;

/// <summary>
/// The loop every sequential harness runs: construct the implementation, then each step in order,
/// stopping at the first failure, which comes back located (step index, step text, the model's state
/// before the step). A harness step throws only <see cref="StepViolation"/>s of its own, so any other
/// exception came out of the implementation: the contract's "no unexpected exception".
/// </summary>
internal static class StepRunner
{
    /// <summary>Runs <paramref name="construct"/>, then <paramref name="step"/> on each operation, then <paramref name="drain"/> if given.</summary>
    /// <param name="construction">What construction does, as the expectation a failure names ("new T(platform) to succeed").</param>
    /// <param name="construct">Builds the implementation.</param>
    /// <param name="ops">The generated operations, in order.</param>
    /// <param name="step">Runs one operation and checks the invariants after it.</param>
    /// <param name="describeModel">Snapshots the model (a method group bound to the current model): called before each step, its result read only if the step fails.</param>
    /// <param name="drain">A final step past the operations, reported as "drain".</param>
    public static StepViolation? Run<TOp>(
        string construction, Action construct, IReadOnlyList<TOp> ops, Action<TOp> step, Func<Func<string>> describeModel, Action? drain = null)
    {
        try
        {
            construct();
        }
        catch (Exception e) when (e is not StepViolation)
        {
            return Located(new StepViolation("construction", construction, Threw(e), e), -1, "set-up", describeModel());
        }
        var steps = ops.Count + (drain is null ? 0 : 1);
        for (var i = 0; i < steps; i++)
        {
            var before = describeModel();
            var isDrain = i == ops.Count;
            try
            {
                if (isDrain)
                {
                    drain!();
                }
                else
                {
                    step(ops[i]);
                }
            }
            catch (StepViolation v)
            {
                return Located(v, i, isDrain ? "drain" : $"{ops[i]}", before);
            }
            catch (Exception e)
            {
                return Located(new StepViolation("no unexpected exception", "the step to complete", Threw(e), e), i, isDrain ? "drain" : $"{ops[i]}", before);
            }
        }
        return null;
    }

    /// <summary>An exception as a report reads it; "no error" for none.</summary>
    public static string Threw(Exception? e) => e is null ? "no error" : $"threw {e.GetType().Name}: {e.Message}";

    private static StepViolation Located(StepViolation v, int step, string operation, Func<string> modelBefore)
    {
        v.Step = step;
        v.Operation = operation;
        v.ModelBefore = modelBefore();
        return v;
    }
}
