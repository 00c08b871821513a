using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Linq;
using Failover.Local.Edge;
using Failover.Local.Realism.Records;
using Microsoft.AspNetCore.Http;

namespace Failover.Local.Realism;

/// <summary>
/// Sits on the edge in front of moto for Route 53 requests and makes moto answer as Route 53 does where it does not:
/// the account-wide and per-operation rates, injected faults, change-batch rules, CallerReference idempotency and PENDING changes.
/// Every request is counted by operation whether or not the layer is enabled.
/// </summary>
public sealed class Route53RealismLayer(RealismControl control, MotoForwarder moto, MotoRoute53Reader reader)
{
    // moto has no Traffic Flow: these calls are answered here whether or not the realism layer is enabled.
    private readonly TrafficFlow.TrafficFlowEmulation _trafficFlow = new(reader);

    // Route 53 processes one change at a time per zone; the layer does too, so each batch is checked against the
    // zone as the previous batch left it.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _zoneGates = new(StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var operation = Route53Operation.Classify(request.Method, request.Path.Value ?? "");
        var stats = control.Stats;
        stats.Increment(RealismStats.Requests, operation.Name);
        var settings = control.Current;
        if (!settings.Enabled)
        {
            // A status set through /_local/health-status is a test's instruction, not realism: it holds either way.
            await (IsObservedStatusSet(operation) ? HealthCheckStatusAsync(context, operation.HealthCheckId!)
                : TrafficFlow.TrafficFlowEmulation.Handles(operation.Name) ? _trafficFlow.HandleAsync(context, operation)
                : moto.ForwardAsync(context));
            return;
        }

        if (control.Throttle(operation.Name, settings) is { } emptyBucket)
        {
            stats.Increment(RealismStats.Throttled, operation.Name);
            stats.Increment(RealismStats.ThrottledBy, emptyBucket);
            await Route53ErrorResponse.ThrottlingAsync(context.Response);
            return;
        }

        var fault = control.Faults.Draw(operation.Name);
        if (fault is { } kind)
        {
            stats.Increment(RealismStats.Faults, kind.ToString());
            stats.Increment(RealismStats.FaultsByOperation, $"{operation.Name}:{kind}");
        }
        switch (fault)
        {
            case FaultKind.Throttling:
                await Route53ErrorResponse.ThrottlingAsync(context.Response);
                return;
            case FaultKind.PriorRequestNotComplete:
                await Route53ErrorResponse.PriorRequestNotCompleteAsync(context.Response);
                return;
            case FaultKind.ServerError:
                await Route53ErrorResponse.ServiceUnavailableAsync(context.Response);
                return;
            case FaultKind.DroppedConnection:
                context.Abort();
                return;
        }

