using System.Text;
using System.Text.Json;
using Failover.EndToEnd.Tests.Workflow;
using Failover.Functions.Hosting.Logging;
using Failover.Local.Drift;
using Failover.Testing.Stack;

namespace Failover.EndToEnd.Tests.Api;

/// <summary>
/// One local stack for every test of the HTTP API: the API Gateway emulation in front of the real <c>Api</c> function,
/// whose runs are Step Functions executions of src/StateMachine on moto. The functions' JSON log lines are kept, so
/// tests can follow a correlation id from a request to its run.
/// </summary>
public sealed class ApiStackFixture : IAsyncLifetime
{
    private TestStack? _stack;

    public Local.LocalStack Stack => (_stack ?? throw new InvalidOperationException("the local stack is not started")).Local;
    public ApiClient Api { get; private set; } = null!;
    public string ZoneId => _stack!.ZoneId;
    public LogCapture Logs { get; } = new();

    /// <summary>Specs in the local zone and the AWS CLI as the independent reader of Route 53.</summary>
    internal WorkflowTestSupport Support => new(Stack.EdgeUrl, ZoneId);

    public async Task InitializeAsync()
    {
        _stack = await new TestStackBuilder()
            .WithFunctionLog(new LogSink(Logs))
            .WithDrift(new DriftEmulationSettings { ScheduleInterval = null, MetricsOutput = TextWriter.Null })
            .StartAsync();
        Api = new ApiClient(Stack.ApiUrl);
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_stack is not null) await _stack.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiStackCollection : ICollectionFixture<ApiStackFixture>
{
    public const string Name = "api stack";
}

/// <summary>The functions' standard output: one JSON document per line, kept in order.</summary>
public sealed class LogCapture : Stream
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly MemoryStream _partial = new();

    /// <summary>Every complete line so far, each parsed (a line that is not JSON fails the test that reads it).</summary>
    public IReadOnlyList<JsonElement> Lines
    {
        get
        {
            lock (_gate) return _lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
            foreach (var b in buffer)
            {
                if (b != (byte)'\n')
                {
                    _partial.WriteByte(b);
                    continue;
                }
                _lines.Add(Encoding.UTF8.GetString(_partial.GetBuffer(), 0, (int)_partial.Length));
                _partial.SetLength(0);
            }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
