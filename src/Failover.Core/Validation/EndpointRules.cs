using System.Text.RegularExpressions;
using Failover.Core.Planning;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>Endpoint leaves: values valid for the record type, TTL, and how they are health-checked.</summary>
internal static partial class EndpointRules
{
    /// <summary>Route 53's limit on one resource record value (RData).</summary>
    public const int MaxValueLength = 4000;

    /// <summary>Route 53's quota on the values of one record (Developer Guide, Quotas).</summary>
    public const int MaxValuesPerRecord = 400;

    public static void Check(ValidationContext context, VisitedNode visited)
    {
        var endpoint = visited.Node.Endpoint!;
        var path = visited.PathOf("endpoint");
        CheckValues(context, endpoint, path);
        if (endpoint.Ttl is < 0 or > TreeFieldRules.MaxTtl)
            context.Error($"{path}.ttl", $"ttl must be between 0 and {TreeFieldRules.MaxTtl} seconds");

        if (endpoint.HealthCheck is not null && endpoint.HealthCheckId is not null)
            context.Error($"{path}.healthCheckId",
                "give either healthCheck (a check this tree creates) or healthCheckId (an existing check), not both");
        if (endpoint.HealthCheckId is { } id && !HealthCheckId().IsMatch(id))
            context.Error($"{path}.healthCheckId", $"\"{TreeFieldRules.Shown(id)}\" is not a Route 53 health check id (a UUID such as " +
                $"6f1c2a4e-8d2b-4c9a-9e33-0a1b2c3d4e5f)");
        // Route 53's API reference: a failover record set needs HealthCheckId; without one the primary always answers.
        if (visited.IsFailoverPrimary && endpoint.HealthCheck is null && endpoint.HealthCheckId is null)
            context.Error($"{path}.healthCheck",
                "a failover primary endpoint needs a health check (healthCheck or healthCheckId), or it can never fail over");
        if (endpoint.HealthCheck is not null) HealthCheckRules.CheckLeaf(context, visited, endpoint, $"{path}.healthCheck");
    }

    /// <summary>
    /// All non-alias records of a weighted group must share one TTL (API reference, ResourceRecordSet.TTL), and so must a
    /// multivalue group's: given several, Route 53 "changes the value of TTL for all of the records to the last value that you
    /// specified" (Developer Guide, "Values specific for multivalue answer records", TTL), so the zone would never hold the
    /// tree's records and every drift check would find them changed.
    /// </summary>
    public static void CheckGroupTtls(ValidationContext context, TreeNode rule)
    {
        var endpoints = rule.Children.Where(c => c.Endpoint is not null && c.Routing is null).ToList();
        if (endpoints.Count < 2) return;
        var first = endpoints[0];
        var ttl = first.Endpoint!.Ttl ?? context.Spec.Ttl;
        foreach (var other in endpoints.Skip(1))
        {
            var otherTtl = other.Endpoint!.Ttl ?? context.Spec.Ttl;
            if (otherTtl != ttl)
                context.Error($"{other.Path}.endpoint.ttl", $"ttl {otherTtl} differs from {ttl} at {first.Path}: Route 53 requires one " +
                    $"TTL for all records of a {SpecFields.Name(rule.Routing!.Value)} group");
        }
    }

    private static void CheckValues(ValidationContext context, EndpointSpec endpoint, string path)
    {
        var type = context.Spec.RecordType;
        if (endpoint.Values.Count == 0)
        {
            context.Error($"{path}.values", "an endpoint needs at least one value");
            return;
        }
        if (type == "CNAME" && endpoint.Values.Count > 1)
            context.Error($"{path}.values", $"a CNAME record has exactly one value; found {endpoint.Values.Count}");
        if (!context.Spec.DualStack) CheckRecordSize(context, endpoint.Values, path);
        else
            foreach (var family in TreeSpec.DualStackTypes)
                CheckRecordSize(context, DualStack.ValuesOf(context.Spec, endpoint, family), path);
        // Most endpoints hold one value: no set to find duplicates in, and each value's path made only for a message.
        var seen = endpoint.Values.Count > 1 ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null;
        for (var i = 0; i < endpoint.Values.Count; i++)
        {
            var value = endpoint.Values[i];
            var at = i;
            string ValuePath() => $"{path}.values[{at}]";
            if (seen is not null && !seen.Add(value)) context.Error(
                ValuePath(), $"\"{TreeFieldRules.Shown(value)}\" is listed twice; Route 53 refuses duplicate values in a record");
            else if (value.Length > MaxValueLength) context.Error(ValuePath(), $"a value has at most {MaxValueLength} characters");
            else if (context.Spec.DualStack)
            {
                if (!DualStack.IsFamilyOf(value, "A") && !DualStack.IsFamilyOf(value, "AAAA"))
                    context.Error(ValuePath(), $"\"{TreeFieldRules.Shown(value)}\" is not an IPv4 or IPv6 address: a dual-stack tree's " +
                        "endpoints hold the addresses of its A and AAAA records");
            }
            else if (ValueProblem(type, value) is { } problem) context.Error(ValuePath(), problem);
        }
        // A dual-stack endpoint answers in both record sets of its group: without an address of each family one of them
        // would lack the leaf (a failover pair with no primary, a weighted group without a member).
        if (context.Spec.DualStack)
            foreach (var family in TreeSpec.DualStackTypes)
                if (endpoint.Values.Count > 0 && endpoint.Values.All(v => !DualStack.IsFamilyOf(v, family)))
                    context.Error($"{path}.values", $"a dual-stack endpoint needs an {(family == "A" ? "IPv4" : "IPv6")} address too, " +
                        $"for its {family} record");
    }

