using Xunit;

namespace Conformance.Properties.Tests;

/// <summary>
/// Where a harness failure is located: its step index, the operation's text (or set-up, or drain) and
/// the model's state from before that step.
/// </summary>
public sealed class StepRunnerTests
{
    private string model = "m0";

    [Fact]
    public void AFailingStepIsLocatedWithTheModelBeforeIt()
    {
        var v = StepRunner.Run("construction to succeed", () => { }, ["a", "b", "c"], Step, () => model.ToString);

        Assert.NotNull(v);
        Assert.Equal(1, v.Step);
        Assert.Equal("b", v.Operation);
        Assert.Equal("after a", v.ModelBefore);
        Assert.Equal("the rule", v.Check);
    }

    [Fact]
    public void AnExceptionOfTheImplementationIsAnUnexpectedException()
    {
        var v = StepRunner.Run<string>("construction to succeed", () => { }, ["a"], _ => throw new InvalidOperationException("boom"), () => model.ToString);

        Assert.NotNull(v);
        Assert.Equal(0, v.Step);
        Assert.Equal("no unexpected exception", v.Check);
        Assert.Equal("threw InvalidOperationException: boom", v.Actual);
    }

    [Fact]
    public void AConstructionFailureIsTheSetUpStep()
    {
        var v = StepRunner.Run<string>("new T() to succeed", () => throw new ArgumentException("bad"), ["a"], _ => { }, () => model.ToString);

        Assert.NotNull(v);
        Assert.Equal(-1, v.Step);
        Assert.Equal("set-up", v.Operation);
        Assert.Equal("new T() to succeed", v.Expected);
        Assert.Equal("m0", v.ModelBefore);
    }

    [Fact]
    public void TheDrainIsTheStepPastTheOperations()
    {
        var drained = false;

        Assert.Null(StepRunner.Run("construction to succeed", () => { }, ["a"], _ => { }, () => model.ToString, () => drained = true));
        Assert.True(drained);

        var v = StepRunner.Run("construction to succeed", () => { }, ["a"], _ => { }, () => model.ToString, () => throw new StepViolation("all ran", "nothing pending", "CPU1 owes #2"));
        Assert.NotNull(v);
        Assert.Equal(1, v.Step);
        Assert.Equal("drain", v.Operation);
    }

    // The model moves on before the failure is seen: the report must show it as it was before the step.
    private void Step(string op)
    {
        model = "after " + op;
        if (op == "b")
        {
            throw new StepViolation("the rule", "b to pass", "it did not");
        }
    }
}
