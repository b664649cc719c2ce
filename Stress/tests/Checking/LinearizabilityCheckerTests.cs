using Conformance.Concurrency.Strategies;
using Conformance.Stress.Checking;
using Xunit;
using static Conformance.Stress.Tests.Checking.RegisterOp;

namespace Conformance.Stress.Tests.Checking;

/// <summary>The checker on hand-made register histories: what passes, what fails and with which window, what is unknown.</summary>
public class LinearizabilityCheckerTests
{
    private static readonly RegisterSpecification Register = new();

    [Fact]
    public void A_read_overlapping_a_write_may_see_either_value_but_not_the_old_one_after_the_new()
    {
        var history = Histories.Of(
            (0, Write(1), 1L, 10L),
            (1, Read(0), 2L, 3L),
            (1, Read(1), 4L, 5L),
            (2, Read(0), 6L, 7L));

        var result = LinearizabilityChecker.Check(Register, history);

        // The second 0 comes after a read of 1 in real time: no order explains both.
        Assert.Equal(CheckVerdict.NotLinearizable, result.Verdict);
        var passing = LinearizabilityChecker.Check(Register, history.Take(3).ToList());
        Assert.Equal(CheckVerdict.Linearizable, passing.Verdict);
    }

    [Fact]
    public void A_stale_read_after_ten_good_operations_is_reported_alone_from_the_state_they_leave()
    {
        // Ten operations that are fine, a write, then a read of the value before it: quiescent points
        // separate them all, so the window is the read alone, checked from the state the rest leave.
        var entries = new List<(int, RegisterOp, long, long)>();
        for (var i = 0; i < 5; i++)
        {
            entries.Add((0, Write(i + 10), (i * 10) + 1, (i * 10) + 3));
            entries.Add((1, Read(i + 10), (i * 10) + 4, (i * 10) + 6));
        }
        entries.Add((0, Write(7), 100, 102));
        entries.Add((1, Read(14), 103, 105));
        var history = Histories.Of(entries.ToArray());

        var result = LinearizabilityChecker.Check(Register, history);

        Assert.Equal(CheckVerdict.NotLinearizable, result.Verdict);
        var window = Assert.IsType<FailingWindow<RegisterOp>>(result.Window);
        Assert.Equal([12], window.Operations.Select(e => e.Id));
        Assert.Equal(11, window.OperationsBefore);
        Assert.Equal("register = 7", window.StartState);
        Assert.Equal(12, window.Overdue?.Id);
        Assert.Empty(window.LongestLinearization);
        Assert.Equal("the register holds 7", Assert.Single(window.Stuck).Why);
        Assert.Contains("shortest failing window: 1 operation(s), after 11 earlier operation(s)", window.Format(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_of_a_value_never_written_fails_with_the_write_it_overlaps()
    {
        var history = Histories.Of(
            (0, Write(4), 1L, 2L),
            (0, Write(7), 10L, 13L),
            (1, Read(3), 11L, 12L),
            (1, Read(7), 14L, 15L));

        var result = LinearizabilityChecker.Check(Register, history);

        Assert.Equal(CheckVerdict.NotLinearizable, result.Verdict);
        var window = result.Window!;
        Assert.Equal([2, 3], window.Operations.Select(e => e.Id));
        Assert.Equal("register = 4", window.StartState);
        Assert.Equal(3, window.Overdue?.Id);
        Assert.Equal([2], window.LongestLinearization.Select(e => e.Id));
        Assert.Equal(3, Assert.Single(window.Stuck).Entry.Id);
    }

    [Fact]
    public void The_window_ends_at_the_first_point_where_the_history_cannot_be_explained()
    {
        // One long write overlaps everything, so there is no quiescent point to cut at; the violation
        // (a read of a value written after it returned) is early, and what follows it is left out.
        var history = Histories.Of(
            (0, Write(5), 1L, 100L),
            (1, Read(3), 2L, 3L),
            (2, Write(3), 4L, 5L),
            (1, Read(0), 6L, 7L),
            (1, Read(5), 8L, 9L),
            (2, Read(5), 10L, 11L));

        var result = LinearizabilityChecker.Check(Register, history);

        Assert.Equal(CheckVerdict.NotLinearizable, result.Verdict);
        var window = result.Window!;
        Assert.Equal([1, 2], window.Operations.Select(e => e.Id));
        // The long write is still running where the window ends: it may or may not have taken effect.
        Assert.Equal([1], window.Pending.Select(e => e.Id));
        Assert.Equal(2, window.Overdue?.Id);
    }

    [Fact]
    public void A_read_of_a_value_written_later_in_real_time_fails()
    {
        var history = Histories.Of((1, Read(1), 1L, 2L), (0, Write(1), 3L, 4L));

        Assert.Equal(CheckVerdict.NotLinearizable, LinearizabilityChecker.Check(Register, history).Verdict);
        var overlapping = Histories.Of((1, Read(1), 1L, 3L), (0, Write(1), 2L, 4L));
        Assert.Equal(CheckVerdict.Linearizable, LinearizabilityChecker.Check(Register, overlapping).Verdict);
    }

    [Fact]
    public void A_nondeterministic_step_allows_each_of_its_outcomes_and_nothing_else()
    {
        Assert.Equal(CheckVerdict.Linearizable,
            LinearizabilityChecker.Check(Register, Histories.Of((0, WriteEither(1, 2), 1L, 2L), (1, Read(2), 3L, 4L))).Verdict);
        Assert.Equal(CheckVerdict.Linearizable,
            LinearizabilityChecker.Check(Register, Histories.Of((0, WriteEither(1, 2), 1L, 2L), (1, Read(1), 3L, 4L))).Verdict);
        Assert.Equal(CheckVerdict.NotLinearizable,
            LinearizabilityChecker.Check(Register, Histories.Of((0, WriteEither(1, 2), 1L, 2L), (1, Read(3), 3L, 4L))).Verdict);
    }

    [Fact]
    public void Across_a_quiescent_point_every_state_the_segment_can_end_in_is_kept()
    {
        // Two overlapping writes, then (after a quiescent point) reads: either write may be last.
        foreach (var last in new[] { 1, 2 })
        {
            var history = Histories.Of(
                (0, Write(1), 1L, 4L),
                (1, Write(2), 2L, 3L),
                (0, Read(last), 5L, 6L),
                (1, Read(last), 7L, 8L));
            var result = LinearizabilityChecker.Check(Register, history);
            Assert.Equal(CheckVerdict.Linearizable, result.Verdict);
            Assert.Equal(3, result.Segments);
        }
        var neither = Histories.Of((0, Write(1), 1L, 4L), (1, Write(2), 2L, 3L), (0, Read(0), 5L, 6L));
        var failed = LinearizabilityChecker.Check(Register, neither);
        Assert.Equal(CheckVerdict.NotLinearizable, failed.Verdict);
        Assert.Contains("any of 2 states", failed.Window!.StartState, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    [InlineData(13UL)]
    public void Histories_made_from_a_real_linearisation_pass_and_one_bad_read_fails(ulong seed)
    {
        // Each operation takes effect at 100 * i; its call and return are drawn around that point, so
        // the history is linearizable by construction (with much overlap and few quiescent points).
        var random = new Prng(seed);
        var value = 0;
        var entries = new List<(int, RegisterOp, long, long)>();
        for (var i = 1; i <= 300; i++)
        {
            RegisterOp op;
            if (random.Next(3) == 0)
            {
                value = random.Next(4);
                op = Write(value);
            }
            else
            {
                op = Read(value);
            }
            var point = i * 100L;
            entries.Add((i % 4, op, point - 1 - random.Next(350), point + 1 + random.Next(350)));
        }
        var history = Histories.Of(entries.OrderBy(e => e.Item3).ToArray());

        var result = LinearizabilityChecker.Check(Register, history);
        Assert.True(result.Verdict == CheckVerdict.Linearizable, $"seed {seed}: {result.Summary()}");

        var victim = history.First(e => e.Id >= 150 && e.Operation.Kind == 'r').Id;
        var bad = history.Select(e => e.Id == victim ? e with { Operation = Read(9) } : e).ToList();
        var broken = LinearizabilityChecker.Check(Register, bad);
        Assert.True(broken.Verdict == CheckVerdict.NotLinearizable, $"seed {seed}: {broken.Summary()}");
        Assert.Contains(broken.Window!.Operations, e => e.Id == victim);
    }

    [Fact]
    public void A_huge_overlapping_history_with_a_tiny_step_cap_is_unknown_never_a_verdict()
    {
        // 2000 operations all running at once: one segment, far too many orders for 1000 steps.
        var entries = new List<(int, RegisterOp, long, long)>();
        for (var i = 0; i < 2000; i++)
        {
            entries.Add((i % 8, i % 2 == 0 ? Write(i % 5) : Read(i % 5), i, 100_000 - i));
        }
        var history = Histories.Of(entries.ToArray());

        var result = LinearizabilityChecker.Check(Register, history, new CheckLimits { MaxSteps = 1000 });

        Assert.Equal(CheckVerdict.Unknown, result.Verdict);
        Assert.Null(result.Window);
        Assert.Contains("step cap of 1000", result.Reason, StringComparison.Ordinal);
        Assert.StartsWith("unknown", result.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_operation_returning_before_it_is_called_is_rejected()
    {
        var history = Histories.Of((0, Write(1), 5L, 4L));

        Assert.Throws<ArgumentException>(() => LinearizabilityChecker.Check(Register, history));
    }

    [Fact]
    public void An_empty_history_is_linearizable()
    {
        var result = LinearizabilityChecker.Check(Register, Histories.Of<RegisterOp>());

        Assert.Equal(CheckVerdict.Linearizable, result.Verdict);
        Assert.Equal(0, result.Operations);
    }
}
