using Conformance.Catalog;
using Conformance.Concurrency.Programs;
using Xunit;

namespace Conformance.Concurrency.Tests.Programs;

/// <summary>The text form: every drawn program round-trips; bad text is refused with a message that says what is wrong.</summary>
public sealed class ProgramTextTests
{
    [Theory]
    [InlineData(Mechanism.CrossCall)]
    [InlineData(Mechanism.Pool)]
    [InlineData(Mechanism.Allocator)]
    public void Every_drawn_program_can_run_and_its_text_round_trips(Mechanism mechanism)
    {
        for (var i = 0; i < 200; i++)
        {
            var program = ProgramGenerator.Draw(mechanism, 11, i);
            Assert.Null(program.Problem());

            var parsed = ProgramText.Parse(mechanism, program.ToString());

            Assert.Equal(program.ToString(), parsed.ToString());
            Assert.Equal(program.OperationCount, parsed.OperationCount);
        }
    }

    [Theory]
    [InlineData(Mechanism.CrossCall, "0:cs1w,cm{1,2},-cs0;1:cm{0,2}w,ca,caw,cm{};2:d1,u1,-cm{0}")]
    [InlineData(Mechanism.Pool, "0:a,-a,f,t0;1:t1,e,i0;2:")]
    [InlineData(Mechanism.Allocator, "r320;0:a8.4,b100.8,a0.1;1:x,n,z,f")]
    public void Written_programs_read_back_as_written(Mechanism mechanism, string text)
    {
        Assert.Equal(text, ProgramText.Parse(mechanism, text).ToString());
    }

    [Fact]
    public void Operations_read_as_what_they_say()
    {
        var program = ProgramText.Parse(Mechanism.CrossCall, "0:cm{1,2}w,-cs1;1:d0;2:");

        Assert.Equal(new ProgramOp(ProgramOpKind.CallMany, Mask: Smp.CpuMask.Of(1, 2), Wait: true), program.Cpus[0][0]);
        Assert.Equal(new ProgramOp(ProgramOpKind.CallSingle, Target: 1, IrqsOff: true), program.Cpus[0][1]);
        Assert.Equal(new ProgramOp(ProgramOpKind.CpuDown, Target: 0), program.Cpus[1][0]);
        Assert.Equal(64, ProgramText.Parse(Mechanism.Allocator, "0:a4.4;1:").ReserveBytes);
    }

    [Theory]
    [InlineData(Mechanism.CrossCall, "0:cs1", "has 1 CPUs")]
    [InlineData(Mechanism.CrossCall, "0:;1:;2:;3:;4:", "has 5 CPUs")]
    [InlineData(Mechanism.CrossCall, "1:cs0;0:", "should start with '0:'")]
    [InlineData(Mechanism.CrossCall, "0:cs9;1:", "CPU9 is not one of the program's CPUs")]
    [InlineData(Mechanism.CrossCall, "0:cs99999;1:", "1 to 4 digits")]
    [InlineData(Mechanism.CrossCall, "0:cs1,cs1,cs1,cs1,cs1;1:", "more than 4 operations")]
    [InlineData(Mechanism.CrossCall, "0:d0;1:", "taken down or up from another one")]
    [InlineData(Mechanism.CrossCall, "0:u1;1:", "comes up without having gone down")]
    [InlineData(Mechanism.CrossCall, "0:d1,d1;1:", "taken down twice")]
    [InlineData(Mechanism.CrossCall, "0:d2;1:d0;2:", "hotplug steps are made by one CPU")]
    [InlineData(Mechanism.CrossCall, "0:-cs1;1:-cs0", "interrupts disabled are made by one CPU")]
    [InlineData(Mechanism.CrossCall, "0:cm{1,;1:", "expected a CPU")]
    [InlineData(Mechanism.CrossCall, "0:cm{7};1:", "at most 4 CPUs")]
    [InlineData(Mechanism.CrossCall, "0:cq;1:", "expected an operation")]
    [InlineData(Mechanism.CrossCall, "0:a;1:", "not an operation of the crosscall mechanism")]
    [InlineData(Mechanism.Pool, "0:t99;1:", "a fill target is 0 to 6")]
    [InlineData(Mechanism.Pool, "0:aw;1:", "expected ','")]
    [InlineData(Mechanism.Pool, "0:-e;1:", "interrupts disabled")]
    [InlineData(Mechanism.Allocator, "r7;0:a4.4;1:", "the reserve is a multiple of 4")]
    [InlineData(Mechanism.Allocator, "0:a4.3;1:", "a power of two")]
    [InlineData(Mechanism.Allocator, "0:a4;1:", "expected '.'")]
    public void Bad_text_is_refused_with_a_message_that_says_why(Mechanism mechanism, string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ProgramText.Parse(mechanism, text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_longer_than_the_bound_is_refused_before_it_is_read()
    {
        var text = "0:" + string.Join(',', Enumerable.Repeat("cs1", 100)) + ";1:";

        var error = Assert.Throws<FormatException>(() => ProgramText.Parse(Mechanism.CrossCall, text));

        Assert.Contains($"at most {ProgramLimits.MaxTextLength} characters", error.Message, StringComparison.Ordinal);
    }
}
