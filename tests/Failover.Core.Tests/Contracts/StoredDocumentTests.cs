using Failover.Core.Compilation;
using Failover.Core.Drift;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Testing;
using Failover.Core.Contracts;

namespace Failover.Core.Tests.Contracts;

/// <summary>
/// Documents the service stored with the code before the typed contracts — a run's plan, a drift report, a tree's
/// version — still read back to what they said: the golden files are those documents, byte for byte.
/// </summary>
[Trait("Category", "Unit")]
public class StoredDocumentTests
{
    private const string Folder = GoldenDocumentTests.Folder;

    [Theory]
    [MemberData(nameof(GoldenDocumentTests.Plans), MemberType = typeof(GoldenDocumentTests))]
    public void A_stored_plan_reads_back_to_the_plan_it_was(string name)
    {
        var stored = GoldenJson.Read(Folder, name + ".compact");

        var read = PlanJson.Read(stored);

        Assert.Equal(stored, PlanJson.Write(read, indented: false));
        Assert.Equal(PlanJson.Write(GoldenDocumentTests.PlanNamed(name)), PlanJson.Write(read));
    }

    [Fact]
    public void A_stored_drift_report_reads_back_to_the_report_it_was()
    {
        var stored = GoldenJson.Read(Folder, "drift-report.compact");

        var read = DriftReportJson.Read(stored);

        var report = Drift.DriftReportJsonTests.Drifted();
        Assert.Equal((report.Tree, report.HostedZoneId, report.RecordName, report.Version, report.CheckedAt, report.Repair),
            (read.Tree, read.HostedZoneId, read.RecordName, read.Version, read.CheckedAt, read.Repair));
        Assert.Equal(report.Items, read.Items);
        Assert.Equal(stored, DriftReportJson.Write(read, indented: false));
    }

    /// <summary>The golden file is what the run starter stored as version 1 of SampleTrees.Www() (its canonical spec).</summary>
    [Fact]
    public void A_stored_version_loads_to_the_tree_it_was()
    {
        var stored = GoldenJson.Read(Folder, "stored-version-www");

        var loaded = SpecLoader.Load(stored);

        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        Assert.Equal(PlanJson.Write(GoldenDocumentTests.WwwCreate()),
            PlanJson.Write(Planner.Plan(TreeCompiler.Compile(loaded.Spec!), ActualState.Empty)));
    }
}
