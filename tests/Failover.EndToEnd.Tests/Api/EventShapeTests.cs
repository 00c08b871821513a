using System.Net;
using System.Text;
using System.Text.Json;
using Failover.Functions.Handlers.Api;
using Failover.Testing.Stack;

namespace Failover.EndToEnd.Tests.Api;

/// <summary>
/// The API Gateway emulation on its own: a stand-in Api function shows the event it receives and returns crafted
/// responses, so the event's shape and the response mapping are checked without the service behind them.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EventShapeTests : IAsyncLifetime
{
    private TestStack? _stack;
    private readonly HttpClient _http = new();

    private Uri Api => _stack!.ApiUrl;

    public async Task InitializeAsync()
    {
        _stack = await new TestStackBuilder()
            .WithoutResources()
            .WithFunctions(functions => functions.Register(ApiHandler.Name, StandInAsync))
            .StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_stack is not null) await _stack.DisposeAsync();
    }

    /// <summary>/echo answers with the event; /teapot with a crafted response; /fail throws; anything else returns bare JSON.</summary>
    private static Task<ReadOnlyMemory<byte>> StandInAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var @event = JsonSerializer.Deserialize(payload.Span, HttpApiJsonContext.Default.HttpApiEvent)!;
        HttpApiResponse response = @event.RawPath switch
        {
            "/fail" => throw new InvalidOperationException("the stand-in fails on purpose"),
            "/teapot" => new HttpApiResponse
            {
                StatusCode = 418,
                Headers = new Dictionary<string, string> { ["content-type"] = "application/octet-stream", ["x-kind"] = "teapot" },
                Cookies = ["a=1; Path=/", "b=2"],
                Body = Convert.ToBase64String([0, 1, 2, 255]),
                IsBase64Encoded = true,
            },
            "/inferred" => null!,
            _ => new HttpApiResponse
            {
                StatusCode = 200,
                Headers = new Dictionary<string, string> { ["content-type"] = "application/json" },
                Body = Encoding.UTF8.GetString(payload.Span),
            },
        };
        return Task.FromResult<ReadOnlyMemory<byte>>(response is null
            ? """{"hello":"world"}"""u8.ToArray()
            : JsonSerializer.SerializeToUtf8Bytes(response, HttpApiJsonContext.Default.HttpApiResponse));
    }

    [Fact]
    public async Task A_GET_becomes_the_payload_format_2_event()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Api, "/echo/a%20b?x=1&x=2&y=z%26w"));
        request.Headers.Add("X-Custom", "A");
        request.Headers.Add("Cookie", "c1=v1; c2=v2");
        request.Headers.UserAgent.ParseAdd("tester/1.0");
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var @event = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2.0", @event.GetProperty("version").GetString());
        Assert.Equal("$default", @event.GetProperty("routeKey").GetString());
        Assert.Equal("/echo/a%20b", @event.GetProperty("rawPath").GetString());
        Assert.Equal("x=1&x=2&y=z%26w", @event.GetProperty("rawQueryString").GetString());
        var query = @event.GetProperty("queryStringParameters");
        Assert.Equal("1,2", query.GetProperty("x").GetString());
        Assert.Equal("z&w", query.GetProperty("y").GetString());
        var headers = @event.GetProperty("headers");
        Assert.Equal("A", headers.GetProperty("x-custom").GetString());
        Assert.All(headers.EnumerateObject(), h => Assert.Equal(h.Name.ToLowerInvariant(), h.Name));
        Assert.False(headers.TryGetProperty("cookie", out _));
        Assert.Equal(["c1=v1", "c2=v2"], @event.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()!).ToList());

        var context = @event.GetProperty("requestContext");
        Assert.Equal("123456789012", context.GetProperty("accountId").GetString());
        Assert.Equal("$default", context.GetProperty("stage").GetString());
        Assert.Equal("$default", context.GetProperty("routeKey").GetString());
        Assert.False(string.IsNullOrEmpty(context.GetProperty("apiId").GetString()));
        Assert.False(string.IsNullOrEmpty(context.GetProperty("requestId").GetString()));
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", context.GetProperty("time").GetString());
        Assert.True(context.GetProperty("timeEpoch").GetInt64() > 0);
        var http = context.GetProperty("http");
        Assert.Equal("GET", http.GetProperty("method").GetString());
        Assert.Equal("/echo/a%20b", http.GetProperty("path").GetString());
        Assert.Equal("127.0.0.1", http.GetProperty("sourceIp").GetString());
        Assert.Equal("tester/1.0", http.GetProperty("userAgent").GetString());
        Assert.False(@event.TryGetProperty("body", out _));
        Assert.False(@event.GetProperty("isBase64Encoded").GetBoolean());
    }

    [Fact]
    public async Task Repeated_headers_are_joined_with_commas_as_API_Gateway_joins_them()
    {
        // HttpClient folds repeated headers into one line; API Gateway's joining is only visible with separate lines.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", Api.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET /echo HTTP/1.1\r\nHost: 127.0.0.1:{Api.Port}\r\nX-Twice: one\r\nX-Twice: two\r\nConnection: close\r\n\r\n"));
        var reply = await new StreamReader(stream).ReadToEndAsync();

        var body = reply[(reply.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.StartsWith("HTTP/1.1 200", reply);
        Assert.Equal("one,two", JsonDocument.Parse(body).RootElement.GetProperty("headers").GetProperty("x-twice").GetString());
    }

    [Fact]
    public async Task Text_bodies_arrive_as_text_and_binary_ones_as_base64()
    {
        using var json =
            await _http.PostAsync(new Uri(Api, "/echo"), new StringContent("""{"a":"é"}""", Encoding.UTF8, "application/json"));
        var textEvent = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("""{"a":"é"}""", textEvent.GetProperty("body").GetString());
        Assert.False(textEvent.GetProperty("isBase64Encoded").GetBoolean());
        Assert.False(textEvent.TryGetProperty("queryStringParameters", out _));

        var bytes = new ByteArrayContent([0, 159, 146, 150]);
        bytes.Headers.ContentType = new("application/octet-stream");
        using var binary = await _http.PostAsync(new Uri(Api, "/echo"), bytes);
        var binaryEvent = JsonDocument.Parse(await binary.Content.ReadAsStringAsync()).RootElement;
        Assert.True(binaryEvent.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(new byte[] { 0, 159, 146, 150 }, Convert.FromBase64String(binaryEvent.GetProperty("body").GetString()!));
    }

    [Fact]
    public async Task The_functions_response_becomes_the_HTTP_response()
    {
        using var response = await _http.GetAsync(new Uri(Api, "/teapot"));
        Assert.Equal(418, (int)response.StatusCode);
        Assert.Equal("teapot", response.Headers.GetValues("x-kind").Single());
        Assert.Equal(["a=1; Path=/", "b=2"], response.Headers.GetValues("Set-Cookie").ToList());
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task JSON_without_a_statusCode_is_inferred_as_200_and_a_failed_function_is_500()
    {
        using var inferred = await _http.GetAsync(new Uri(Api, "/inferred"));
        Assert.Equal(HttpStatusCode.OK, inferred.StatusCode);
        Assert.Equal("""{"hello":"world"}""", await inferred.Content.ReadAsStringAsync());

        using var failed = await _http.GetAsync(new Uri(Api, "/fail"));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("""{"message":"Internal Server Error"}""", await failed.Content.ReadAsStringAsync());
    }
}
