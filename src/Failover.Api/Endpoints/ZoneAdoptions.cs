using Failover.Api.Http;
using Failover.Api.Json;
using Failover.Api.Problems;
using Failover.Core.Adoption;
using Failover.Core.Contracts;
using Failover.Core.Diagnostics;
using Failover.Core.Spec;
using Failover.Service.Logging;
using Failover.Service.Ports;

namespace Failover.Api.Endpoints;

/// <summary>
/// <c>POST /adoptions[?dryRun=false]</c>: the records a zone already holds at a name turned into a tree, as
/// <c>failover adopt</c> does. A dry run by default: the spec, what it takes over and the plan of applying it now (empty,
/// with its claims). With <c>dryRun=false</c> the spec is applied (202, as <c>POST /trees</c>): the run claims the records
/// and health checks in place, or stops before any change if one differs from what was read. Checked in this order:
/// size (413), media type (415), JSON (400), the request's fields (400), the zone (403), the zone's records (400
/// not-adoptable, each error naming its record; 409 name-claimed when another tree answers for the name).
/// </summary>
public sealed class ZoneAdoptions(ZonePlanning planning, IRunLauncher runs, ApiOptions options, IZoneAdoptions? adoptions)
{
    private const int MaxRequestBytes = 16 * 1024;

    public async Task<ApiResponse> AdoptAsync(ApiCall call, CancellationToken cancellationToken)
    {
        // Adoption writes nothing unless asked: a dry run is the default, and the spec is what a reviewer reads first.
        var dryRun = call.Request.QueryValue("dryRun") is null or "" || call.Flag("dryRun");
        var document = Read(call.Request);
        var zone = document.HostedZoneId!.Trim();
        var recordName = DnsNames.Normalize(document.RecordName!.Trim());
        var tree = string.IsNullOrWhiteSpace(document.Tree) ? AdoptionRequest.TreeNameFor(recordName) : document.Tree.Trim();
        call.AddLogField(LogFields.Tree, tree);
        if (adoptions is null)
            throw new ProblemException(ProblemType.AdoptionUnavailable, "this deployment cannot read zones to adopt their records");
        planning.CheckZone(zone, tree);

        var result = await adoptions.AdoptAsync(zone, new AdoptionRequest(tree, recordName, document.RecordType?.Trim()),
            cancellationToken).ConfigureAwait(false);
        var warnings = result.Warnings.Select(w => new FieldError(w.ToString())).ToList();
        if (result.OwnerTree is { } owner)
            throw new ProblemException(new Problem(ProblemType.NameClaimed,
                $"tree '{owner}' already owns the records at {recordName}: a name is adopted once") { Warnings = warnings });
        if (result.Spec is not { } spec)
        {
            var errors = result.Errors.Select(e => FieldError.AtPath("$.recordName", e.ToString())).ToList();
            throw new ProblemException(new Problem(ProblemType.NotAdoptable,
                errors.Count == 1 ? errors[0].Message : $"{errors.Count} things at {recordName} cannot be expressed as a tree")
            {
                Errors = errors,
                Warnings = warnings,
            });
        }
        // The adopted spec goes through the same rules as any other, as the stored text it becomes.
        var loaded = SpecLoader.Load(SpecJsonWriter.Write(spec));
        var specErrors = loaded.Diagnostics.Where(d => d.Severity == Severity.Error).Select(FieldError.From).ToList();
        if (specErrors.Count > 0)
            throw new ProblemException(new Problem(ProblemType.InvalidSpec, $"the adopted spec has {specErrors.Count} error(s)")
            {
                Errors = specErrors,
                Warnings = warnings,
            });
        warnings.AddRange(loaded.Diagnostics.Where(d => d.Severity == Severity.Warning).Select(FieldError.From));

        if (!dryRun)
        {
            var run = await runs.ApplyAsync(loaded.Spec!, null, false, call.CorrelationId, cancellationToken).ConfigureAwait(false);
            return TreeCreation.Accepted(call, run, warnings);
        }
        var plan = await planning.PlanAsync(loaded.Spec!, cancellationToken).ConfigureAwait(false);
        call.Log("adoption planned", ("records", result.Records.Count), ("empty", plan.IsEmpty));
        return ApiJson.Response(200, new AdoptionResource
        {
            Tree = spec.Name,
            Spec = new RawJson(SpecJsonWriter.Write(spec)),
            Records = result.Records.Select(k => new RecordKeyDocument(k.Name, k.Type, k.SetIdentifier)).ToList(),
            HealthChecks = (spec.Adopt?.HealthChecks.Values ?? []).Order(StringComparer.Ordinal).ToList(),
            Plan = PlanJson.ToDocument(plan),
            Warnings = FieldError.Documents(warnings),
        });
    }

    private AdoptionRequestDocument Read(ApiRequest request)
    {
        RequestBody.CheckSize(request, Math.Min(MaxRequestBytes, options.MaxSpecBytes));
        RequestBody.CheckMediaType(request, MediaTypes.IsJson, "application/json");
        RequestBody.ParseJson(request).Dispose();
        AdoptionRequestDocument document;
        try
        {
            document = WireJson.Read<AdoptionRequestDocument>(RequestBody.Text(request), "the body", "$: the body must be a JSON object");
        }
        catch (FormatException e)
        {
            throw ApiCall.Invalid(FieldError.AtPath("$", e.Message));
        }
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(document.HostedZoneId))
            errors.Add(FieldError.AtPath("$.hostedZoneId", "hostedZoneId is required: the zone whose records to adopt"));
        if (string.IsNullOrWhiteSpace(document.RecordName))
            errors.Add(FieldError.AtPath("$.recordName", "recordName is required: the name whose records to adopt"));
        if (errors.Count > 0) throw ApiCall.Invalid([.. errors]);
        return document;
    }
}
