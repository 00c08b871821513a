using System.Text;
using System.Text.Json;

namespace Failover.Core.Spec.Syntax;

/// <summary>
/// Reads JSON into a <see cref="SpecValue"/> with Utf8JsonReader and an explicit stack: no recursion, so hostile
/// nesting costs a diagnostic rather than the process.
/// </summary>
internal static class JsonSyntaxReader
{
    public static SpecValue Read(string text, int maxNesting)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var positions = new PositionTracker(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            // One more than ours, so our clearer message fires first.
            MaxDepth = maxNesting + 1,
            CommentHandling = JsonCommentHandling.Skip,
        });
        var builder = new DocumentBuilder();
        try
        {
            while (reader.Read())
            {
                var at = positions.At(reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= maxNesting)
                            throw new SpecSyntaxException($"the document nests deeper than {maxNesting} levels", at);
                        builder.Open(reader.TokenType == JsonTokenType.StartObject ? SpecValue.NewObject(at) : SpecValue.NewArray(at));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        builder.Close();
                        break;
                    case JsonTokenType.PropertyName:
                        builder.Key(reader.GetString()!, at);
                        break;
                    case JsonTokenType.String:
                        builder.Add(SpecValue.String(reader.GetString()!, at));
                        break;
                    case JsonTokenType.Number:
                        builder.Add(SpecValue.Number(Encoding.UTF8.GetString(reader.ValueSpan), at));
                        break;
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        builder.Add(SpecValue.Boolean(reader.GetBoolean(), at));
                        break;
                    case JsonTokenType.Null:
                        builder.Add(SpecValue.Null(at));
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var at =
                new SourcePosition((int)(e.LineNumber ?? 0) + 1,
                positions.ColumnOf((int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0)));
            throw new SpecSyntaxException(Describe(e.Message), at);
        }
        catch (InvalidOperationException e)
        {
            // GetString on invalid UTF-16 escapes (lone surrogates) lands here.
            throw new SpecSyntaxException(e.Message, positions.At(reader.TokenStartIndex));
        }
        return builder.Result ?? throw new SpecSyntaxException("the document is empty", new SourcePosition(1, 1));
    }

    private static string Describe(string message)
    {
        // The reader appends its own 0-based coordinates; ours are 1-based and given separately.
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = cut >= 0 ? message[..cut] : message;
        var path = text.IndexOf(" Path: ", StringComparison.Ordinal);
        if (path >= 0) text = text[..path];
        return text.TrimEnd(' ', '|', '.');
    }

    /// <summary>Turns byte offsets into 1-based line and column (in characters), scanning forward once.</summary>
    private sealed class PositionTracker(byte[] bytes)
    {
        private long _offset;
        private int _line = 1;
        private int _column;
        private readonly List<long> _lineStarts = [0];

        public SourcePosition At(long offset)
        {
            if (offset < _offset) return Locate(offset);
            // Columns are counted as we go: specs written on one long line must not cost quadratic time.
            for (; _offset < offset && _offset < bytes.Length; _offset++)
            {
                var b = bytes[_offset];
                if (b == (byte)'\n')
                {
                    _line++;
                    _column = 0;
                    _lineStarts.Add(_offset + 1);
                }
                else if ((b & 0xC0) != 0x80) _column++;
            }
            return new SourcePosition(_line, _column + 1);
        }

        public int ColumnOf(int zeroBasedLine, int bytePositionInLine)
        {
            At(bytes.Length);
            var start = zeroBasedLine < _lineStarts.Count ? _lineStarts[zeroBasedLine] : _lineStarts[^1];
            return Characters(start, Math.Min(bytes.Length, start + bytePositionInLine)) + 1;
        }

        private SourcePosition Locate(long offset)
        {
            var line = _lineStarts.BinarySearch(offset);
            if (line < 0) line = ~line - 1;
            return new SourcePosition(line + 1, Characters(_lineStarts[line], offset) + 1);
        }

        private int Characters(long from, long to)
        {
            var count = 0;
            for (var i = from; i < to && i < bytes.Length; i++)
                if ((bytes[i] & 0xC0) != 0x80) count++;
            return count;
        }
    }
}
