using Failover.Core.Alarms;
using Failover.Core.Compilation;
using Failover.Core.Contracts;
using Failover.Core.Drift;
using Failover.Core.Planning;
using Failover.Core.Tests.Planning;
using Failover.Testing;

namespace Failover.Core.Tests.Alarms;

/// <summary>
/// The alarms on a tree's health checks, planned as a layer of their own right after the checks and deleted with them;
/// a missing or changed alarm is drift a run repairs.
/// </summary>
[Trait("Category", "Unit")]
public class HealthCheckAlarmPlanningTests
{
    private const string Prefix = "stack-health-";

    private static (InMemoryZone Zone, CompiledTree Desired) Applied()
    {
        var spec = SampleTrees.Www();
        var zone = new InMemoryZone(spec.Name, spec.HostedZoneId) { AlarmPrefix = Prefix };
        var desired = TreeCompiler.Compile(spec);
        zone.Apply(Planner.Plan(desired, zone.State));
        return (zone, desired);
    }

    [Fact]
    public void A_new_tree_puts_one_alarm_per_check_right_after_the_checks_and_before_any_record()
    {
        var spec = SampleTrees.Www();
        var zone = new InMemoryZone(spec.Name, spec.HostedZoneId) { AlarmPrefix = Prefix };

        var plan = Planner.Plan(TreeCompiler.Compile(spec), zone.State);

        Assert.Equal(["health-checks", "health-check-alarms", "leaf-records"], plan.LayerNames().Take(3));
        var alarms = plan.Layer("health-check-alarms").HealthCheckAlarms;
        Assert.Equal(plan.Layer("health-checks").HealthChecks.Select(c => c.NodeId).Order(), alarms.Select(a => a.NodeId).Order());
        // The checks do not exist yet: the step takes the ids the health-checks layer wrote on the nodes.
        Assert.All(alarms, a => Assert.Null(a.HealthCheckId));

        zone.Apply(plan);
        Assert.Equal(zone.HealthChecks.Select(h => Prefix + h.Id).Order(), zone.Alarms.Keys.Order());
        var alarm = zone.Alarms[Prefix + zone.HealthChecks[0].Id];
        Assert.Equal(("AWS/Route53", "HealthCheckStatus", "Minimum", 60, 3, 2, 1.0, "LessThanThreshold"),
            (alarm.Namespace, alarm.MetricName, alarm.Statistic, alarm.Period, alarm.EvaluationPeriods, alarm.DatapointsToAlarm,
                alarm.Threshold, alarm.ComparisonOperator));
        Assert.Equal(zone.HealthChecks[0].Id, alarm.Dimensions["HealthCheckId"]);
    }

    [Fact]
    public void Re_planning_an_applied_tree_with_its_alarms_changes_nothing()
    {
        var (zone, desired) = Applied();
        Assert.True(Planner.Plan(desired, zone.State).IsEmpty);
        Assert.Empty(DriftDetector.Detect(desired, zone.State, zone.HealthChecks.Select(h => h.Id).ToHashSet()).Items);
    }

    [Fact]
    public void A_missing_or_changed_alarm_is_drift_and_the_plan_puts_only_that_alarm_back()
    {
        var (zone, desired) = Applied();
        var euw1 = zone.HealthChecks.Single(h => h.NodeTag == "euw1").Id;
        var use1a = zone.HealthChecks.Single(h => h.NodeTag == "use1-a").Id;
        zone.Alarms.Remove(Prefix + euw1);
        zone.Alarms[Prefix + use1a] = zone.Alarms[Prefix + use1a] with { Threshold = 0, EvaluationPeriods = 1 };

        var report = DriftDetector.Detect(desired, zone.State, zone.HealthChecks.Select(h => h.Id).ToHashSet());
        var missing = Assert.Single(report.Items, i => i.Kind == DriftKind.HealthCheckAlarmMissing);
        Assert.Equal(("euw1", euw1), (missing.NodeId, missing.HealthCheckId));
        var changed = Assert.Single(report.Items, i => i.Kind == DriftKind.HealthCheckAlarmChanged);
        Assert.Equal(["evaluationPeriods", "threshold"], changed.Fields.Select(f => f.Field).Order());
        Assert.Contains("the alarm on health check", changed.Describe());

        var plan = Planner.Plan(desired, zone.State);
        Assert.Equal(["health-check-alarms"], plan.LayerNames());
        Assert.Equal([("euw1", euw1), ("use1-a", use1a)],
            plan.Layers[0].HealthCheckAlarms.Select(a => (a.NodeId, a.HealthCheckId!)).OrderBy(a => a.NodeId));
        zone.Apply(plan);
        Assert.True(Planner.Plan(desired, zone.State).IsEmpty);
    }

