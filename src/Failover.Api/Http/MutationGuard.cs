using Failover.Api.Problems;

namespace Failover.Api.Http;

/// <summary>
/// A request that changes something (POST, PUT, PATCH, DELETE) must be one a browser cannot send from another site without
/// a CORS preflight: a JSON or YAML body (those media types are not CORS-safelisted), or the <c>X-Failover-Client</c>
/// header. A bare POST (no body, or a form or text/plain one) that a page elsewhere makes the victim's browser send through
/// a signing proxy is refused before any route runs, so it cannot start a drift check, a rollback or a teardown.
/// </summary>
public static class MutationGuard
{
    public const string ClientHeader = "X-Failover-Client";

    public static bool IsMutating(string method) => method is "POST" or "PUT" or "PATCH" or "DELETE";

    /// <summary>Throws a 415 problem naming what is missing unless the request may change state.</summary>
    public static void Check(ApiRequest request, string path)
    {
        if (!IsMutating(request.Method) || !string.IsNullOrWhiteSpace(request.Header(ClientHeader))) return;
        var contentType = request.Header("content-type");
        var essence = MediaTypes.Essence(contentType);
        if (MediaTypes.IsJson(essence) || MediaTypes.IsYaml(essence)) return;
        var sent = essence is null ? "no Content-Type" : $"Content-Type '{essence}'";
        throw new ProblemException(ProblemType.UnsupportedMediaType,
            $"{request.Method} {path} changes state, so it needs Content-Type: application/json (with a JSON body) or the " +
            $"{ClientHeader} header (any value); this request has {sent} and no {ClientHeader}");
    }
}
