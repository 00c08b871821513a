using System.Text;
using System.Text.Json.Nodes;

namespace Failover.Reliability.Corpus;

/// <summary>
/// Hostile and malformed specs, generated from the examples and mutated by a seeded random source: truncated JSON,
/// wrong types, huge arrays, deep nesting, unicode and control characters in names, names outside the zone,
/// injection-looking strings, oversized bodies and plain garbage. Every mutation breaks a rule the service documents,
/// so every case is invalid by construction (an accepted one is a finding). Some cases travel as YAML (JSON is YAML),
/// so both parsers are exercised.
/// </summary>
public sealed class HostileCorpus(int seed, string zoneId)
{
    public static readonly string[] Kinds =
    [
        "truncated", "wrong-type", "huge-array", "deep-nesting", "unicode-names", "outside-zone", "injection", "oversized",
            "garbage", "out-of-range",
    ];

    private static readonly string[] Examples = ["complex.json", "simple-failover.json", "multivalue.json", "www.json"];

    private static readonly string[] StrangeCharacters =
    [
        "é", "\u0000", "\u0007", "\u001b[31m", "\u202e", "\ud83d\ude00", "\t", "\n", " ", "\u200b", "ｗｗｗ", "\u0130", "\ufeff", "\\",
            "\"", "/",
    ];

    private static readonly string[] Injections =
    [
        "x';DROP TABLE trees;--", "../../etc/passwd", "$(reboot)", "`id`", "<script>alert(1)</script>", "{{healthcheck:root}}",
            "%00", "${jndi:ldap://x/a}",
        "a\r\nX-Injected: 1", "*", "..", "a b", "' OR '1'='1", "</Name><Type>TXT</Type>", "{\"$ne\":1}",
    ];

    private readonly Random _random = new(seed);
    private readonly string _zoneId = zoneId;
    private int _number;

    /// <summary><paramref name="count"/> cases, the kinds in turn.</summary>
    public IReadOnlyList<HostileCase> Generate(int count) =>
        Enumerable.Range(0, count).Select(i => Make(Kinds[i % Kinds.Length])).ToList();

    private HostileCase Make(string kind)
    {
        var (description, text, bytes) = kind switch
        {
            "truncated" => Truncated(),
            "wrong-type" => Text(WrongType()),
            "huge-array" => Text(HugeArray()),
            "deep-nesting" => Text(DeepNesting()),
            "unicode-names" => Text(UnicodeName()),
            "outside-zone" => Text(OutsideZone()),
            "injection" => Text(Injection()),
            "oversized" => Oversized(),
            "garbage" => Garbage(),
            _ => Text(OutOfRange()),
        };
        // JSON is YAML: a fifth of the text cases go to the YAML parser.
        var yaml = bytes is null && _random.Next(5) == 0;
        return new HostileCase(++_number, kind, description, bytes ?? Encoding.UTF8.GetBytes(text!),
            yaml ? "application/yaml" : "application/json");
    }

    private static (string, string?, byte[]?) Text((string Description, string Text) made) => (made.Description, made.Text, null);

    /// <summary>An example, in the stack's zone, under a name of its own.</summary>
    private JsonObject Example()
    {
        var file = Examples[_random.Next(Examples.Length)];
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", file)))!.AsObject();
        json.Remove("$schema");
        json["hostedZoneId"] = _zoneId;
        var name = $"hostile{_number + 1}";
        json["name"] = name;
        json["recordName"] = $"{name}.{json["zoneName"]!.GetValue<string>()}";
        return json;
    }

