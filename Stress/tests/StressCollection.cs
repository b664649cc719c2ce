using Xunit;

namespace Conformance.Stress.Tests;

/// <summary>Stress runs start threads of their own: one at a time, so each has the machine's cores to itself.</summary>
[CollectionDefinition(Name)]
public sealed class StressCollection
{
    public const string Name = "stress runs";
}
