using Failover.Core.Spec;
using Failover.Core.Tests.Spec;

namespace Failover.Core.Tests.Validation;

[Trait("Category", "Unit")]
public class ExampleTests
{
    public static TheoryData<string> AllExamples() => new(Examples.All());

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void Every_example_is_valid_without_warnings(string example)
    {
        var result = SpecLoader.Load(Examples.Read(example));

        Assert.Equal([], DocumentationAddresses.Aside(result.Diagnostics).Select(d => d.ToString()));
        Assert.NotNull(result.Spec);
    }

    [Fact]
    public void The_shipped_examples_are_the_ones_documented()
    {
        Assert.Equal(["az-affinity.json", "canary-alarm.json", "complex.json", "dual-stack.json", "geo.yaml", "geoproximity.json",
            "ip-based.json", "multivalue.json", "rule-health-check.json", "simple-failover.json", "www.json"], Examples.All());
    }

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void Every_example_round_trips_through_the_writer(string example)
    {
        var spec = SpecParser.Parse(Examples.Read(example)).Spec!;

        var written = SpecJsonWriter.Write(spec);
        var reread = SpecParser.Parse(written);

        Assert.Empty(reread.Diagnostics);
        Assert.Equal(written, SpecJsonWriter.Write(reread.Spec!));
        Assert.Equal(spec.Root.DescendantsAndSelf().Select(n => (n.Id, n.Path, n.Kind)),
            reread.Spec!.Root.DescendantsAndSelf().Select(n => (n.Id, n.Path, n.Kind)));
    }
}
