namespace Conformance.Concurrency.Programs;

/// <summary>The CPUs' programs of one iteration: each CPU with operations runs them in order through one step.</summary>
internal static class ProgramSteps
{
    /// <summary>
    /// One program per CPU of <paramref name="program"/> (null for a CPU that only takes interrupts): its
    /// operations through <paramref name="step"/>, then <paramref name="after"/> on that CPU.
    /// </summary>
    public static Action?[] PerCpu(ConcurrentProgram program, Action<int, ProgramOp> step, Action<int>? after = null)
    {
        var programs = new Action?[program.CpuCount];
        for (var cpu = 0; cpu < program.CpuCount; cpu++)
        {
            var me = cpu;
            var ops = program.Cpus[cpu];
            programs[cpu] = ops.IsEmpty ? null : () =>
            {
                foreach (var op in ops)
                {
                    step(me, op);
                }
                after?.Invoke(me);
            };
        }
        return programs;
    }
}
