using Failover.Api.Http;
using Failover.Api.Json;
using Failover.Api.Problems;
using Failover.Core.Contracts;
using Failover.Core.Diagnostics;
using Failover.Core.Import;
using Failover.Core.Spec;

namespace Failover.Api.Endpoints;

/// <summary>
/// <c>POST /imports/traffic-policy?name=&amp;hostedZoneId=&amp;zoneName=&amp;recordName=</c>: a Route 53 Traffic Flow
/// policy document (the body) turned into a tree spec, as <c>failover import-traffic-policy</c> does. Nothing is stored
/// and Route 53 is not called: the caller reviews the spec and posts it to <c>/trees</c>. Every problem comes with its
/// JSON path in the policy document.
/// </summary>
public sealed class PolicyImport(ApiOptions options)
{
    private static readonly string[] Parameters = ["name", "hostedZoneId", "zoneName", "recordName"];

    public Task<ApiResponse> ImportAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var missing = Parameters.Where(p => string.IsNullOrWhiteSpace(request.QueryValue(p)))
            .Select(p => FieldError.AtParameter(p, $"{p} is required: the policy document does not say it")).ToArray();
        if (missing.Length > 0) throw ApiCall.Invalid(missing);
        RequestBody.CheckSize(request, options.MaxSpecBytes);
        RequestBody.CheckMediaType(request, MediaTypes.IsJson, "application/json");
        var importOptions = new ImportOptions(request.QueryValue("name")!.Trim(), request.QueryValue("hostedZoneId")!.Trim(),
            request.QueryValue("zoneName")!.Trim(), request.QueryValue("recordName")!.Trim());
        var result = TrafficPolicyImporter.Import(RequestBody.Text(request), importOptions);
        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(FieldError.From).ToList();
        var warnings = result.Diagnostics.Where(d => d.Severity == Severity.Warning).Select(FieldError.From).ToList();
        if (result.HasErrors)
            throw new ProblemException(new Problem(ProblemType.InvalidSpec,
                errors.Count switch
                {
                    0 => "the policy document could not be turned into a tree",
                    1 => $"the policy document has 1 error: {errors[0].Path}: {errors[0].Message}",
                    _ => $"the policy document has {errors.Count} errors",
                })
            {
                Errors = errors,
                Warnings = warnings,
            });
        call.Log("traffic policy imported", ("nodes", result.Spec!.Root.DescendantsAndSelf().Count()));
        return Task.FromResult(ApiJson.Response(200,
            new ImportedSpecResource(new RawJson(SpecJsonWriter.Write(result.Spec))) { Warnings = FieldError.Documents(warnings) }));
    }
}
