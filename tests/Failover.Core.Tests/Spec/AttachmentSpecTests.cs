using Failover.Core.Spec;
using Failover.Core.Tests.Validation;
using static Failover.Core.Tests.Validation.AttachmentRuleCases;

namespace Failover.Core.Tests.Spec;

/// <summary>A tree of several names: the top-level fields are its first attachment, <c>attachments</c> the others.</summary>
[Trait("Category", "Unit")]
public class AttachmentSpecTests
{
    [Fact]
    public void A_spec_of_one_name_has_its_top_level_fields_as_its_only_attachment_and_writes_no_attachments()
    {
        foreach (var file in Examples.All())
        {
            var spec = SpecParser.Parse(Examples.Read(file)).Spec!;

            var only = Assert.Single(spec.AllAttachments);
            Assert.Equal((spec.HostedZoneId, spec.ZoneName, spec.RecordName), (only.HostedZoneId, only.ZoneName, only.RecordName));
            Assert.Same(spec, spec.At(only));
            Assert.DoesNotContain("attachments", SpecJsonWriter.Write(spec), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Attachments_are_read_in_order_with_names_normalised_and_zone_names_taken_from_the_same_zone()
    {
        var text = SpecDocument.Www().Set("attachments", Attachments(
            Attachment("Z0000000000000000000A", null, "API.example.com."),
            Attachment("Z0000000000000000000B", "Example.ORG.", "www.example.org"),
            Attachment("Z0000000000000000000B", null, "example.org"))).Text;

        var result = SpecLoader.Load(text);

        Assert.Empty(DocumentationAddresses.Aside(result.Diagnostics));
        var spec = result.Spec!;
        Assert.Equal(
            [
                ("Z0000000000000000000A", "example.com", "www.example.com", "$"),
                ("Z0000000000000000000A", "example.com", "api.example.com", "$.attachments[0]"),
                ("Z0000000000000000000B", "example.org", "www.example.org", "$.attachments[1]"),
                ("Z0000000000000000000B", "example.org", "example.org", "$.attachments[2]"),
            ],
            spec.AllAttachments.Select(a => (a.HostedZoneId, a.ZoneName, a.RecordName, a.Path)));
    }

    [Fact]
    public void The_writer_keeps_the_attachments_and_what_it_writes_reads_back_the_same()
    {
        var text = SpecDocument.Www().Set("attachments", Attachments(
            Attachment("Z0000000000000000000B", "example.org", "www.example.org"),
            Attachment("Z0000000000000000000B", null, "shop.example.org"))).Text;
        var spec = SpecLoader.Load(text).Spec!;

        var written = SpecJsonWriter.Write(spec);
        var reread = SpecLoader.Load(written).Spec!;

        Assert.Equal(spec.AllAttachments, reread.AllAttachments);
        Assert.Equal(written, SpecJsonWriter.Write(reread));
        var stored = SpecJsonWriter.WriteCompact(spec);
        Assert.Equal(stored, SpecJsonWriter.WriteCompact(SpecLoader.LoadStored(stored).Spec!));
    }

    [Fact]
    public void The_tree_at_an_attachment_has_that_attachments_zone_and_name_at_the_top_and_no_others()
    {
        var spec = SpecLoader.Load(SpecDocument.Www().Set("attachments", Attachments(
            Attachment("Z0000000000000000000B", "example.org", "www.example.org"))).Text).Spec!;

        var at = spec.At(spec.Attachments[0]);

        Assert.Equal(("Z0000000000000000000B", "example.org", "www.example.org"), (at.HostedZoneId, at.ZoneName, at.RecordName));
        Assert.Empty(at.Attachments);
        Assert.Same(spec.Root, at.Root);
        Assert.Equal(spec.First, spec.At(spec.First).First);
    }

    [Fact]
    public void Attachments_that_are_not_an_array_of_objects_are_reported_at_their_path()
    {
        var notArray = SpecParser.Parse(SpecDocument.Www().Set("attachments", "{}").Text);
        var missing = SpecParser.Parse(SpecDocument.Www().Set("attachments", """[{ "hostedZoneId": "Z0000000000000000000B" }]""").Text);
        var unknown = SpecParser.Parse(SpecDocument.Www().Set("attachments",
            """[{ "hostedZoneId": "Z0000000000000000000B", "recordName": "a.example.com", "ttl": 5 }]""").Text);

        Assert.Contains(notArray.Diagnostics,
            d => d.Path == "$.attachments" && d.Message.Contains("expected an array", StringComparison.Ordinal));
        Assert.Contains(missing.Diagnostics, d => d.Path == "$.attachments[0].recordName" && d.Message == "required field is missing");
        Assert.Contains(unknown.Diagnostics, d => d.Path == "$.attachments[0].ttl");
    }
}
