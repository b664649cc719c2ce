using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Concurrency.Strategies;

/// <summary>
/// Rotates strategies per iteration (Coyote's default portfolio): random, probabilistic, PCT of two
/// depths and fair PCT. Each iteration is one member's iteration, and its reproduction names that member.
/// </summary>
public sealed class PortfolioStrategy : ISchedulingStrategy
{
    private readonly ISchedulingStrategy[] members =
    [
        new RandomStrategy(),
        new ProbabilisticStrategy(3),
        new PctStrategy(depth: 2),
        new PctStrategy(depth: 3),
        new PctStrategy(depth: 3, fairAfter: 2000),
        new ProbabilisticStrategy(1),
    ];

    private ISchedulingStrategy current;

    public PortfolioStrategy()
    {
        current = members[0];
    }

    public string Name => "portfolio";

    public IReadOnlyList<ISchedulingStrategy> Members => members;

    public bool BeginIteration(long iteration, ulong seed)
    {
        current = members[(int)(iteration % members.Length)];
        return current.BeginIteration(iteration, seed);
    }

    public string Describe() => current.Describe();

    public int Next(IReadOnlyList<Choice> choices, int running, PointKind kind) => current.Next(choices, running, kind);

    public void UseContestedSteps(int steps)
    {
        foreach (var member in members)
        {
            member.UseContestedSteps(steps);
        }
    }
}
