using System.Text;

namespace Conformance.Properties;

/// <summary>How a failing case's scenario is printed: its header, then one numbered line per step.</summary>
internal static class ScenarioText
{
    public static string Describe<TOp>(object scenario, IReadOnlyList<TOp> ops)
    {
        var sb = new StringBuilder();
        sb.Append("    ").Append(scenario);
        for (var i = 0; i < ops.Count; i++)
        {
            sb.Append($"\n    [{i}] {ops[i]}");
        }
        return sb.ToString();
    }
}
