namespace Conformance.Stress.Harness;

internal enum PoolIntentKind
{
    Alloc,
    Release,
    Fill,
    Empty,
}
