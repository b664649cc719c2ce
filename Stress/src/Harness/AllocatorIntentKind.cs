namespace Conformance.Stress.Harness;

internal enum AllocatorIntentKind
{
    Alloc,
    AllocBig,
    Free,
    FreeStale,
    FreeNull,
    BadAlign,
}