        if (fault is FaultKind.ResponseLostAfterApplied or FaultKind.ServerErrorAfterApplied)
        {
            // Apply the request fully and throw its answer away; then the caller hears nothing, or a server error.
            var original = context.Response.Body;
            context.Response.Body = Stream.Null;
            try { await ApplyAsync(context, operation, settings); }
            finally { context.Response.Body = original; }
            if (fault == FaultKind.ResponseLostAfterApplied)
            {
                context.Abort();
                return;
            }
            context.Response.Clear();
            await Route53ErrorResponse.InternalFailureAsync(context.Response);
            return;
        }
        await ApplyAsync(context, operation, settings);
    }

    private Task ApplyAsync(HttpContext context, Route53Operation operation, RealismSettings settings) => operation.Name switch
    {
        Route53Operation.ChangeResourceRecordSets => ChangeRecordSetsAsync(context, operation.HostedZoneId!, settings),
        Route53Operation.CreateHostedZone or Route53Operation.DeleteHostedZone => ForwardRewritingChangeAsync(context, null, settings),
        Route53Operation.GetChange => GetChangeAsync(context, operation.ChangeId!, settings),
        Route53Operation.CreateHealthCheck when settings.HealthCheckIdempotency => CreateHealthCheckAsync(context),
        Route53Operation.DeleteHealthCheck when settings.HealthCheckIdempotency =>
            DeleteHealthCheckAsync(context, operation.HealthCheckId!),
        Route53Operation.ListHealthChecks => ListHealthChecksAsync(context),
        Route53Operation.ListResourceRecordSets => ListRecordSetsAsync(context),
        _ when IsObservedStatusSet(operation) => HealthCheckStatusAsync(context, operation.HealthCheckId!),
        _ when TrafficFlow.TrafficFlowEmulation.Handles(operation.Name) => _trafficFlow.HandleAsync(context, operation),
        _ => moto.ForwardAsync(context),
    };

    private bool IsObservedStatusSet(Route53Operation operation) =>
        operation.Name == Route53Operation.GetHealthCheckStatus && control.ObservedHealth.Get(operation.HealthCheckId!) is not null;

    /// <summary>moto's answer (so an unknown check is still NoSuchHealthCheck) with every observation's status replaced.</summary>
    private async Task HealthCheckStatusAsync(HttpContext context, string healthCheckId)
    {
        using var message = moto.CreateMessage(context.Request, null);
        using var response = await moto.SendAsync(message, context.RequestAborted);
        var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        var document = response.IsSuccessStatusCode ? TryParse(answer) : null;
        if (document is null || control.ObservedHealth.Get(healthCheckId) is not { } status
            || !ObservedHealthStatuses.Rewrite(document, status))
        {
            await WriteVerbatimAsync(context, response, answer);
            return;
        }
        control.Stats.Increment(RealismStats.ObservedStatuses,
            status.StartsWith("Success", StringComparison.Ordinal) ? "success" : "failure");
        context.Response.StatusCode = (int)response.StatusCode;
        MotoForwarder.CopyHeaders(response, context.Response);
        context.Response.Headers.ContentLength = null;
        await Route53ErrorResponse.WriteXmlAsync(context.Response, document);
    }

    /// <summary>moto's listing with aliases as Route 53 lists them (<see cref="AliasListing"/>).</summary>
    private async Task ListRecordSetsAsync(HttpContext context)
    {
        using var message = moto.CreateMessage(context.Request, null);
        using var response = await moto.SendAsync(message, context.RequestAborted);
        var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        var document = response.IsSuccessStatusCode ? TryParse(answer) : null;
        if (document is null || !AliasListing.Rewrite(document))
        {
            await WriteVerbatimAsync(context, response, answer);
            return;
        }
        control.Stats.Increment(RealismStats.MotoRepairs, "aliasListedWithoutTtl");
        context.Response.StatusCode = (int)response.StatusCode;
        MotoForwarder.CopyHeaders(response, context.Response);
        context.Response.Headers.ContentLength = null;
        await Route53ErrorResponse.WriteXmlAsync(context.Response, document);
    }

    private async Task ListHealthChecksAsync(HttpContext context)
    {
        var checks = await reader.HealthChecksAsync(context.RequestAborted);
        var query = context.Request.Query;
        var (page, error) = HealthCheckPages.Page(checks, query["marker"].FirstOrDefault(), query["maxitems"].FirstOrDefault());
        if (page is null)
        {
            await Route53ErrorResponse.WriteAsync(context.Response, 400, "InvalidInput", error!);
            return;
        }
        context.Response.StatusCode = 200;
        await Route53ErrorResponse.WriteXmlAsync(context.Response, page);
    }

    private async Task ChangeRecordSetsAsync(HttpContext context, string zoneId, RealismSettings settings)
    {
        var body = await ReadBodyAsync(context.Request);
        var gate = _zoneGates.GetOrAdd(zoneId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(context.RequestAborted);
        try
        {
            var document = TryParse(body);
            var changes = document is null ? null : RecordChange.ParseRequest(document);
            var zoneName = changes is null ? null : await reader.ZoneNameAsync(zoneId, context.RequestAborted);
            if (changes is not null && zoneName is not null)
            {
                var zone = await reader.RecordSetsAsync(zoneId, context.RequestAborted);
                if (ChangeBatchRules.Check(zoneId, zoneName, zone, changes, settings) is { } verdict)
                {
                    control.Stats.Increment(RealismStats.Rejected, verdict.Rule);
                    await (verdict.Code == ChangeBatchVerdict.InvalidInput
                        ? Route53ErrorResponse.WriteAsync(context.Response, 400, verdict.Code, verdict.Messages[0])
                        : Route53ErrorResponse.InvalidChangeBatchAsync(context.Response, verdict.Messages));
                    return;
                }
                var forwarded = document!;
                if (settings.UniqueRecordSets && MotoCreateRepair.Repair(forwarded) is { } recreated)
                {
                    control.Stats.Increment(RealismStats.MotoRepairs, "createAsUpsert");
                    forwarded = recreated;
                }
                if (!ReferenceEquals(forwarded, document))
                {
                    var pieces = MotoRequestPieces.Split(forwarded);
                    if (pieces.Count > 1) control.Stats.Increment(RealismStats.MotoRepairs, "splitForMotoRecordLimit");
                    foreach (var piece in pieces.SkipLast(1))
                    {
                        using var message = moto.CreateMessage(context.Request, new ByteArrayContent(Serialize(piece)));
                        using var response = await moto.SendAsync(message, CancellationToken.None);
                        if (response.IsSuccessStatusCode) continue;
                        await WriteVerbatimAsync(context, response, await response.Content.ReadAsByteArrayAsync(CancellationToken.None));
                        return;
                    }
                    body = Serialize(pieces[^1]);
                }
            }
            // Once a change goes to moto it is seen through, even if the caller hangs up: Route 53 applies a batch it
            // received whatever becomes of the connection, and the gate must not let the next change read the zone
            // while this one may still be landing.
            await ForwardRewritingChangeAsync(context, body, settings, CancellationToken.None);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task GetChangeAsync(HttpContext context, string changeId, RealismSettings settings)
    {
        if (control.Propagation.Describe(changeId, settings.ChangePendingFor) is not { } answer)
        {
            await moto.ForwardAsync(context);
            return;
        }
        control.Stats.Increment(RealismStats.ChangeStatus, answer.Status);
        if (answer.Status == "PENDING") control.Stats.IncrementOnce(RealismStats.ChangesWaitedOn, "changes", changeId);
        context.Response.StatusCode = 200;
        await Route53ErrorResponse.WriteXmlAsync(context.Response, answer.Response);
    }

    private async Task CreateHealthCheckAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request);
        var document = TryParse(body);
        var ns = document?.Root?.Name.Namespace ?? XNamespace.None;
        var reference = document?.Root?.Element(ns + "CallerReference")?.Value;
        var config = document?.Root?.Element(ns + "HealthCheckConfig");
        if (reference is null || config is null)
        {
            await ForwardBufferedAsync(context, body);
            return;
        }

        var references = control.HealthChecks;
        await references.Gate.WaitAsync(context.RequestAborted);
        try
        {
            if (references.WasDeleted(reference))
            {
                await AlreadyExistsAsync(context, "deletedReference");
                return;
            }
            // Only the checks of this reference: reading every check for each create made a layer of checks quadratic.
            var existing = (await reader.HealthChecksWithReferenceAsync(reference, context.RequestAborted))
                .FirstOrDefault(check => check.Element(check.Name.Namespace + "CallerReference")?.Value == reference);
            if (existing is null)
            {
                var created = await ForwardBufferedAsync(context, body);
                if (created == 201) references.Created(reference, config);
                return;
            }
            var existingConfig = existing.Element(existing.Name.Namespace + "HealthCheckConfig") ?? new XElement("HealthCheckConfig");
            if (!references.SameSettings(reference, config, existingConfig))
            {
                await AlreadyExistsAsync(context, "differentSettings");
                return;
            }
            // Same reference, same settings: Route 53 answers as if it had just created the existing check.
            control.Stats.Increment(RealismStats.HealthCheckReplays, "returnedExisting");
            var id = existing.Element(existing.Name.Namespace + "Id")?.Value;
            var responseNs = Route53ErrorResponse.Namespace;
            existing.Name = responseNs + "HealthCheck";
            context.Response.StatusCode = 201;
            context.Response.Headers.Location = $"https://route53.amazonaws.com/2013-04-01/healthcheck/{id}";
            await Route53ErrorResponse.WriteXmlAsync(context.Response, new XDocument(new XDeclaration("1.0", "UTF-8", null),
                new XElement(responseNs + "CreateHealthCheckResponse", existing)));
        }
        finally
        {
            references.Gate.Release();
        }
    }

    private Task AlreadyExistsAsync(HttpContext context, string reason)
    {
        control.Stats.Increment(RealismStats.HealthCheckReplays, reason);
        return Route53ErrorResponse.WriteAsync(context.Response, 409, "HealthCheckAlreadyExists",
            "A different health check has already been created with the specified caller reference.");
    }

    private async Task DeleteHealthCheckAsync(HttpContext context, string healthCheckId)
    {
        var references = control.HealthChecks;
        await references.Gate.WaitAsync(context.RequestAborted);
        try
        {
            var check = await reader.HealthCheckAsync(healthCheckId, context.RequestAborted);
            var reference = check?.Element(check.Name.Namespace + "CallerReference")?.Value;
            using var message = moto.CreateMessage(context.Request, null);
            using var response = await moto.SendAsync(message, context.RequestAborted);
            if (response.IsSuccessStatusCode && reference is not null) references.Deleted(reference);
            await MotoForwarder.CopyResponseAsync(response, context.Response, context.RequestAborted);
        }
        finally
        {
            references.Gate.Release();
        }
    }

    /// <summary>Forwards a buffered request and gives the ChangeInfo of a successful answer a fresh id and status.</summary>
    private async Task ForwardRewritingChangeAsync(HttpContext context, byte[]? body, RealismSettings settings,
        CancellationToken? exchange = null)
    {
        body ??= await ReadBodyAsync(context.Request);
        using var message = moto.CreateMessage(context.Request, new ByteArrayContent(body));
        using var response = await moto.SendAsync(message, exchange ?? context.RequestAborted);
        var answer = await response.Content.ReadAsByteArrayAsync(exchange ?? context.RequestAborted);
        var document = response.IsSuccessStatusCode ? TryParse(answer) : null;
        if (document is null || !control.Propagation.Rewrite(document, settings.ChangePendingFor))
        {
            await WriteVerbatimAsync(context, response, answer);
            return;
        }
        context.Response.StatusCode = (int)response.StatusCode;
        MotoForwarder.CopyHeaders(response, context.Response);
        context.Response.Headers.ContentLength = null;
        await Route53ErrorResponse.WriteXmlAsync(context.Response, document);
    }

    private async Task<int> ForwardBufferedAsync(HttpContext context, byte[] body)
    {
        using var message = moto.CreateMessage(context.Request, new ByteArrayContent(body));
        using var response = await moto.SendAsync(message, context.RequestAborted);
        await MotoForwarder.CopyResponseAsync(response, context.Response, context.RequestAborted);
        return (int)response.StatusCode;
    }

    private static async Task WriteVerbatimAsync(HttpContext context, HttpResponseMessage response, byte[] body)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        MotoForwarder.CopyHeaders(response, context.Response);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static byte[] Serialize(XDocument document) =>
        System.Text.Encoding.UTF8.GetBytes(document.Declaration + document.ToString(SaveOptions.DisableFormatting));

    private static XDocument? TryParse(byte[] body)
    {
        if (body.Length == 0) return null;
        try
        {
            using var stream = new MemoryStream(body);
            return XDocument.Load(stream);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
