using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace Failover.Core.Tests.Planning;

/// <summary>botocore's Route 53 service model on this machine: the authoritative list of member names per shape.</summary>
internal static class Route53ServiceModel
{
    private static readonly Lazy<JsonDocument> Model = new(Load);

    public static IReadOnlySet<string> MembersOf(string shape) =>
        Model.Value.RootElement.GetProperty("shapes").GetProperty(shape).GetProperty("members").EnumerateObject()
            .Select(p => p.Name).ToHashSet();

    public static IReadOnlySet<string> RequiredOf(string shape) =>
        Model.Value.RootElement.GetProperty("shapes").GetProperty(shape).TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(e => e.GetString()!).ToHashSet()
            : new HashSet<string>();

    /// <summary>The shape a member refers to, e.g. ResourceRecordSet.GeoLocation → GeoLocation.</summary>
    public static string ShapeOf(string shape, string member) =>
        Model.Value.RootElement.GetProperty("shapes").GetProperty(shape).GetProperty("members").GetProperty(member)
            .GetProperty("shape").GetString()!;

    /// <summary>The element shape of a list shape.</summary>
    public static string ElementOf(string listShape) =>
        Model.Value.RootElement.GetProperty("shapes").GetProperty(listShape).GetProperty("member").GetProperty("shape").GetString()!;

    private static JsonDocument Load()
    {
        var start =
            new ProcessStartInfo("python3",
            ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"]) { RedirectStandardOutput = true };
        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var botocore = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit();
        var path = Path.Combine(botocore, "data", "route53", "2013-04-01", "service-2.json.gz");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return JsonDocument.Parse(gzip);
    }
}
