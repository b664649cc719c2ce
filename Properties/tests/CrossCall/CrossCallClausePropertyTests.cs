using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.CrossCall.Variants;
using Xunit;

namespace Conformance.Properties.Tests.CrossCall;

/// <summary>
/// The property judges the cross-call clauses with the predicates of every other check: each broken
/// variant is rejected with its clause's id under either rule set. The reference conforms under the
/// seed's rules it claims (ReferenceCrossCallContractTests) and the kernel's: its handlers run whole
/// here, so the seed's early return of a many-call cannot show.
/// </summary>
public sealed class CrossCallClausePropertyTests
{
    private static readonly PropertyRunOptions Options = new() { MaxTest = 100, Seed = 20261204, EnforceCoverage = false };

    [Theory]
    [InlineData(typeof(DropsWait), "early-return")]
    [InlineData(typeof(HandlerEnablesIrqs), "func-context")]
    [InlineData(typeof(LocalCallIrqsOn), "func-context")]
    [InlineData(typeof(DropsEnxio), "enxio")]
    [InlineData(typeof(IgnoresIrqsOffCall), "irqs-off-rejected")]
    [InlineData(typeof(KeepsWaitingEntryLocked), "quiescent-clean")]
    [InlineData(typeof(RunsFirstQueuedOnly), "lost-call")]
    public void A_broken_variant_is_rejected_with_its_clause(Type variant, string clause)
    {
        foreach (var rules in new[] { RuleSet.Kernel, RuleSet.Seed })
        {
            var result = ConformanceCheck.Property(variant, ConformanceLevel.Contract, Options with { Rules = rules });

            Assert.NotNull(result.Failure);
            Assert.True(clause == result.Failure.Check, result.Failure.Report());
        }
    }

    [Fact]
    public void The_reference_conforms_under_the_kernels_rules_too()
    {
        var result = ConformanceCheck.Property(typeof(GenericIpi), ConformanceLevel.Contract, Options with { Rules = RuleSet.Kernel });

        Assert.True(result.Passed, result.Describe());
    }
}