    /// <summary>Every node object of the tree (root, primaries, secondaries, children).</summary>
    private static List<JsonObject> Nodes(JsonObject spec)
    {
        var nodes = new List<JsonObject>();
        void Walk(JsonNode? node)
        {
            if (node is not JsonObject obj) return;
            nodes.Add(obj);
            Walk(obj["primary"]);
            Walk(obj["secondary"]);
            if (obj["children"] is JsonArray children) foreach (var child in children) Walk(child);
        }
        Walk(spec["root"]);
        return nodes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private (string, string?, byte[]?) Truncated()
    {
        var text = Example().ToJsonString();
        // Anywhere before the closing brace: no strict prefix of a JSON object is a JSON document.
        var cut = _random.Next(0, text.LastIndexOf('}'));
        return ($"cut at byte {cut} of {text.Length}", text[..cut], null);
    }

    private (string, string) WrongType()
    {
        var spec = Example();
        var nodes = Nodes(spec);
        var leaves = nodes.Where(n => n["endpoint"] is not null).ToList();
        var choices = new List<(string, Action)>
        {
            ("name is a number", () => spec["name"] = 12),
            ("ttl is a word", () => spec["ttl"] = "sixty"),
            ("ttl is an object", () => spec["ttl"] = new JsonObject { ["seconds"] = 60 }),
            ("root is an array", () => spec["root"] = new JsonArray()),
            ("recordType is a boolean", () => spec["recordType"] = true),
            ("hostedZoneId is null", () => spec["hostedZoneId"] = null),
            ("healthCheckDefaults is a string", () => spec["healthCheckDefaults"] = "yes"),
            ("driftPolicy is a number", () => spec["driftPolicy"] = 7),
            ("an endpoint is a string", () => Pick(leaves)["endpoint"] = "192.0.2.1"),
            ("values is a number", () => Pick(leaves)["endpoint"]!["values"] = 42),
            ("a value is an object", () => Pick(leaves)["endpoint"]!["values"] = new JsonArray(new JsonObject { ["ip"] = "192.0.2.1" })),
            ("healthCheck is a number", () => Pick(leaves)["endpoint"]!["healthCheck"] = 5),
            ("an id is an array", () => Pick(nodes)["id"] = new JsonArray("a")),
            ("routing is a number", () => Pick(nodes)["routing"] = 3),
        };
        if (nodes.Any(n => n["children"] is not null))
            choices.Add(
                ("children is an object", () => Pick(nodes.Where(n => n["children"] is not null).ToList())["children"] = new JsonObject()));
        if (nodes.Any(n => n["weight"] is not null))
            choices.Add(("a weight is a word", () => Pick(nodes.Where(n => n["weight"] is not null).ToList())["weight"] = "heavy"));
        var (description, mutate) = Pick(choices);
        mutate();
        return (description, spec.ToJsonString());
    }

    private (string, string) HugeArray()
    {
        var spec = Example();
        switch (_random.Next(3))
        {
            case 0:
            {
                // Route 53 allows 100 records per name and type in a weighted group.
                var count = _random.Next(101, 3000);
                spec["root"] = new JsonObject
                {
                    ["id"] = "wide", ["routing"] = "weighted",
                    ["children"] = new JsonArray(Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
                    {
                        ["id"] = $"n{i}", ["weight"] = 1,
                            ["endpoint"] = new JsonObject { ["values"] = new JsonArray($"192.0.2.{i % 250 + 1}") },
                    }).ToArray()),
                };
                return ($"a weighted rule of {count} children", spec.ToJsonString());
            }
            case 1:
            {
                var count = _random.Next(1001, 20_000);
                Nodes(spec).First(n => n["endpoint"] is not null)["endpoint"] = new JsonObject
                {
                    ["values"] =
                        new JsonArray(Enumerable.Range(0, count)
                        .Select(i => (JsonNode)JsonValue.Create($"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}")!).ToArray()),
                };
                return ($"an endpoint with {count} values", spec.ToJsonString());
            }
            default:
            {
                var count = _random.Next(50, 500);
                Nodes(spec).First(n => n["endpoint"] is not null)["endpoint"]!["healthCheck"] = new JsonObject
                {
                    ["regions"] = new JsonArray(Enumerable.Range(0, count).Select(_ => (JsonNode)JsonValue.Create("us-east-1")!).ToArray()),
                };
                return ($"a health check with {count} (repeated) regions", spec.ToJsonString());
            }
        }
    }

