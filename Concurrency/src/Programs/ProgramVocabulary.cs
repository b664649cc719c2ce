using Conformance.Catalog;

namespace Conformance.Concurrency.Programs;

/// <summary>Which mechanism each operation belongs to.</summary>
public static class ProgramVocabulary
{
    public static Mechanism MechanismOf(ProgramOpKind kind) => kind switch
    {
        ProgramOpKind.CallSingle or ProgramOpKind.CallMany or ProgramOpKind.CallAll or ProgramOpKind.CpuDown or ProgramOpKind.CpuUp => Mechanism.CrossCall,
        ProgramOpKind.PoolAlloc or ProgramOpKind.PoolFree or ProgramOpKind.PoolFill or ProgramOpKind.PoolEmpty or ProgramOpKind.PoolIpi => Mechanism.Pool,
        _ => Mechanism.Allocator,
    };
}
