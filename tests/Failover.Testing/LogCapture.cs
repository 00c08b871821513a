using System.Text;
using System.Text.Json;

namespace Failover.Testing;

/// <summary>
/// A log sink's stream for tests: the structured logger's lines (one JSON document each), kept in order, parsed on
/// reading. The functions' standard output on the local stack, or the in-memory API's log.
/// </summary>
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