    private (string, string) DeepNesting()
    {
        var spec = Example();
        if (_random.Next(2) == 0)
        {
            // More rule levels than a tree may have (16).
            var depth = _random.Next(17, 400);
            JsonNode node =
                new JsonObject { ["id"] = "bottom",
                ["endpoint"] = new JsonObject { ["values"] = new JsonArray("192.0.2.1"), ["healthCheck"] = new JsonObject() } };
            for (var i = 0; i < depth; i++)
                node =
                    new JsonObject { ["id"] = $"level{i}", ["routing"] = "failover", ["primary"] = node,
                    ["secondary"] =
                    new JsonObject { ["id"] = $"spare{i}", ["endpoint"] = new JsonObject { ["values"] = new JsonArray("192.0.2.2") } } };
            spec["root"] = node;
            return ($"failover rules {depth} levels deep", spec.ToJsonString());
        }
        var brackets = _random.Next(100, 50_000);
        var text = spec.ToJsonString();
        var field = _random.Next(2) == 0 ? "\"ttl\":" : "\"root\":";
        var at = text.IndexOf(field, StringComparison.Ordinal) + field.Length;
        var value = new string('[', brackets) + new string(']', brackets);
        // Replace the field's value (up to the next comma or brace at depth 0 is hard in text: put the arrays first and a comma after).
        return ($"{field.Trim(':', '"')} nested in {brackets} arrays",
            text[..at] + value + "," + "\"x" + _random.Next() + "\":" + text[at..]);
    }

    private (string, string) UnicodeName()
    {
        var spec = Example();
        var strange = Pick(StrangeCharacters);
        var nodes = Nodes(spec);
        switch (_random.Next(4))
        {
            case 0:
                var node = Pick(nodes);
                node["id"] = Insert(node["id"]!.GetValue<string>(), strange);
                return ($"node id with {Escape(strange)}", spec.ToJsonString());
            case 1:
                spec["name"] = Insert(spec["name"]!.GetValue<string>(), strange);
                return ($"tree name with {Escape(strange)}", spec.ToJsonString());
            case 2:
                spec["recordName"] = Insert(spec["recordName"]!.GetValue<string>().Split('.')[0], strange) + "."
                    + spec["zoneName"]!.GetValue<string>();
                return ($"record name with {Escape(strange)}", spec.ToJsonString());
            default:
                spec["zoneName"] = Insert(spec["zoneName"]!.GetValue<string>(), strange);
                return ($"zone name with {Escape(strange)}", spec.ToJsonString());
        }
    }

    private string Insert(string text, string strange)
    {
        var at = _random.Next(text.Length + 1);
        return text[..at] + strange + text[at..];
    }

    private (string, string) OutsideZone()
    {
        var spec = Example();
        var label = spec["name"]!.GetValue<string>();
        var outside =
            Pick(
            new[] { $"{label}.example.org", $"{label}.example.com.evil.net", $"{label}.example.co",
            "example.org", $"{label}.notexample.com", "com" });
        spec["recordName"] = outside;
        return ($"record name {outside} in zone {spec["zoneName"]}", spec.ToJsonString());
    }

    private (string, string) Injection()
    {
        var spec = Example();
        var text = Pick(Injections);
        var nodes = Nodes(spec);
        var leaves = nodes.Where(n => n["endpoint"] is JsonObject e && e["values"] is not null).ToList();
        switch (_random.Next(6))
        {
            case 0:
                Pick(nodes)["id"] = text;
                return ($"node id {Escape(text)}", spec.ToJsonString());
            case 1:
                spec["name"] = text;
                return ($"tree name {Escape(text)}", spec.ToJsonString());
            case 2:
                Pick(leaves)["endpoint"]!["values"] = new JsonArray(JsonValue.Create("192.0.2.1" + text));
                return ($"value 192.0.2.1{Escape(text)}", spec.ToJsonString());
            case 3:
                var leaf = Pick(leaves)["endpoint"]!.AsObject();
                leaf.Remove("healthCheck");
                leaf["healthCheckId"] = "0c8b3d4e" + text;
                return ($"healthCheckId 0c8b3d4e{Escape(text)}", spec.ToJsonString());
            case 4:
                spec["hostedZoneId"] = _zoneId + text;
                return ($"hostedZoneId {_zoneId}{Escape(text)}", spec.ToJsonString());
            default:
                spec["recordName"] = text + "." + spec["zoneName"]!.GetValue<string>();
                return ($"record name {Escape(text)}.{spec["zoneName"]}", spec.ToJsonString());
        }
    }

