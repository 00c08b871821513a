using Failover.Core.Diagnostics;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Import;

/// <summary>
/// A policy version and every policy record made from it as one tree: the document is the design, each policy record a
/// place the tree answers for. Traffic Flow associates one policy "with one or more domain names … in the same hosted zone
/// or in multiple hosted zones" (Developer Guide, "Configuring DNS failover"); a tree's attachments are the same idea.
/// </summary>
public static class PolicyRecordImport
{
    /// <param name="records">The policy records, the first becoming the top-level hostedZoneId, zoneName and recordName and
    /// the rest the attachments, in this order.</param>
    public static ImportResult Import(string policyDocumentJson, string treeName, IReadOnlyList<PolicyRecord> records)
    {
        if (records.Count == 0)
            return new ImportResult(null, [new SpecDiagnostic(PolicyPath.Root,
                "the policy version has no policy records to import as the tree's names: import its document with --zone-id, "
                + "--zone-name and --record-name instead")]);
        var first = records[0];
        var imported = TrafficPolicyImporter.Import(policyDocumentJson,
            new ImportOptions(treeName, first.HostedZoneId, first.ZoneName, first.RecordName));
        if (imported.Spec is null) return imported;

        var diagnostics = imported.Diagnostics.ToList();
        // API reference, TrafficPolicyInstance.TTL: the TTL of every record the instance made. One tree has one default TTL.
        var ttls = records.Select(r => r.Ttl).Distinct().ToList();
        if (ttls.Count > 1)
            diagnostics.Add(new SpecDiagnostic("$.ttl",
                $"the policy records have different TTLs ({string.Join(", ", ttls)}); the tree takes {first.Ttl}, the first's",
                Severity.Warning));
        var spec = imported.Spec with
        {
            Ttl = first.Ttl,
            Attachments = records.Skip(1).Select((r, i) => new TreeAttachment(r.HostedZoneId, DnsNames.Normalize(r.ZoneName),
                DnsNames.Normalize(r.RecordName)) { Path = $"$.attachments[{i}]" }).ToList(),
        };
        // The design passed at the first record; what it breaks at another one (an attachment's own rules) is reported with
        // the tree's path, as validate would.
        var errors = TreeValidator.Validate(spec).Where(d => d.Severity == Severity.Error).ToList();
        diagnostics.AddRange(errors);
        return new ImportResult(errors.Count > 0 ? null : spec, diagnostics);
    }
}
