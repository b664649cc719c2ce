namespace Conformance.Stress.Harness;

internal enum AllocatorIntentKind
{
    Alloc,
    AllocBig,
    Free,
    FreeNull,
}
