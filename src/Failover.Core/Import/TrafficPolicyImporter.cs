using System.Text.Json;
using Failover.Core.Diagnostics;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Import;

/// <summary>
/// Turns a Route 53 Traffic Flow policy document into a tree spec ("Traffic policy document format", Route 53 API
/// reference). Rules become rule nodes, <c>value</c> endpoints endpoint leaves, AWS resources alias leaves. What a tree
/// cannot express (geoproximity, unknown types, dangling references, cycles) is reported with its path, never dropped.
/// </summary>
public static class TrafficPolicyImporter
{
    public static readonly IReadOnlyList<string> FormatVersions = ["2015-10-01", "2023-05-09"];

    private static readonly IReadOnlyList<string> DocumentFields =
        ["AWSPolicyFormatVersion", "RecordType", "StartRule", "StartEndpoint", "Endpoints", "Rules"];

    public static ImportResult Import(string policyDocumentJson, ImportOptions options)
    {
        var diagnostics = new List<SpecDiagnostic>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(policyDocumentJson, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            diagnostics.Add(new SpecDiagnostic(PolicyPath.Root, $"not valid JSON: {FirstSentence(e.Message)}")
            {
                Line = e.LineNumber is { } line ? (int)line + 1 : null,
                Column = e.BytePositionInLine is { } column ? (int)column + 1 : null,
            });
            return new ImportResult(null, diagnostics);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add(
                    new SpecDiagnostic(PolicyPath.Root, $"a traffic policy document is a JSON object, not {PolicyValues.Describe(root)}"));
                return new ImportResult(null, diagnostics);
            }
            var values = new PolicyValues(diagnostics);
            values.WarnUnknownFields(root, PolicyPath.Root, DocumentFields);

            var version = values.String(root, "AWSPolicyFormatVersion", PolicyPath.Root, required: true);
            if (version is not null && !FormatVersions.Contains(version))
            {
                values.Error(PolicyPath.Property(PolicyPath.Root, "AWSPolicyFormatVersion"),
                    $"unsupported format version \"{version}\" (expected {string.Join(" or ", FormatVersions)})");
            }
            var recordType = values.String(root, "RecordType", PolicyPath.Root, required: true);
            var endpoints = values.Object(root, "Endpoints", PolicyPath.Root);
            var rules = values.Object(root, "Rules", PolicyPath.Root);
            var startRule = values.String(root, "StartRule", PolicyPath.Root);
            var startEndpoint = values.String(root, "StartEndpoint", PolicyPath.Root);

            var builder = new PolicyTreeBuilder(values, options, endpoints, rules, ValidationLimits.Default);
            TreeNode? tree = null;
            if ((startRule is null) == (startEndpoint is null))
            {
                values.Error(PolicyPath.Root, "the document needs exactly one of StartRule and StartEndpoint");
            }
            else if (startRule is not null)
            {
                tree = builder.StartRule(startRule, PolicyPath.Property(PolicyPath.Root, "StartRule"));
            }
            else
            {
                tree = builder.StartEndpoint(startEndpoint!, PolicyPath.Property(PolicyPath.Root, "StartEndpoint"));
            }
            builder.WarnUnreferenced();

            if (tree is null || recordType is null || diagnostics.Any(d => d.Severity == Severity.Error))
            {
                return new ImportResult(null, diagnostics);
            }
            var spec = new TreeSpec
            {
                Name = options.Name,
                HostedZoneId = options.HostedZoneId,
                ZoneName = DnsNames.Normalize(options.ZoneName),
                RecordName = DnsNames.Normalize(options.RecordName),
                RecordType = recordType.ToUpperInvariant(),
                Root = tree,
            };
            // Import and validate must agree: a document that imports is a tree `validate` accepts. The validator's
            // errors are reported on the reference that made the node they are about, naming the rule or endpoint it
            // refers to and the tree's own path; its warnings are left to `validate`, which the spec meets before any apply.
            var invalid = false;
            foreach (var problem in TreeValidator.Validate(spec).Where(d => d.Severity == Severity.Error))
            {
                invalid = true;
                var (reference, definition) = builder.OriginOf(problem.Path);
                var from = definition == reference ? "" : $", built from {definition}";
                diagnostics.Add(problem with { Path = reference, Message = $"{problem.Message} (the tree's {problem.Path}{from})" });
            }
            return new ImportResult(invalid ? null : spec, diagnostics);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
