using System.Text;
using Failover.Core.Spec;
using Failover.Core.Validation;
using Failover.Testing;

namespace Failover.Core.Tests.Spec;

/// <summary>
/// The spec size limit is the door's: checked once, on what the user sent. A version the service stored is its own
/// text, read back without it, so a spec accepted at the door stays applicable whatever its stored form weighs.
/// </summary>
[Trait("Category", "Unit")]
public class StoredVersionTests
{
    // 2,000 leaves (2,735 nodes): sent compact it is just under the 256 KB door; indented it is more than three times that.
    private static readonly TreeSpec BigTree = new TreeGenerator(1).Generate(2_000, new TreeGeneratorOptions { Name = "big" });

    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    [Fact]
    public void A_2000_leaf_spec_accepted_at_the_door_is_stored_compact_and_reads_back_as_the_same_tree()
    {
        var sent = SpecJsonWriter.WriteCompact(BigTree);
        var accepted = SpecLoader.Load(sent);
        Assert.False(accepted.HasErrors, string.Join("\n", accepted.Diagnostics.Take(5)));

        var stored = SpecJsonWriter.WriteCompact(accepted.Spec!);
        var reread = SpecLoader.LoadStored(stored);

        Assert.True(Bytes(stored) <= Bytes(sent), $"stored {Bytes(stored):N0} bytes, sent {Bytes(sent):N0}");
        Assert.DoesNotContain('\n', stored);
        Assert.False(reread.HasErrors, string.Join("\n", reread.Diagnostics.Take(5)));
        Assert.Equal(SpecJsonWriter.Write(BigTree), SpecJsonWriter.Write(reread.Spec!));
    }

    [Fact]
    public void A_version_stored_indented_by_earlier_code_is_read_back_though_it_is_larger_than_the_door_allows()
    {
        var storedBefore = SpecJsonWriter.Write(BigTree);
        Assert.True(Bytes(storedBefore) > ValidationLimits.Default.MaxSpecBytes, $"{Bytes(storedBefore):N0} bytes");

        var reread = SpecLoader.LoadStored(storedBefore);

        Assert.False(reread.HasErrors, string.Join("\n", reread.Diagnostics.Take(5)));
        Assert.Equal(SpecJsonWriter.WriteCompact(BigTree), SpecJsonWriter.WriteCompact(reread.Spec!));
        // The same text sent to the door is refused there: the limit holds for what users send.
        Assert.Contains("larger than 256 KB", Assert.Single(SpecLoader.Load(storedBefore).Diagnostics).Message);
    }

    [Fact]
    public void Reading_a_stored_version_still_checks_Route_53s_rules()
    {
        var stored = SpecJsonWriter.WriteCompact(BigTree).Replace("\"weight\":38", "\"weight\":256", StringComparison.Ordinal);

        var reread = SpecLoader.LoadStored(stored);

        Assert.True(reread.HasErrors);
        Assert.Contains(reread.Diagnostics, d => d.Path.EndsWith(".weight", StringComparison.Ordinal));
    }

    [Fact]
    public void The_compact_form_is_the_canonical_spec_on_one_line()
    {
        var spec = SpecParser.Parse(Examples.Read("www.json")).Spec!;

        var compact = SpecJsonWriter.WriteCompact(spec);

        Assert.StartsWith("{\"name\":", compact);
        Assert.Equal(SpecJsonWriter.Write(spec), SpecJsonWriter.Write(SpecParser.Parse(compact).Spec!));
    }
}
