using System.Reflection;
using Conformance.Allocator;
using Conformance.Backends.Sequential;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Memory;
using Conformance.Pool;

namespace Conformance.Defects.Tests;

/// <summary>The corpus is well formed: every defect is found, named once, described, buildable, and one override of its reference.</summary>
public sealed class CorpusTests
{
    private static readonly Assembly Corpus = typeof(AllocUnitsRoundDown).Assembly;

    private static readonly IReadOnlyList<ImplementationEntry> Entries = ImplementationCatalog.Scan(Corpus);

    public static TheoryData<string> DefectNames()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries)
        {
            data.Add(entry.ToString());
        }
        return data;
    }

    [Fact]
    public void Every_contract_type_of_the_assembly_is_in_the_scan()
    {
        var contractTypes = Corpus.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.IsPublic && IsContract(t))
            .ToHashSet();
        var scanned = Entries.Select(e => e.Type).ToHashSet();
        Assert.Empty(contractTypes.Except(scanned).Select(t => t.FullName));
        Assert.Equal(contractTypes.Count, scanned.Count);
    }

    [Fact]
    public void The_corpus_has_about_fifteen_defects_per_mechanism()
    {
        foreach (var mechanism in Enum.GetValues<Mechanism>())
        {
            var count = Entries.Count(e => e.Mechanism == mechanism);
            Assert.InRange(count, 12, 20);
        }
    }

    [Fact]
    public void Names_are_unique_and_none_is_a_catalogue_name()
    {
        var names = Entries.Select(e => e.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        var catalogue = ImplementationCatalog.All.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(names, catalogue.Contains);
    }

    [Theory]
    [MemberData(nameof(DefectNames))]
    public void Each_defect_is_described_and_is_not_marked_a_mutant(string name)
    {
        var entry = Find(name);
        Assert.False(string.IsNullOrWhiteSpace(entry.Description));
        Assert.Null(entry.Mirrors);
        Assert.False(entry.IsMutant);
        Assert.StartsWith(Prefix(entry.Mechanism), entry.Name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DefectNames))]
    public void Each_defect_claims_its_references_rules(string name)
    {
        var entry = Find(name);
        var reference = ImplementationCatalog.Find(entry.Mechanism, "reference");
        Assert.Equal(reference.Rules, entry.Rules);
        Assert.Equal(reference.KnownDeviations, entry.KnownDeviations);
    }

    [Theory]
    [MemberData(nameof(DefectNames))]
    public void Each_defect_derives_from_its_reference_and_overrides_one_method(string name)
    {
        var entry = Find(name);
        Assert.Equal(ReferenceOf(entry.Mechanism), entry.Type.BaseType);
        Assert.True(entry.Type.IsSealed);
        var overrides = entry.Type
            .GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.GetBaseDefinition().DeclaringType != entry.Type)
            .Select(m => m.Name)
            .ToList();
        Assert.Single(overrides);
    }

    [Theory]
    [MemberData(nameof(DefectNames))]
    public void Each_defect_is_built_by_the_factory_on_a_platform(string name)
    {
        var entry = Find(name);
        using var machine = new SequentialPlatform(3);
        var area = new PerCpuArea(machine, 1024, 256);
        object built = entry.Mechanism switch
        {
            Mechanism.Allocator => ImplementationFactory.CreateAllocator(entry.Type, machine, area),
            Mechanism.Pool => ImplementationFactory.CreatePool(entry.Type, machine, new CpuAlloc(machine, area), new PoolParameters(8, 8, 2, 4)),
            _ => ImplementationFactory.CreateCrossCall(entry.Type, machine),
        };
        Assert.IsType(entry.Type, built);
    }

    private static ImplementationEntry Find(string name) => Entries.Single(e => e.ToString() == name);

    private static bool IsContract(Type type) =>
        typeof(IPerCpuAllocator).IsAssignableFrom(type) || typeof(IPercpuPool).IsAssignableFrom(type) || typeof(ICrossCall).IsAssignableFrom(type);

    private static Type ReferenceOf(Mechanism mechanism) => mechanism switch
    {
        Mechanism.Allocator => typeof(CpuAlloc),
        Mechanism.Pool => typeof(PercpuPool),
        _ => typeof(GenericIpi),
    };

    private static string Prefix(Mechanism mechanism) => mechanism switch
    {
        Mechanism.Allocator => "alloc-",
        Mechanism.Pool => "pool-",
        _ => "ipi-",
    };
}
