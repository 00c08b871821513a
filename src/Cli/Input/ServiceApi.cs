using System.Net;
using Amazon;
using Failover.Aws.Http;
using Failover.Service.Ports;
using Failover.Core.Contracts;

namespace Failover.Cli.Input;

/// <summary>A response of the service's HTTP API: the status, and the body as text.</summary>
public sealed record ServiceApiResponse(HttpStatusCode Status, string? ContentType, string Body)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;
}

/// <summary>
/// The service's HTTP API, as <c>--api URL</c> names it. Requests to a deployed API (<c>*.execute-api.*</c>) are
/// signed with SigV4 for execute-api with the SDK's credential chain, as API Gateway's IAM authorisation requires;
/// the local stack's API on loopback takes them unsigned.
/// </summary>
public sealed class ServiceApi(Uri baseUrl, AwsRequestSigner? signer, HttpClient http)
{
    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>Whether requests are SigV4-signed (a deployment, or the local stack with a profile).</summary>
    public bool Signs => signer is not null;

    public static ServiceApi Create(string url, HttpClient http, string? profile = null, string? region = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new CliUsageException($"--api must be the service's http(s) URL (e.g. http://127.0.0.1:3000); it is '{url}'");
        // Loopback is the local stack, which takes requests unsigned unless a profile asks for signing (as a test of
        // the deployed path does); anything else is API Gateway with IAM authorisation.
        var sign = !uri.IsLoopback || profile is not null;
        var signer = sign ? new AwsRequestSigner(Credentials(profile), Region(uri, region, profile), "execute-api") : null;
        return new ServiceApi(uri, signer, http);
    }

