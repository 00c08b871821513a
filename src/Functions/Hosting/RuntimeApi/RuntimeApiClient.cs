using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Failover.Functions.Hosting.RuntimeApi;

/// <summary>
/// The Lambda Runtime API, version 2018-06-01: next invocation, response, invocation error, init error. One
/// instance lives for the whole process so its connection to the API is reused across invocations.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private readonly HttpClient _http;

    /// <param name="runtimeApi">The <c>AWS_LAMBDA_RUNTIME_API</c> value: <c>host:port</c>.</param>
    public RuntimeApiClient(string runtimeApi, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        if (!Uri.TryCreate($"http://{runtimeApi}/2018-06-01/runtime/", UriKind.Absolute, out var baseAddress))
            throw new ArgumentException($"AWS_LAMBDA_RUNTIME_API '{runtimeApi}' is not a host:port address.", nameof(runtimeApi));

        _http = new HttpClient(handler ?? CreateHandler(), disposeHandler: true)
        {
            BaseAddress = baseAddress,
            // GET next blocks until an event arrives, which may be never while the sandbox is frozen.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    private static SocketsHttpHandler CreateHandler() => new()
    {
        // The Runtime API is local to the sandbox: an HTTP_PROXY meant for outbound calls must not capture it.
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    };

    public async Task<RuntimeInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new RuntimeApiException($"The Runtime API answered GET invocation/next with {(int)response.StatusCode} " +
                $"{response.ReasonPhrase}.");

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("The Runtime API sent an invocation without a Lambda-Runtime-Aws-Request-Id header.");
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RuntimeInvocation(
            requestId,
            ParseDeadline(Header(response, "Lambda-Runtime-Deadline-Ms")),
            Header(response, "Lambda-Runtime-Invoked-Function-Arn") ?? "",
            Header(response, "Lambda-Runtime-Trace-Id"),
            payload);
    }

    /// <summary>Posts the handler's response; returns the status code (202 when accepted, 413 when too large).</summary>
    public async Task<HttpStatusCode> PostResponseAsync(string requestId, Stream body, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(body);
        using var response = await _http.PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken);
        return Checked(response, "response");
    }

    public async Task<HttpStatusCode> PostErrorAsync(string requestId, FunctionError error, CancellationToken cancellationToken)
    {
        using var response = await PostErrorBodyAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);
        return Checked(response, "error");
    }

    public async Task<HttpStatusCode> PostInitErrorAsync(FunctionError error, CancellationToken cancellationToken)
    {
        using var response = await PostErrorBodyAsync("init/error", error, cancellationToken);
        return Checked(response, "init/error");
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> PostErrorBodyAsync(string path, FunctionError error, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(RuntimeErrorBody.From(error), RuntimeJsonContext.Readable.RuntimeErrorBody);
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.Type);
        return await _http.SendAsync(request, cancellationToken);
    }

    private static HttpStatusCode Checked(HttpResponseMessage response, string what) =>
        (int)response.StatusCode >= 500
            ? throw new RuntimeApiException($"The Runtime API answered the {what} post with {(int)response.StatusCode} " +
                $"{response.ReasonPhrase}; the execution environment is unusable.")
            : response.StatusCode;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault(value => value.Length > 0) : null;

    // Without a deadline the invocation is never cancelled by the runtime; Lambda still stops it at its timeout.
    private static DateTimeOffset ParseDeadline(string? milliseconds) =>
        long.TryParse(milliseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && value <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(value)
            : DateTimeOffset.MaxValue;
}
