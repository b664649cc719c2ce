namespace Conformance.Stress.Tests.Checking;

/// <summary>
/// An operation on a register: a write of <see cref="Value"/>, a read that returned <see cref="Value"/>,
/// or a write of either <see cref="Value"/> or <see cref="Other"/> (a nondeterministic step).
/// </summary>
public sealed record RegisterOp(char Kind, int Value, int Other = 0)
{
    public static RegisterOp Write(int value) => new('w', value);

    public static RegisterOp Read(int value) => new('r', value);

    public static RegisterOp WriteEither(int value, int other) => new('e', value, other);

    public override string ToString() => Kind switch
    {
        'w' => $"write({Value})",
        'r' => $"read() -> {Value}",
        _ => $"write({Value} or {Other})",
    };
}
