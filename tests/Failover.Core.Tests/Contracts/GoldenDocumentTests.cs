using Failover.Core.Compilation;
using Failover.Core.Diagram;
using Failover.Core.Drift;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Simulation;
using Failover.Core.Tests.Drift;
using Failover.Core.Tests.Planning;
using Failover.Testing;
using static Failover.Core.Tests.Simulation.Trees;
using Failover.Core.Contracts;

namespace Failover.Core.Tests.Contracts;

/// <summary>
/// The documented wire shapes of the core — the plan (<c>plan --json</c>, the AWS CLI's shapes), the drift report,
/// the diagram data and the simulation result — pinned byte for byte to the golden files the hand-written writers
/// produced before the typed contracts replaced them.
/// </summary>
[Trait("Category", "Unit")]
public class GoldenDocumentTests
{
    internal const string Folder = "tests/Failover.Core.Tests/Contracts/Golden";

    internal static Plan WwwCreate() => Planner.Plan(TreeCompiler.Compile(SampleTrees.Www()), ActualState.Empty);

    internal static Plan WwwTeardown()
    {
        var zone = new InMemoryZone("www", "Z0000000000000000000A");
        zone.Apply(WwwCreate());
        return Planner.Teardown("www", "Z0000000000000000000A", zone.State);
    }

    internal static Plan Blocked()
    {
        var foreignAtRoot = new ResourceRecordSet { Name = "x.example.com", Type = "A", Ttl = 60, ResourceRecords = ["203.0.113.1"] };
        return Planner.Plan(TreeCompiler.Compile(SampleTrees.With(SampleTrees.Endpoint("only", "$.root", "192.0.2.1"), name: "x")),
            new ActualState([foreignAtRoot], [], new HashSet<RecordKey>()));
    }

    public static TheoryData<string> Plans => ["plan-www", "plan-every-field", "plan-teardown", "plan-conflicts"];

    internal static Plan PlanNamed(string name) => name switch
    {
        "plan-www" => WwwCreate(),
        "plan-every-field" => PlanJsonWriterTests.EveryField(),
        "plan-teardown" => WwwTeardown(),
        "plan-conflicts" => Blocked(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Plans_are_written_as_before(string name)
    {
        GoldenJson.AssertExact(Folder, name, PlanJson.Write(PlanNamed(name)));
        GoldenJson.AssertExact(Folder, name + ".compact", PlanJson.Write(PlanNamed(name), indented: false));
    }

    [Fact]
    public void Drift_reports_are_written_as_before()
    {
        GoldenJson.AssertExact(Folder, "drift-report", DriftReportJson.Write(DriftReportJsonTests.Drifted()));
        GoldenJson.AssertExact(Folder, "drift-report.compact", DriftReportJson.Write(DriftReportJsonTests.Drifted(), indented: false));
        var clean = new DriftReport("www", "Z0000000000000000000A", "www.example.com", []);
        GoldenJson.AssertExact(Folder, "drift-report-clean", DriftReportJson.Write(clean));
    }

    [Fact]
    public void Diagram_data_is_written_as_before()
    {
        var overlay = new DiagramOverlay(new Dictionary<string, NodeOverlay>
        {
            ["use1-a"] = new(RunProgress.InProgress, Health: HealthState.Unhealthy),
            ["sorry"] = new(RunProgress.Done, DriftState.Missing),
            ["use1-b"] = new(RunProgress.Failed, DriftState.Changed, HealthState.Healthy),
        });
        GoldenJson.AssertExact(Folder, "diagram", DiagramJson.Write(Complex()));
        GoldenJson.AssertExact(Folder, "diagram-overlay", DiagramJson.Write(Complex(), overlay, indented: true));
    }

    [Fact]
    public void Simulation_results_are_written_as_before()
    {
        var shares = new SimulationResult(
            [new SimulatedAnswer("a", ["192.0.2.1", "192.0.2.2"], 1 / 3.0), new SimulatedAnswer("b", ["x.example"], 2 / 3.0)], [], []);
        GoldenJson.AssertExact(Folder, "simulation-shares", SimulationJson.Write(shares));
        var nowhere = Simulator.Simulate(
            Tree(Geo("geo", Endpoint("de").Country("DE"))), new SimulationQuery(new HashSet<string>(), Location: "FR"));
        GoldenJson.AssertExact(Folder, "simulation-no-answer", SimulationJson.Write(nowhere));
        var complex = Simulator.Simulate(Complex(), new SimulationQuery(new HashSet<string> { "use1-a" }, Region: "eu-west-1"));
        GoldenJson.AssertExact(Folder, "simulation-complex", SimulationJson.Write(complex));
    }
}
