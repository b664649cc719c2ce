using Conformance.Clauses;
using Xunit;

namespace Conformance.Implementation.Tests.Clauses;

/// <summary><c>docs/clauses.md</c> maps every clause to its oracle and tests: no clause may be missing from it.</summary>
public sealed class ClauseTableTests
{
    [Fact]
    public void TheClauseTableNamesEveryClause()
    {
        var table = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "clauses.md"));

        Assert.All(ContractClauses.All, clause => Assert.Contains($"| `{clause.Id}`", table, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Conformance.sln above {AppContext.BaseDirectory}");
    }
}
