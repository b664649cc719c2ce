namespace Conformance.Smp;

/// <summary>
/// What the calling thread is to a backend that gives each context a thread of its own: which
/// platform, which context. Held in a thread-static of <see cref="Platform"/> so that the lock and
/// interrupt paths find the caller's context without a virtual call (see Platform.Me).
/// </summary>
internal class ThreadBinding(Platform platform, int context)
{
    public Platform Platform { get; } = platform;

    public int Context { get; } = context;
}