    /// <summary>
    /// The values one record of the endpoint holds (a dual-stack endpoint makes two records, its A with the IPv4 values and
    /// its AAAA with the IPv6 ones, each sized on its own).
    /// </summary>
    private static void CheckRecordSize(ValidationContext context, IReadOnlyList<string> values, string path)
    {
        var family = context.Spec.DualStack ? " of one address family" : "";
        // Developer Guide, "Quotas" (Quotas on records): "Values in a record: 400 per record".
        if (values.Count > MaxValuesPerRecord)
        {
            context.Error($"{path}.values", $"a record holds at most {MaxValuesPerRecord} values (found {values.Count:N0}{family}): "
                + "Route 53's quota on values in a record (Developer Guide, Quotas); split them over several endpoints under a "
                + "weighted or multivalue rule");
            return;
        }
        // A record set is never split across requests, and changing it (UPSERT, or DELETE with CREATE) counts each value
        // twice against one ChangeResourceRecordSets request's limits: beyond half of them it could be created, never changed.
        var limits = ChangeBatchLimits.Route53;
        var characters = 0;
        foreach (var value in values) characters += value.Length;
        if (characters > limits.MaxValueCharacters / 2)
            context.Error($"{path}.values", $"a record's values have at most {limits.MaxValueCharacters / 2:N0} characters in all " +
                $"(found {characters:N0}{family}): "
                + $"Route 53 takes {limits.MaxValueCharacters:N0} per request and counts each twice when a record changes");
    }

    private static string? ValueProblem(string type, string value)
    {
        var shown = TreeFieldRules.Shown(value);
        switch (type)
        {
            case "A":
                return AddressRanges.IsIPv4(value) ? null
                    : $"\"{shown}\" is not an IPv4 address (an A record holds dotted-quad addresses such as 192.0.2.10)";
            case "AAAA":
                return AddressRanges.IsIPv6(value) ? null
                    : $"\"{shown}\" is not an IPv6 address (an AAAA record holds addresses such as 2001:db8::10)";
            case "CNAME":
            case "PTR":
                var problem = DnsNameSyntax.Problem(DnsNames.Normalize(value));
                return problem is null ? null : $"a {type} value is a domain name; \"{shown}\" {problem}";
            case "MX":
                var mx = Mx().Match(value);
                return mx.Success && int.TryParse(mx.Groups[1].Value, out var preference) && preference <= 65535
                    ? null : $"\"{shown}\" is not an MX value: \"<preference 0–65535> <mail server>\", for example \"10 mail.example.com\"";
            case "SRV":
                return Srv().IsMatch(value) ? null
                    : $"\"{shown}\" is not an SRV value: \"<priority> <weight> <port> <target>\", for example \"1 10 5269 " +
                        $"xmpp.example.com\"";
            case "TXT":
            case "SPF":
                if (CharacterStrings.Lengths(value) is not { } lengths)
                    return $"a {type} value is one or more quoted strings, for example \"\\\"v=spf1 -all\\\"\"";
                var longest = lengths.Max();
                return longest <= CharacterStrings.MaxLength ? null
                    : $"a quoted string here has {longest} characters and Route 53 refuses strings over {CharacterStrings.MaxLength} " +
                        $"(CharacterStringTooLong): "
                        + "split it into several quoted strings in the same value, \"\\\"first part\\\" \\\"second part\\\"\", which DNS " +
                            "clients join";
            case "CAA":
                return Caa().IsMatch(value) ? null
                    : $"\"{shown}\" is not a CAA value: \"<flags> <tag> \\\"<value>\\\"\", for example \"0 issue \\\"amazon.com\\\"\"";
            default:
                return string.IsNullOrWhiteSpace(value) ? "a value must not be empty" : null;
        }
    }

    [GeneratedRegex("^([0-9]{1,5}) [A-Za-z0-9._-]+\\.?\\z")]
    private static partial Regex Mx();

    [GeneratedRegex("^[0-9]{1,5} [0-9]{1,5} [0-9]{1,5} [A-Za-z0-9._-]+\\.?\\z")]
    private static partial Regex Srv();

    [GeneratedRegex("^[0-9]{1,3} [A-Za-z0-9]+ \".*\"\\z")]
    private static partial Regex Caa();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z")]
    private static partial Regex HealthCheckId();

    public static bool IsHealthCheckId(string id) => HealthCheckId().IsMatch(id);
}
