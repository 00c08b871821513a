using Failover.Core.Diagnostics;
using Failover.Core.Import;

namespace Failover.Core.Tests.Import;

/// <summary>Imports policy documents the way the CLI would, and reads the shipped ones.</summary>
internal static class Policies
{
    public static readonly ImportOptions Options = new("www", "Z0000000000000000000A", "example.com", "www.example.com");

    public static ImportResult ImportPolicy(string json) => TrafficPolicyImporter.Import(json, Options);

    public static string Example(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "traffic-policy", name));

    /// <summary>A document with the given endpoints and rules (JSON object bodies) starting at <paramref name="start"/>.</summary>
    public static string Document(string endpoints, string rules, string start = "\"StartRule\": \"top\"") => $$"""
        { "AWSPolicyFormatVersion": "2015-10-01", "RecordType": "A", {{start}},
          "Endpoints": { {{endpoints}} },
          "Rules": { {{rules}} } }
        """;

    public const string TwoValues = """
        "a": { "Type": "value", "Value": "192.0.2.1" },
        "b": { "Type": "value", "Value": "192.0.2.2" }
        """;

    public static SpecDiagnostic SingleError(ImportResult result)
    {
        Assert.Null(result.Spec);
        return Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
    }
}
