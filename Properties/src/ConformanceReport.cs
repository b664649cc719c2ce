using System.Text;
using Conformance.Catalog;

namespace Conformance.Properties;

/// <summary>Every property result of one implementation.</summary>
public sealed record ConformanceReport(ImplementationEntry Implementation, IReadOnlyList<PropertyResult> Results)
{
    public bool Passed => Results.All(r => r.Passed);

    /// <summary>The reproduction lines of the failures, one per failing property.</summary>
    public IReadOnlyList<string> Reproductions => Results.Where(r => r.Reproduction is not null).Select(r => r.Reproduction!).ToList();

    public string Describe()
    {
        var sb = new StringBuilder();
        foreach (var result in Results)
        {
            sb.AppendLine(result.Describe());
        }
        return sb.ToString();
    }
}