    private (string, string?, byte[]?) Oversized()
    {
        var spec = Example();
        switch (_random.Next(3))
        {
            case 0:
                spec["name"] = new string('a', 10_000_000);
                return ("a 10 MB tree name", spec.ToJsonString(), null);
            case 1:
                var text = spec.ToJsonString();
                return ("a valid spec padded to 10 MB with spaces", new string(' ', 10_000_000 - text.Length) + text, null);
            default:
                // Over the 256 KB spec limit with a valid tree: a comment-sized pile of unused fields is not allowed either.
                spec["root"]!["description"] = new string('x', 300 * 1024);
                return ("a 300 KB spec", spec.ToJsonString(), null);
        }
    }

    private (string, string?, byte[]?) Garbage()
    {
        switch (_random.Next(8))
        {
            case 0: return ("an empty body", "", null);
            case 1: return ("null", "null", null);
            case 2: return ("an array", "[]", null);
            case 3: return ("a number", "42", null);
            case 4:
                var bytes = new byte[_random.Next(1, 4096)];
                _random.NextBytes(bytes);
                return ($"{bytes.Length} random bytes", null, bytes);
            case 5:
                // Without a byte-order mark nothing says it is UTF-16 (with one, the CLI reads the file as the text it is).
                return ("UTF-16 text without a byte-order mark", null, Encoding.Unicode.GetBytes(Example().ToJsonString()));
            case 6: return ("a YAML alias bomb",
                "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, " +
                    "*b]\nname: *c\n", null);
            default: return ("a YAML tag for a .NET type", "!!System.Diagnostics.Process\nname: x\n", null);
        }
    }

    private (string, string) OutOfRange()
    {
        var spec = Example();
        var nodes = Nodes(spec);
        var leaves = nodes.Where(n => n["endpoint"] is JsonObject e && e["values"] is not null).ToList();
        var choices = new List<(string, Action)>
        {
            ("ttl -1", () => spec["ttl"] = -1),
            ("ttl 2^31", () => spec["ttl"] = 2147483648L),
            ("ttl 1e400", () => spec["ttl"] = JsonNode.Parse("1e400")),
            ("a value 256.1.1.1", () => Pick(leaves)["endpoint"]!["values"] = new JsonArray("256.1.1.1")),
            ("a value that is a name", () => Pick(leaves)["endpoint"]!["values"] = new JsonArray("www.example.com")),
            ("no values", () => Pick(leaves)["endpoint"]!["values"] = new JsonArray()),
            ("port 70000", () => Pick(leaves)["endpoint"]!["healthCheck"] = new JsonObject { ["port"] = 70000 }),
            ("failure threshold 11", () => Pick(leaves)["endpoint"]!["healthCheck"] = new JsonObject { ["failureThreshold"] = 11 }),
            ("request interval 15", () => Pick(leaves)["endpoint"]!["healthCheck"] = new JsonObject { ["requestInterval"] = 15 }),
            ("a 300-character id", () => Pick(nodes)["id"] = new string('a', 300)),
            ("a 64-character tree name plus one", () => spec["name"] = new string('n', 65)),
            ("a region that does not exist", () => spec["root"] = new JsonObject
            {
                ["id"] = "lat", ["routing"] = "latency",
                ["children"] =
                    new JsonArray(
                    new JsonObject { ["id"] = "x", ["region"] = "mars-north-1",
                    ["endpoint"] = new JsonObject { ["values"] = new JsonArray("192.0.2.1") } }),
            }),
        };
        if (nodes.Any(n => n["weight"] is not null))
            choices.Add(("weight 256", () => Pick(nodes.Where(n => n["weight"] is not null).ToList())["weight"] = 256));
        var (description, mutate) = Pick(choices);
        mutate();
        return (description, spec.ToJsonString());
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || c > 126 ? $"\\u{(int)c:x4}" : c.ToString()));
}
