using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Failover.Local.Edge;

/// <summary>
/// Passes a request to moto as it came (method, path, query, headers including Host and the signature, body) and
/// streams moto's answer back with its status and headers. moto routes signed requests by the credential scope of
/// the Authorization header, so the edge never needs to know which service a request is for.
/// </summary>
public sealed class MotoForwarder : IDisposable
{
    // Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade",
        // Kestrel has already answered the client's 100-continue; moto gets the body straight away.
        "Expect",
    };

    private readonly HttpClient _http;

    public MotoForwarder(Uri motoUrl)
    {
        MotoUrl = motoUrl;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            // Step Functions executions can keep a call open as long as a Task runs; the caller decides when to give up.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri MotoUrl { get; }

    /// <summary>Forwards the request with its body streamed through.</summary>
    public async Task ForwardAsync(HttpContext context)
    {
        using var message = CreateMessage(context.Request, new StreamContent(context.Request.Body));
        using var response = await SendAsync(message, context.RequestAborted);
        await CopyResponseAsync(response, context.Response, context.RequestAborted);
    }

    /// <summary>Builds the outgoing message; <paramref name="body"/> is null for requests without one.</summary>
    public HttpRequestMessage CreateMessage(HttpRequest request, HttpContent? body)
    {
        var target = new Uri(MotoUrl, request.PathBase + request.Path + request.QueryString);
        var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (hasBody && body is not null) message.Content = body;
        else body?.Dispose();

        // The client's Content-Length holds for a streamed body; a buffered body may have been rewritten and carries
        // its own length.
        if (message.Content is StreamContent && request.ContentLength is { } length) message.Content.Headers.ContentLength = length;
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name) || name.Equals("Host", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values) && message.Content is not null)
                message.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        // The original Host stays: moto uses it to route unsigned and virtual-host style requests.
        message.Headers.Host = request.Host.Value;
        return message;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>Writes moto's status, headers and body to the client, streaming the body.</summary>
    public static async Task CopyResponseAsync(HttpResponseMessage response, HttpResponse target, CancellationToken cancellationToken)
    {
        target.StatusCode = (int)response.StatusCode;
        CopyHeaders(response, target);
        // Kestrel decides the framing (Content-Length when moto gave one, chunked otherwise).
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(target.Body, cancellationToken);
    }

    public static void CopyHeaders(HttpResponseMessage response, HttpResponse target)
    {
        foreach (var (name, values) in response.Headers)
            if (!HopByHop.Contains(name)) target.Headers[name] = values.ToArray();
        foreach (var (name, values) in response.Content.Headers)
            target.Headers[name] = values.ToArray();
        target.HttpContext.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = response.ReasonPhrase;
    }

    public void Dispose() => _http.Dispose();
}
