using Failover.Reliability.Audit;
using Failover.Reliability.Figures;
using Failover.Reliability.Suite;
using Failover.Service.Ports;
using Failover.Service.Workflow;
using Failover.Testing;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// A version that moves an applied tree to another hosted zone, attempted while Route 53 faults at 20 %: it is refused
/// (zone-change, 409) before anything is written, and nothing changes in either zone.
/// </summary>
public sealed class ZoneChange : IScenario
{
    public string Name => "zone-change";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("zone changes attempted", Expectation.AboveZero)
            .Declare("zone changes not refused", Expectation.Zero)
            .Declare("records changed in the old zone", Expectation.Zero)
            .Declare("records written in the new zone", Expectation.Zero)
            .Declare("runs not succeeding", Expectation.Zero)
            .DeclareAudit()
            .Declare("faults injected", Expectation.Info);
        var cases = context.Pick(smoke: 1, full: 3);
        var random = new Random(context.Seed);
        var otherZoneName = $"move{context.Seed % 1000}.example";
        var otherZone = await stack.Moto.CreateZoneAsync(otherZoneName + ".", cancellationToken);
        var otherBefore = await stack.Moto.RecordSetsAsync(otherZone, cancellationToken);
        await stack.Realism.SetAsync(FaultConvergence.FaultSettingsJson(0.2, context.Seed), cancellationToken);
        try
        {
            for (var i = 0; i < cases; i++)
            {
                var name = $"zch{context.Seed % 1000}-{i}";
                var seed = random.Next();
                var shape = new TreeGeneratorOptions { MaxDepth = 2, MaxFanout = 4, HealthCheckedShare = 0.5 };
                var spec = driver.Generate(seed, name, 4, shape);
                if (spec is null) continue;
                var applying = await driver.ApplyAsync(spec, cancellationToken: cancellationToken);
                var applied = await driver.WaitAsync(applying, cancellationToken);
                if (!applied.Succeeded)
                {
                    result.Defect("runs not succeeding", $"{name}: {applied}");
                    continue;
                }
                var zoneBefore = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
                var moved = spec with { HostedZoneId = otherZone, ZoneName = otherZoneName, RecordName = $"{name}.{otherZoneName}" };
                result.Add("zone changes attempted");
                try
                {
                    var started = await driver.ApplyAsync(moved, force: true, cancellationToken);
                    result.Defect("zone changes not refused", $"{name}: run {started.RunId} started");
                    await driver.WaitAsync(started, cancellationToken);
                }
                catch (RunRefusedException refused) when (refused.Reason == RunRefusal.ZoneChange)
                {
                    context.Say(Name, $"{name}: refused ({refused.Message})");
                }
                catch (AwsServiceException fault)
                {
                    result.Note($"{name}: the refusal met a fault first ({fault.Message}); counted as refused, zones checked");
                }
                foreach (var difference in ZoneDiff.Of(zoneBefore, await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken)))
                    result.Defect("records changed in the old zone", $"{name}: {difference}");
                foreach (var difference in ZoneDiff.Of(otherBefore, await stack.Moto.RecordSetsAsync(otherZone, cancellationToken)))
                    result.Defect("records written in the new zone", $"{name}: {difference}");
                result.Record(await driver.AuditAsync(name, spec.RecordName, spec, cancellationToken: cancellationToken), name);
                var teardown = await driver.WaitAsync(await driver.TeardownAsync(name, cancellationToken), cancellationToken);
                if (!teardown.Succeeded) result.Defect("runs not succeeding", $"{name}: teardown {teardown}");
            }
        }
        finally
        {
            var counts = await stack.Realism.StatsAsync(CancellationToken.None);
            await stack.Realism.ResetAsync(CancellationToken.None);
            result.Add("faults injected", counts.Group("faults").Values.Sum());
        }
        return result;
    }
}
