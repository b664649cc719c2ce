using Conformance.Stress.Checking;

namespace Conformance.Stress.Tests.Checking;

/// <summary>
/// The classic register of linearizability papers, starting at 0: a write sets it, a read returns it,
/// and a nondeterministic write sets one of two values. Its end state depends on the order of writes,
/// so it is not order-independent: it exercises the checker's guess-then-exact path across cuts.
/// </summary>
public sealed class RegisterSpecification : ISequentialSpecification<RegisterOp, RegisterState>
{
    public RegisterState Initial => default;

    public bool OrderIndependent => false;

    public IReadOnlyList<RegisterState> Step(RegisterState state, RegisterOp operation) => operation.Kind switch
    {
        'w' => [new RegisterState(operation.Value)],
        'r' => operation.Value == state.Value ? [state] : [],
        _ => [new RegisterState(operation.Value), new RegisterState(operation.Other)],
    };

    public string? Refusal(RegisterState state, RegisterOp operation) =>
        Step(state, operation).Count > 0 ? null : $"the register holds {state.Value}";

    public string Describe(RegisterState state) => $"register = {state.Value}";
}
