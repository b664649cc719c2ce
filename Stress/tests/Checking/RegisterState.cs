namespace Conformance.Stress.Tests.Checking;

public readonly record struct RegisterState(int Value);
