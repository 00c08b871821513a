using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Failover.Aws.Tests.Http;

/// <summary>A request the loopback server received.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>A canned answer: a status and body, or a connection dropped without an answer.</summary>
public sealed record CannedAnswer(int Status, string Body = "", string ContentType = "text/xml", bool Drop = false)
{
    public static CannedAnswer Dropped { get; } = new(0, Drop: true);
}

/// <summary>
/// A tiny HTTP/1.1 server on a free loopback port that answers with the service's real error documents, for the
/// behaviours moto cannot produce (throttling, busy zones, refused batches, dropped connections). Answers are given
/// in order; the last one repeats. One request per connection, so a dropped answer is a closed socket.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly Func<ReceivedRequest, int, CannedAnswer> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _count;

    public LoopbackServer(params CannedAnswer[] answers) : this((_, n) => answers[Math.Min(n, answers.Length - 1)]) { }

    public LoopbackServer(Func<ReceivedRequest, int, CannedAnswer> answer)
    {
        _answer = answer;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }
    public IReadOnlyList<ReceivedRequest> Received => _received.ToList();

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            using (socket)
            {
                await using var stream = new NetworkStream(socket, ownsSocket: false);
                var request = await ReadRequestAsync(stream);
                if (request is null) continue;
                _received.Enqueue(request);
                var number = Interlocked.Increment(ref _count);
                var answer = _answer(request, number - 1);
                if (answer.Drop)
                {
                    socket.LingerState = new LingerOption(true, 0); // reset the connection: no answer at all
                    continue;
                }
                var body = Encoding.UTF8.GetBytes(answer.Body);
                var head = $"HTTP/1.1 {answer.Status} Status\r\nContent-Type: {answer.ContentType}\r\nContent-Length: {body.Length}\r\n" +
                           $"x-amzn-RequestId: loopback-{number}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                await stream.WriteAsync(body);
                await stream.FlushAsync();
                socket.Shutdown(SocketShutdown.Both);
            }
        }
    }

    private static async Task<ReceivedRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (await stream.ReadAsync(one) == 0) return null;
            buffer.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2))
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return new ReceivedRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
