using System.Net;
using System.Net.Sockets;
using System.Text;
using Failover.Cli.Input;

namespace Failover.Cli.Dashboard;

/// <summary>
/// <c>failover dashboard</c>'s server: listens on 127.0.0.1 only and forwards every request the browser is allowed to make
/// (<see cref="DashboardAccess"/>) to the service's API through <see cref="ServiceApi.ForwardAsync"/>, which signs it with
/// SigV4 for a deployment. The page itself comes from the API too (it serves the dashboard at <c>/</c> and
/// <c>/assets/…</c>), so the page and the API it calls are the same build. Only the headers the page needs go upstream
/// (never the browser's cookies or Authorization), and only the headers the page needs come back.
/// </summary>
internal sealed class DashboardProxy : IAsyncDisposable
{
    // What the service needs of the page's requests: content negotiation, the body's type, the client header that
    // mutating routes ask for, and revalidation of the page and its assets.
    private static readonly string[] RequestHeaders = ["accept", "content-type", DashboardAccess.ClientHeader, "if-none-match"];

    // What the page needs of the answers: the body's type and the security and caching headers the API sets.
    private static readonly string[] ResponseHeaders =
    [
        "content-security-policy", "referrer-policy", "x-frame-options", "x-content-type-options", "etag", "cache-control",
        "retry-after", "location",
    ];

    // The largest body the API takes is a tree's spec; anything far larger is not the page's.
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    private readonly HttpListener listener;
    private readonly ServiceApi api;
    private readonly TextWriter log;

    private DashboardProxy(HttpListener listener, DashboardAccess access, ServiceApi api, TextWriter log)
    {
        this.listener = listener;
        Access = access;
        this.api = api;
        this.log = log;
    }

    public DashboardAccess Access { get; }

    /// <summary>
    /// Listens on 127.0.0.1:<paramref name="port"/>, or on a free port when it is null (a port found free can be taken before
    /// the listener binds it, so that is tried a few times).
    /// </summary>
    public static DashboardProxy Start(ServiceApi api, int? port, TextWriter log)
    {
        for (var attempt = 1; ; attempt++)
        {
            var chosen = port ?? FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{chosen}/");
            try
            {
                listener.Start();
                return new DashboardProxy(listener, new DashboardAccess(DashboardAccess.NewToken(), chosen), api, log);
            }
            catch (HttpListenerException e)
            {
                listener.Close();
                if (port is not null || attempt == 3)
                    throw new CliFailureException($"cannot listen on 127.0.0.1:{chosen}: {e.Message}");
            }
        }
    }

    /// <summary>Answers requests until <paramref name="cancellationToken"/> is cancelled (Ctrl+C).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = cancellationToken.Register(listener.Stop);
        var inFlight = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }
            inFlight.RemoveAll(task => task.IsCompleted);
            inFlight.Add(Task.Run(() => AnswerAsync(context, cancellationToken), CancellationToken.None));
        }
        await Task.WhenAll(inFlight);
    }

    public ValueTask DisposeAsync()
    {
        listener.Close();
        return ValueTask.CompletedTask;
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var decision = Access.Decide(request.HttpMethod, request.Url!, request.Headers["Host"], request.Headers["Cookie"],
                request.Headers[DashboardAccess.ClientHeader]);
            switch (decision)
            {
                case AccessDecision.SetCookie admit:
                    response.StatusCode = (int)HttpStatusCode.SeeOther;
                    response.Headers["Set-Cookie"] = admit.Cookie;
                    response.Headers["Location"] = admit.Location;
                    response.Headers["Cache-Control"] = "no-store";
                    response.Headers["Referrer-Policy"] = "no-referrer";
                    break;
                case AccessDecision.Refuse refuse:
                    await WriteTextAsync(response, refuse.Status, refuse.Reason, cancellationToken);
                    break;
                default:
                    await ForwardAsync(request, response, cancellationToken);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpListenerException or IOException)
        {
            // The browser went away mid-answer (a navigation cancels the page's requests): nothing to tell it.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private async Task ForwardAsync(HttpListenerRequest request, HttpListenerResponse response, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            await WriteTextAsync(response, HttpStatusCode.RequestEntityTooLarge, $"a body larger than {MaxBodyBytes} bytes",
                cancellationToken);
            return;
        }
        var headers = RequestHeaders
            .Select(name => (name, value: request.Headers[name]))
            .Where(header => !string.IsNullOrEmpty(header.value))
            .Select(header => new KeyValuePair<string, string>(header.name, header.value!))
            .ToList();
        HttpResponseMessage upstream;
        try
        {
            upstream = await api.ForwardAsync(
                new HttpMethod(request.HttpMethod), request.Url!.PathAndQuery, headers, body, cancellationToken);
        }
        catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            log.WriteLine($"{request.HttpMethod} {request.Url!.PathAndQuery}: the service at {api.BaseUrl} did not answer: {e.Message}");
            await WriteTextAsync(response, HttpStatusCode.BadGateway,
                $"the service at {api.BaseUrl} could not be reached: {e.Message}", cancellationToken);
            return;
        }
        using (upstream)
        {
            response.StatusCode = (int)upstream.StatusCode;
            foreach (var name in ResponseHeaders)
            {
                if (upstream.Headers.TryGetValues(name, out var values) || upstream.Content.Headers.TryGetValues(name, out values))
                    response.Headers[name] = string.Join(", ", values);
            }
            if (upstream.Content.Headers.ContentType is { } type) response.ContentType = type.ToString();
            var bytes = await upstream.Content.ReadAsByteArrayAsync(cancellationToken);
            // No body after a 204, a 304 or a HEAD, whatever the upstream's framing said.
            var bodyless = (int)upstream.StatusCode is 204 or 304 || request.HttpMethod == "HEAD";
            response.ContentLength64 = bodyless ? 0 : bytes.Length;
            if (bodyless) return;
            await response.OutputStream.WriteAsync(bytes, cancellationToken);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpListenerRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasEntityBody) return [];
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static async Task WriteTextAsync(
        HttpListenerResponse response, HttpStatusCode status, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\n");
        response.StatusCode = (int)status;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers["Cache-Control"] = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, cancellationToken);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
