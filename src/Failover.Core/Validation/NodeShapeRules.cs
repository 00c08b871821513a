using System.Text.RegularExpressions;
using Failover.Core.Compilation;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>What each node is (rule, endpoint or alias), its id, and which children it may have.</summary>
internal static partial class NodeShapeRules
{
    /// <summary>Route 53 allows at most 100 weighted, latency, geolocation or multivalue records per name and type.</summary>
    public const int MaxChildren = 100;

    /// <summary>Developer Guide, "Quotas" (Quotas on records): "Geoproximity records: 30 records that have the same name and
    /// type".</summary>
    public const int MaxGeoproximityChildren = 30;

    /// <summary>A nested rule lives at "_&lt;id&gt;.&lt;recordName&gt;", and a DNS label holds at most 63 characters.</summary>
    public const int MaxIdLength = 62;

    public static void Check(ValidationContext context, VisitedNode visited, Dictionary<string, string> ids)
    {
        var node = visited.Node;
        CheckId(context, visited, ids);

        // Counted first: the list of kinds is made only for the message (not once per node of a large tree).
        var count = (node.Routing is not null ? 1 : 0) + (node.Endpoint is not null ? 1 : 0) + (node.Alias is not null ? 1 : 0);
        if (count == 0) context.Error(node.Path, "a node needs routing (a rule), endpoint or alias");
        if (count > 1)
        {
            var kinds = new List<string>();
            if (node.Routing is not null) kinds.Add("routing");
            if (node.Endpoint is not null) kinds.Add("endpoint");
            if (node.Alias is not null) kinds.Add("alias");
            context.Error(node.Path, $"a node is a rule, an endpoint or an alias, not several: found {string.Join(" and ", kinds)}");
        }

        if (node.Routing is { } routing) CheckRuleChildren(context, node, routing);
        else CheckLeafHasNoChildren(context, node);

        if (visited.ParentRouting == RoutingPolicy.Multivalue && node.Endpoint is null
            && (node.Routing is not null || node.Alias is not null))
            context.Error(node.Path,
                "a multivalue rule takes only endpoint leaves: Route 53 has no multivalue alias records, so neither aliases nor nested " +
                    "rules fit here");
        if (node.Routing == RoutingPolicy.Multivalue && context.Spec.RecordType == "CNAME")
            context.Error($"{node.Path}.routing", "Route 53 has no multivalue CNAME records; use weighted routing or an A/AAAA tree");
    }

    private static void CheckId(ValidationContext context, VisitedNode visited, Dictionary<string, string> ids)
    {
        var node = visited.Node;
        // The path is made only for a message: most ids are fine, and a large tree has a hundred thousand of them.
        string IdPath() => visited.PathOf("id");
        if (node.Id.Length == 0)
        {
            context.Error(IdPath(), "id must not be empty");
            return;
        }
        // Ids become set identifiers and helper-name labels, and helper names are lower case: "A" and "a" collide.
        if (ids.TryGetValue(node.Id, out var first))
            context.Error(IdPath(), $"the id \"{node.Id}\" is already used at {first} (ids are unique, ignoring case)");
        else ids[node.Id] = node.Path;
        if (node.Id.Length > MaxIdLength)
            context.Error(
                IdPath(),
                    $"id is {node.Id.Length} characters long; at most {MaxIdLength}, since a nested rule lives at the DNS label \"_<id>\"");
        else if (!IdSyntax().IsMatch(node.Id))
            context.Error(
                IdPath(), $"id \"{TreeFieldRules.Shown(node.Id)}\" must be letters, digits and '-', not starting or ending with '-' (it " +
                    $"becomes a DNS label and a set identifier)");
        else if (visited.Parent is not null && node.Routing is not null && context.Spec.RecordName.Length > 0)
        {
            var helper = HelperNames.Of(node, context.Spec.RecordName);
            if (helper.Length > DnsNameSyntax.MaxLength)
                context.Error(
                    IdPath(), $"this nested rule lives at \"{helper}\", which is longer than {DnsNameSyntax.MaxLength} characters; use a " +
                        $"shorter id");
        }
    }

    private static void CheckRuleChildren(ValidationContext context, TreeNode node, RoutingPolicy routing)
    {
        if (routing == RoutingPolicy.Failover)
        {
            if (node.Primary is null) context.Error($"{node.Path}.primary", "a failover rule needs a primary");
            if (node.Secondary is null) context.Error($"{node.Path}.secondary", "a failover rule needs a secondary");
            if (node.Children.Count > 0)
                context.Error($"{node.Path}.children", "a failover rule takes primary and secondary, not children");
            return;
        }
        var name = SpecFields.Name(routing);
        if (node.Primary is not null) context.Error($"{node.Path}.primary", $"only failover rules have a primary; this rule is {name}");
        if (node.Secondary is not null) context.Error($"{node.Path}.secondary",
            $"only failover rules have a secondary; this rule is {name}");
        if (node.Children.Count == 0) context.Error($"{node.Path}.children", $"a {name} rule needs at least one child");
        var most = routing == RoutingPolicy.Geoproximity ? MaxGeoproximityChildren : MaxChildren;
        if (node.Children.Count > most)
            context.Error($"{node.Path}.children", $"a {name} rule has {node.Children.Count} children; Route 53 allows at most " +
                $"{most} {name} records per name and type");
    }

    private static void CheckLeafHasNoChildren(ValidationContext context, TreeNode node)
    {
        var what = node.Alias is not null ? "an alias" : "an endpoint";
        if (node.Primary is not null) context.Error($"{node.Path}.primary", $"only failover rules have a primary; this node is {what}");
        if (node.Secondary is not null) context.Error($"{node.Path}.secondary",
            $"only failover rules have a secondary; this node is {what}");
        if (node.Children.Count > 0) context.Error($"{node.Path}.children", $"only rules have children; this node is {what}");
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\z")]
    private static partial Regex IdSyntax();
}