    [Fact]
    public void An_alarm_whose_check_was_deleted_out_of_band_is_the_trees_drift_and_repair_and_teardown_delete_only_the_alarm()
    {
        var (zone, desired) = Applied();
        var euw1 = zone.HealthChecks.Single(h => h.NodeTag == "euw1").Id;
        zone.DeleteHealthCheck(euw1);
        // Another tree's alarm on a deleted check, and one that names no tree: neither is this tree's to delete.
        zone.Alarms["stack-health-other"] = HealthCheckAlarms.For(Prefix, "gone-1") with { Tree = "shop" };
        zone.Alarms["stack-health-nobody"] = HealthCheckAlarms.For(Prefix, "gone-2");

        var report = DriftDetector.Detect(desired, zone.State, zone.HealthChecks.Select(h => h.Id).ToHashSet());
        var orphan = Assert.Single(report.Items, i => i.Kind == DriftKind.HealthCheckAlarmOrphaned);
        Assert.Equal((euw1, Prefix + euw1), (orphan.HealthCheckId, orphan.AlarmName));
        Assert.Equal($"alarm {Prefix + euw1} watches health check {euw1}, which no longer exists", orphan.Describe());
        var json = DriftReportJson.Read(DriftReportJson.Write(report));
        Assert.Equal(Prefix + euw1, Assert.Single(json.Items, i => i.Kind == DriftKind.HealthCheckAlarmOrphaned).AlarmName);

        // The repair makes the node a new check with its alarm, and deletes the old alarm only.
        var repair = Planner.Plan(desired, zone.State);
        var deletion = Assert.Single(repair.Layer("health-check-cleanup").HealthCheckDeletions);
        Assert.Equal((euw1, Prefix + euw1, true), (deletion.HealthCheckId, deletion.AlarmName, deletion.AlarmOnly));
        Assert.Equal(0, repair.Summary.HealthChecksDeleted);
        var stored = PlanJson.Read(PlanJson.Write(repair));
        Assert.True(Assert.Single(stored.Layer("health-check-cleanup").HealthCheckDeletions).AlarmOnly);
        Assert.Contains("DELETE ALARM", PlanTextWriter.Write(repair));
        zone.Apply(repair);
        Assert.DoesNotContain(Prefix + euw1, zone.Alarms.Keys);
        Assert.True(Planner.Plan(desired, zone.State).IsEmpty);

        // Teardown of a tree with an orphan: the same alarm-only deletion beside the checks'.
        var other = zone.HealthChecks.Single(h => h.NodeTag == "use1-a").Id;
        zone.DeleteHealthCheck(other);
        var teardown = Planner.Teardown("www", SampleTrees.Www().HostedZoneId, zone.State);
        Assert.Contains(teardown.Layer("health-check-cleanup").HealthCheckDeletions, d => d.AlarmOnly && d.HealthCheckId == other);
        zone.Apply(teardown);
        Assert.Equal(["stack-health-nobody", "stack-health-other"], zone.Alarms.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_alarm_description_names_its_tree_and_reads_back()
    {
        Assert.Equal("www", HealthCheckAlarms.TreeIn(HealthCheckAlarms.DescriptionFor("www", "euw1")));
        Assert.Null(HealthCheckAlarms.TreeIn(HealthCheckAlarms.DescriptionFor(null, null)));
        Assert.Null(HealthCheckAlarms.TreeIn("made by hand"));
    }

    [Fact]
    public void Teardown_deletes_each_alarm_with_its_check()
    {
        var (zone, _) = Applied();

        var plan = Planner.Teardown("www", SampleTrees.Www().HostedZoneId, zone.State);

        var cleanup = plan.Layer("health-check-cleanup").HealthCheckDeletions;
        Assert.All(cleanup, d => Assert.Equal(Prefix + d.HealthCheckId, d.AlarmName));
        zone.Apply(plan);
        Assert.Empty(zone.Alarms);
        Assert.Empty(zone.HealthChecks);
    }

    [Fact]
    public void A_state_read_without_alarms_plans_none()
    {
        var spec = SampleTrees.Www();
        var zone = new InMemoryZone(spec.Name, spec.HostedZoneId);

        var plan = Planner.Plan(TreeCompiler.Compile(spec), zone.State);

        Assert.DoesNotContain("health-check-alarms", plan.LayerNames());
        zone.Apply(plan);
        Assert.All(Planner.Teardown("www", spec.HostedZoneId, zone.State).Layer("health-check-cleanup").HealthCheckDeletions,
            d => Assert.Null(d.AlarmName));
    }

    [Fact]
    public void The_plan_document_keeps_the_alarm_layer_and_the_alarm_of_each_deleted_check()
    {
        var spec = SampleTrees.Www();
        var zone = new InMemoryZone(spec.Name, spec.HostedZoneId) { AlarmPrefix = Prefix };
        var create = Planner.Plan(TreeCompiler.Compile(spec), zone.State);
        zone.Apply(create);
        var teardown = Planner.Teardown("www", spec.HostedZoneId, zone.State);

        var readCreate = PlanJson.Read(PlanJson.Write(create));
        Assert.Equal(create.Layer("health-check-alarms").HealthCheckAlarms, readCreate.Layer("health-check-alarms").HealthCheckAlarms);
        Assert.Equal(PlanLayerKind.HealthCheckAlarms, readCreate.Layer("health-check-alarms").Kind);
        var readTeardown = PlanJson.Read(PlanJson.Write(teardown));
        Assert.Equal(teardown.Layer("health-check-cleanup").HealthCheckDeletions,
            readTeardown.Layer("health-check-cleanup").HealthCheckDeletions);
        Assert.Contains("\"alarmName\": \"stack-health-", PlanJson.Write(teardown));
        Assert.Contains("PUT", PlanTextWriter.Write(create));
    }

    [Fact]
    public void The_alarm_is_named_by_prefix_and_check_and_debounced_two_of_three_minutes()
    {
        var alarm = HealthCheckAlarms.For("s-health-", "abc");
        Assert.Equal("s-health-abc", alarm.Name);
        Assert.Equal((60, 3, 2, "missing"), (alarm.Period, alarm.EvaluationPeriods, alarm.DatapointsToAlarm, alarm.TreatMissingData));
        Assert.Empty(alarm.Differences(HealthCheckAlarms.For("s-health-", "abc")));
        Assert.Equal("dimensions", Assert.Single(alarm.Differences(HealthCheckAlarms.For("s-health-", "xyz") with { Name = alarm.Name }))
            .Field);
    }
}
