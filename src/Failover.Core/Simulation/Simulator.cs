using Failover.Core.Validation;
using Failover.Core.Geography;
using Failover.Core.Diagnostics;
using Failover.Core.Spec;

namespace Failover.Core.Simulation;

/// <summary>Answers "if these endpoints fail, who answers?" the way Route 53 evaluates the records.</summary>
public static class Simulator
{
    public static SimulationResult Simulate(TreeSpec spec, SimulationQuery query)
    {
        var diagnostics = new List<SpecDiagnostic>();
        var notes = new List<string>();
        var nodes = spec.Root.DescendantsAndSelf().GroupBy(n => n.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var failing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in query.Unhealthy.Order(StringComparer.Ordinal))
        {
            if (!nodes.TryGetValue(id, out var node))
            {
                diagnostics.Add(
                    new SpecDiagnostic("unhealthy", $"no node of tree '{spec.Name}' has the id '{id}'{KnownIds(nodes.Values)}"));
            }
            else if (RecordHealth.CanFail(node))
            {
                failing.Add(id);
            }
            else
            {
                diagnostics.Add(new SpecDiagnostic(node.Path, WhyItCannotFail(node), Severity.Warning));
            }
        }

        ClientLocation? location = null;
        if (query.Location is not null)
        {
            location = ClientLocation.TryParse(query.Location, out var error, out var note);
            if (error is not null) diagnostics.Add(new SpecDiagnostic("location", error));
            if (note is not null) notes.Add(note);
        }

        GeoPoint? point = null;
        if (query.Coordinates is not null)
        {
            point = GeoproximityMatch.ParseCoordinates(query.Coordinates, out var error);
            if (error is not null) diagnostics.Add(new SpecDiagnostic("coordinates", error));
        }
        else if (location?.Country is { } country && spec.Root.DescendantsAndSelf().Any(n => n.Routing == RoutingPolicy.Geoproximity))
        {
            point = RepresentativePoints.OfClient(country, location.Subdivision);
            notes.Add(point is { } p
                ? $"client placed at {p}, a representative point of {location}"
                : $"the simulator has no representative point for {location}; give --coordinates for geoproximity rules");
        }

        System.Net.IPAddress? clientIp = null;
        if (query.ClientIp is not null && !CidrRules.TryParseAddress(query.ClientIp.Trim(), out clientIp))
            diagnostics.Add(new SpecDiagnostic("clientIp", $"'{query.ClientIp}' is not an IPv4 or IPv6 address"));

        AzClient? az = null;
        if (query.Az is not null)
        {
            az = AzClient.Parse(query.Az, out var error);
            if (error is not null) diagnostics.Add(new SpecDiagnostic("az", error));
        }

        var type = query.RecordType?.Trim().ToUpperInvariant() ?? spec.RecordType;
        if (!spec.RecordTypes.Contains(type))
            diagnostics.Add(new SpecDiagnostic("recordType",
                $"tree '{spec.Name}' answers {string.Join(" and ", spec.RecordTypes)} queries, not {query.RecordType}"));

        if (diagnostics.Any(d => d.Severity == Severity.Error)) return new SimulationResult([], notes, diagnostics);

        var answering = new GroupAnswering(new RecordHealth(failing, spec), query.Region, location, notes, point, clientIp, az);
        var answers = new List<SimulatedAnswer>();
        var noAnswer = 0.0;
        Walk(spec.Root, 1.0, []);
        return new SimulationResult(answers, notes, diagnostics, noAnswer);

        // Each answer carries the rules that decided its share, root first.
        void Walk(TreeNode node, double probability, List<Decision> path)
        {
            if (node.Kind != NodeKind.Rule)
            {
                if (ReferenceEquals(node, spec.Root) && failing.Contains(node.Id))
                {
                    notes.Add($"{node.Id}: the tree is a single record, which Route 53 returns whatever its health");
                }
                answers.Add(new SimulatedAnswer(node.Id, ValuesOf(spec, node, type), probability)
                {
                    DecidedBy = path.Select(d => d.ToString()).ToList(),
                    Undocumented = path.Any(d => !d.IsDocumented),
                });
                return;
            }
            var choices = answering.Choose(node);
            if (choices.Count == 0)
            {
                noAnswer += probability;
                return;
            }
            foreach (var choice in choices)
            {
                List<Decision> next = [.. path, choice.Rule];
                if (choice.Node.Kind == NodeKind.Rule) next.Add(Decision.NestedGroup);
                Walk(choice.Node, probability * choice.Probability, next);
            }
        }
    }

    // A dual-stack tree answers each type with its own family; the health that chose the leaf is the node's, shared.
    private static IReadOnlyList<string> ValuesOf(TreeSpec spec, TreeNode leaf, string type) =>
        leaf.Alias is { } alias ? [alias.DnsName] : leaf.Endpoint is { } endpoint ? DualStack.ValuesOf(spec, endpoint, type) : [];

    private static string WhyItCannotFail(TreeNode node) => node.Kind switch
    {
        NodeKind.Endpoint => $"'{node.Id}' has no health check: Route 53 always treats it as healthy, so marking it unhealthy changes " +
            $"nothing",
        NodeKind.Alias => $"alias '{node.Id}' does not evaluate target health: Route 53 always treats it as healthy, so marking it " +
            $"unhealthy changes nothing",
        _ => $"'{node.Id}' is a rule without a health check of its own: its health is that of its records, so mark its leaves " +
            "unhealthy instead; ignored",
    };

    private static string KnownIds(IEnumerable<TreeNode> nodes)
    {
        var ids = nodes.Where(RecordHealth.CanFail).Select(n => n.Id).ToList();
        if (ids.Count == 0) return " (no leaf of this tree can fail: none is health-checked)";
        const int shown = 10;
        return $" (leaves that can fail: {string.Join(", ", ids.Take(shown))}{(ids.Count > shown ? ", …" : "")})";
    }
}
