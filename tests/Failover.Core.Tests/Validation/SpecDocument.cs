using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Failover.Core.Spec;
using Failover.Core.Tests.Spec;

namespace Failover.Core.Tests.Validation;

/// <summary>A spec as an editable JSON document, so each test states the one change it makes to a valid tree.</summary>
internal sealed partial class SpecDocument
{
    private readonly JsonNode _root;

    private SpecDocument(string json) => _root = JsonNode.Parse(json)!;

    public static SpecDocument Www() => new(Examples.Read("www.json"));
    public static SpecDocument Complex() => new(Examples.Read("complex.json"));
    public static SpecDocument SimpleFailover() => new(Examples.Read("simple-failover.json"));
    public static SpecDocument Multivalue() => new(Examples.Read("multivalue.json"));
    public static SpecDocument CanaryAlarm() => new(Examples.Read("canary-alarm.json"));
    public static SpecDocument IpBased() => new(Examples.Read("ip-based.json"));
    public static SpecDocument RuleHealthCheck() => new(Examples.Read("rule-health-check.json"));
    public static SpecDocument DualStack() => new(Examples.Read("dual-stack.json"));
    public static SpecDocument Geoproximity() => new(Examples.Read("geoproximity.json"));
    public static SpecDocument Geo() => new(SpecJsonWriter.Write(SpecParser.Parse(Examples.Read("geo.yaml")).Spec!));

    /// <summary>A CNAME tree: weighted between two CDNs, each checked by name.</summary>
    public static SpecDocument Cname() => new("""
        {
          "name": "assets", "hostedZoneId": "Z0000000000000000000A", "zoneName": "example.com",
          "recordName": "assets.example.com", "recordType": "CNAME",
          "root": { "id": "cdns", "routing": "weighted", "children": [
            { "id": "cdn-a", "weight": 1, "endpoint": { "values": ["a.cdn.example.net"], "healthCheck": { "type": "HTTPS",
            "fqdn": "a.cdn.example.net" } } },
            { "id": "cdn-b", "weight": 1, "endpoint": { "values": ["b.cdn.example.net"] } } ] }
        }
        """);

    /// <summary>A tree of any record type with two plain weighted endpoints.</summary>
    public static SpecDocument Plain(string type, string first, string second) => new($$"""
        {
          "name": "plain", "hostedZoneId": "Z0000000000000000000A", "zoneName": "example.com",
          "recordName": "example.com", "recordType": "{{type}}",
          "root": { "id": "split", "routing": "weighted", "children": [
            { "id": "one", "weight": 1, "endpoint": { "values": [{{Json(first)}}] } },
            { "id": "two", "weight": 1, "endpoint": { "values": [{{Json(second)}}] } } ] }
        }
        """);

    /// <summary>Sets the field at a path such as <c>root.primary.children[0].weight</c> to a JSON value; null removes it.</summary>
    public SpecDocument Set(string path, string? json)
    {
        var (parent, last) = Parent(path);
        if (last is int index)
        {
            if (json is null) parent.AsArray().RemoveAt(index);
            else if (index == parent.AsArray().Count) parent.AsArray().Add(JsonNode.Parse(json));
            else parent[index] = JsonNode.Parse(json);
        }
        else if (json is null) parent.AsObject().Remove((string)last);
        else parent[(string)last] = JsonNode.Parse(json);
        return this;
    }

    public SpecDocument Remove(string path) => Set(path, null);

    public string Text => _root.ToJsonString();

    public static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text, TestJson.Default.String);

    private (JsonNode Parent, object Last) Parent(string path)
    {
        var segments = Segment().Matches(path)
            .Select(m => m.Groups[1].Success ? (object)m.Groups[1].Value : int.Parse(m.Groups[2].Value)).ToList();
        var node = _root;
        foreach (var segment in segments.SkipLast(1))
            node = segment is int i ? node[i]! : node[(string)segment]!;
        return (node, segments[^1]);
    }

    [GeneratedRegex(@"([A-Za-z$][A-Za-z0-9]*)|\[(\d+)\]")]
    private static partial Regex Segment();
}
