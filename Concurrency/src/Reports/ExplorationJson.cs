using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Concurrency.Exploration;

namespace Conformance.Concurrency.Reports;

/// <summary>
/// Exploration results as JSON, for CI: one object per scenario, and a merge of the files that CI
/// matrix jobs wrote for disjoint shards of the same run (iterations add up; the failure kept is the
/// one with the lowest iteration, as one job over the whole run would have found first).
/// </summary>
public static class ExplorationJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject ToJson(ExplorationResult result, string? shard = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = new JsonObject
        {
            ["scenario"] = result.Scenario,
            ["strategy"] = result.Strategy,
            ["shard"] = shard,
            ["passed"] = result.Passed,
            ["iterations"] = result.Iterations,
            ["steps"] = result.Steps,
            ["elapsedMs"] = Math.Round(result.Elapsed.TotalMilliseconds, 1),
            ["schedulesPerSecond"] = Math.Round(result.SchedulesPerSecond, 1),
            ["exhausted"] = result.Exhausted,
        };
        if (result.Failure is { Error: { } error } failure && result.Reproduction is { } reproduction)
        {
            json["failure"] = new JsonObject
            {
                ["kind"] = FailureSignature.Of(error),
                ["message"] = FailureReport.Headline(error),
                ["iteration"] = reproduction.Iteration,
                ["decisions"] = failure.Trace.Count,
                ["preemptions"] = failure.Trace.Preemptions,
                ["reproduction"] = reproduction.ToString(),
            };
        }
        return json;
    }

    public static string Serialize(IEnumerable<ExplorationResult> results, string? shard = null) =>
        new JsonArray(results.Select(r => (JsonNode)ToJson(r, shard)).ToArray()).ToJsonString(Indented);

    /// <summary>Merges the JSON arrays of several shards into one, scenario by scenario.</summary>
    public static string Merge(IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var merged = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var array = JsonNode.Parse(document) as JsonArray
                ?? throw new FormatException("an exploration result file holds a JSON array of scenario results");
            foreach (var item in array.OfType<JsonObject>())
            {
                var scenario = (string?)item["scenario"] ?? throw new FormatException("a scenario result without \"scenario\"");
                if (!merged.TryGetValue(scenario, out var into))
                {
                    merged[scenario] = (JsonObject)item.DeepClone();
                    merged[scenario]["shard"] = "merged";
                    continue;
                }
                into["iterations"] = (long)into["iterations"]! + (long)item["iterations"]!;
                into["steps"] = (long)into["steps"]! + (long)item["steps"]!;
                into["elapsedMs"] = Math.Max((double)into["elapsedMs"]!, (double)item["elapsedMs"]!);
                into["passed"] = (bool)into["passed"]! && (bool)item["passed"]!;
                if (item["failure"] is JsonObject failure
                    && (into["failure"] is not JsonObject kept || (long)failure["iteration"]! < (long)kept["iteration"]!))
                {
                    into["failure"] = failure.DeepClone();
                }
            }
        }
        return new JsonArray(merged.Values.Select(v => (JsonNode)v).ToArray()).ToJsonString(Indented);
    }
}
