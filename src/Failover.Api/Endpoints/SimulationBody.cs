using System.Text.Json;
using Failover.Api.Problems;
using Failover.Core.Simulation;

namespace Failover.Api.Endpoints;

/// <summary>
/// Reads <c>{"unhealthy":["id",…],"region":"eu-west-1","location":"DE","coordinates":"48.85,2.35","clientIp":"192.0.2.7",</c>
/// <c>"az":"use1-az1","recordType":"AAAA"}</c>,
/// every field optional, and <c>"spec"</c>: a draft to simulate instead of a stored version. Every problem is
/// reported at once with its JSON path; an unknown field is a problem too (a typo would silently simulate something else).
/// </summary>
public static class SimulationBody
{
    private static readonly string[] Fields = ["unhealthy", "region", "location", "coordinates", "clientIp", "az", "recordType", "spec"];

    /// <summary>The draft spec's text when the body carries one (an editor's what-if before anything is stored).</summary>
    public static string? DraftSpec(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("spec", out var spec) ? spec.GetRawText() : null;

    /// <summary>The query, and the JSON path of each unhealthy id (to place the simulator's complaints).</summary>
    public static (SimulationQuery Query, IReadOnlyDictionary<string, string> UnhealthyPaths) Read(JsonElement root)
    {
        var errors = new List<FieldError>();
        if (root.ValueKind != JsonValueKind.Object)
            throw ApiCall.Invalid(FieldError.AtPath("$", $"the body must be a JSON object, not {Describe(root)}"));

        var unhealthy = new HashSet<string>(StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        string? region = null, location = null, coordinates = null, clientIp = null, az = null, recordType = null;
        foreach (var property in root.EnumerateObject())
        {
            var path = "$." + property.Name;
            switch (property.Name)
            {
                case "unhealthy" when property.Value.ValueKind == JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        var at = $"{path}[{index++}]";
                        if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length == 0)
                            errors.Add(
                                FieldError.AtPath(
                                at, $"each unhealthy entry must be a node id (a non-empty string), not {Describe(item)}"));
                        else if (unhealthy.Add(item.GetString()!))
                            paths[item.GetString()!] = at;
                    }
                    break;
                case "unhealthy":
                    errors.Add(FieldError.AtPath(path, $"unhealthy must be an array of node ids, not {Describe(property.Value)}"));
                    break;
                case "region" or "location" or "coordinates" or "clientIp" or "az" or "recordType"
                    when property.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "region" or "location" or "coordinates" or "clientIp" or "az" or "recordType"
                    when property.Value.ValueKind != JsonValueKind.String
                    || property.Value.GetString()!.Length == 0:
                    errors.Add(FieldError.AtPath(path, $"{property.Name} must be a non-empty string, not {Describe(property.Value)}"));
                    break;
                case "region":
                    region = property.Value.GetString();
                    break;
                case "location":
                    location = property.Value.GetString();
                    break;
                case "coordinates":
                    coordinates = property.Value.GetString();
                    break;
                case "clientIp":
                    clientIp = property.Value.GetString();
                    break;
                case "az":
                    az = property.Value.GetString();
                    break;
                case "recordType":
                    recordType = property.Value.GetString();
                    break;
                case "spec":
                    // Read by DraftSpec and validated as a spec, with its errors under $.spec.
                    break;
                default:
                    errors.Add(FieldError.AtPath(path, $"unknown field '{property.Name}'; the fields are {string.Join(", ", Fields)}"));
                    break;
            }
        }
        if (errors.Count > 0) throw ApiCall.Invalid([.. errors]);
        var query = new SimulationQuery(unhealthy, region, location)
        {
            Coordinates = coordinates, ClientIp = clientIp, Az = az, RecordType = recordType,
        };
        return (query, paths);
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{ApiCall.Shown(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };
}
