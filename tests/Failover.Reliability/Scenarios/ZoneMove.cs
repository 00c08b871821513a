using Failover.Reliability.Audit;
using Failover.Reliability.Figures;
using Failover.Reliability.Suite;
using Failover.Testing;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// A version that moves an applied tree to another hosted zone (and name), applied while Route 53 faults at 20 %:
/// planned make-before-break across the two zones, it converges with the tree whole in the new zone and nothing of it left
/// in the old one; a teardown then leaves both zones as they were before the tree.
/// </summary>
public sealed class ZoneMove : IScenario
{
    public string Name => "zone-move";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("zone moves applied", Expectation.AboveZero)
            .Declare("records left in the old zone", Expectation.Zero)
            .Declare("records left after teardown", Expectation.Zero)
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
                var name = $"zmv{context.Seed % 1000}-{i}";
                var seed = random.Next();
                var shape = new TreeGeneratorOptions { MaxDepth = 2, MaxFanout = 4, HealthCheckedShare = 0.5 };
                var spec = driver.Generate(seed, name, 4, shape);
                if (spec is null) continue;
                var zoneBefore = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
                var applying = await driver.ApplyAsync(spec, cancellationToken: cancellationToken);
                var applied = await driver.WaitAsync(applying, cancellationToken);
                if (!applied.Succeeded)
                {
                    result.Defect("runs not succeeding", $"{name}: {applied}");
                    continue;
                }
                var moved = spec with { HostedZoneId = otherZone, ZoneName = otherZoneName, RecordName = $"{name}.{otherZoneName}" };
                var move = await driver.WaitAsync(await driver.ApplyAsync(moved, force: true, cancellationToken), cancellationToken);
                if (!move.Succeeded)
                {
                    result.Defect("runs not succeeding", $"{name}: move {move}");
                    continue;
                }
                result.Add("zone moves applied");
                foreach (var difference in ZoneDiff.Of(zoneBefore, await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken)))
                    result.Defect("records left in the old zone", $"{name}: {difference}");
                result.Record(await driver.AuditAsync(name, moved.RecordName, moved, cancellationToken: cancellationToken,
                    zoneId: otherZone), name);

                var teardown = await driver.WaitAsync(await driver.TeardownAsync(name, cancellationToken), cancellationToken);
                if (!teardown.Succeeded) result.Defect("runs not succeeding", $"{name}: teardown {teardown}");
                foreach (var difference in ZoneDiff.Of(otherBefore, await stack.Moto.RecordSetsAsync(otherZone, cancellationToken)))
                    result.Defect("records left after teardown", $"{name}: {difference}");
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