    /// <summary>GET a path of the API (e.g. <c>/trees/www/plan</c>); throws <see cref="CliFailureException"/> when the service cannot be
    /// reached.</summary>
    public Task<ServiceApiResponse> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>
    /// One request, signed when the API needs it. Every mutating request carries a JSON body (<c>{}</c> when the route
    /// takes none) with its media type and the client's header: the service refuses mutating requests without them, so
    /// that a page on another site cannot make them through a user's signing proxy.
    /// </summary>
    public async Task<ServiceApiResponse> SendAsync(
        HttpMethod method, string path, RequestBody? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseUrl.AbsoluteUri.TrimEnd('/') + path);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.ParseAdd("application/json");
        var bytes = Array.Empty<byte>();
        if (method != HttpMethod.Get)
        {
            body ??= RequestBody.EmptyJson;
            bytes = System.Text.Encoding.UTF8.GetBytes(body.Text);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(body.MediaType);
            request.Headers.TryAddWithoutValidation(ClientHeader, "cli");
        }
        await SignAsync(request, bytes, cancellationToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return new ServiceApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException e)
        {
            throw new CliFailureException($"the service at {BaseUrl} could not be reached: {e.Message}");
        }
    }

    /// <summary>
    /// Sends a request as another client made it (<c>failover dashboard</c>'s page): <paramref name="pathAndQuery"/> under the
    /// API's URL, with only the <paramref name="headers"/> given, signed as <see cref="SendAsync"/> signs. The response, an
    /// error status included, is the caller's to pass on and dispose; an unreachable service throws
    /// <see cref="HttpRequestException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> ForwardAsync(HttpMethod method, string pathAndQuery,
        IEnumerable<KeyValuePair<string, string>> headers, byte[] body, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery);
        using var request = new HttpRequestMessage(method, uri);
        if (body.Length > 0 || method != HttpMethod.Get && method != HttpMethod.Head) request.Content = new ByteArrayContent(body);
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        await SignAsync(request, body, cancellationToken);
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// The answer's body as <typeparamref name="T"/>; a refusal becomes a <see cref="CliFailureException"/> that says why.
    /// </summary>
    public static T Read<T>(ServiceApiResponse response, string what)
    {
        if (!response.Succeeded) throw new CliFailureException(string.Join(Environment.NewLine + "  ", Describe(response)));
        try
        {
            return WireJson.Read<T>(response.Body, what, "not an object");
        }
        catch (FormatException e)
        {
            throw new CliFailureException($"the service answered something that is not {what}: {e.Message}");
        }
    }

    /// <summary>The header every mutating request carries (docs/api.md).</summary>
    public const string ClientHeader = "X-Failover-Client";

    // Adds the SigV4 headers when the API needs them (a deployment); the content type and the client header are signed
    // with the host, so neither can be changed on the way.
    private async Task SignAsync(HttpRequestMessage request, byte[] body, CancellationToken cancellationToken)
    {
        if (signer is null) return;
        var signedHeaders = new List<KeyValuePair<string, string>>();
        if (request.Content?.Headers.ContentType is { } type) signedHeaders.Add(new("content-type", type.ToString()));
        if (request.Headers.TryGetValues(ClientHeader, out var client))
            signedHeaders.Add(new(ClientHeader.ToLowerInvariant(), string.Join(",", client)));
        var signed = await signer.SignAsync(request.Method, request.RequestUri!, signedHeaders, body, DateTime.UtcNow, cancellationToken);
        foreach (var (name, value) in signed) request.Headers.TryAddWithoutValidation(name, value);
    }

    /// <summary>
    /// What a failed response says, as lines for stderr: the problem's detail, then each error with its path
    /// (RFC 9457 documents from the service; API Gateway's own {"message"} otherwise).
    /// </summary>
    public static IReadOnlyList<string> Describe(ServiceApiResponse response)
    {
        var lines = new List<string>();
        try
        {
            var problem = WireJson.Read<ProblemDocument>(response.Body, "the answer", "not an object");
            var detail = problem.Detail
                ?? WireJson.Read<GatewayMessageDocument>(response.Body, "the answer", "not an object").Message
                ?? response.Body;
            var type = problem.Type?.Split(':')[^1];
            lines.Add($"the service answered {(int)response.Status}{(type is null ? "" : " " + type)}: {detail}");
            foreach (var error in problem.Errors ?? []) lines.Add($"{error.Path ?? error.Parameter ?? "$"}: {error.Message}");
            return lines;
        }
        catch (FormatException)
        {
        }
        lines.Add($"the service answered {(int)response.Status}: " +
            $"{(response.Body.Length > 200 ? response.Body[..200] + "…" : response.Body)}");
        return lines;
    }

    // https://abc123.execute-api.eu-west-1.amazonaws.com: the region is in the host; a custom domain needs --region or AWS_REGION.
    // Else the named profile's region, else the SDK's default (AWS_REGION, the default profile).
    private static RegionEndpoint Region(Uri uri, string? region, string? profile)
    {
        if (region is not null) return RegionEndpoint.GetBySystemName(region);
        var labels = uri.Host.Split('.');
        var at = Array.IndexOf(labels, "execute-api");
        if (at >= 0 && at + 1 < labels.Length) return RegionEndpoint.GetBySystemName(labels[at + 1]);
        if (profile is not null
            && new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain().TryGetProfile(profile, out var named)
            && named.Region is { } profileRegion)
            return profileRegion;
        try
        {
            return AwsEnvironment.DefaultRegion();
        }
        catch (InvalidOperationException)
        {
            throw new CliUsageException($"--api {uri}: the URL names no region; give --region (or set AWS_REGION)");
        }
    }

    private static Amazon.Runtime.AWSCredentials Credentials(string? profile)
    {
        if (profile is null) return AwsEnvironment.DefaultCredentials();
        return new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)
            ? credentials
            : throw new CliUsageException($"--profile {profile}: no such profile in the AWS config or credentials files");
    }
}

/// <summary>A request body and its media type.</summary>
public sealed record RequestBody(string Text, string MediaType)
{
    public static readonly RequestBody EmptyJson = new("{}", "application/json");

    public static RequestBody Json(string text) => new(text, "application/json");
}
