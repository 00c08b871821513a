namespace Failover.Core.Spec.Syntax;

/// <summary>Assembles a <see cref="SpecValue"/> from a stream of events; shared by the JSON and YAML readers.</summary>
internal sealed class DocumentBuilder
{
    private sealed class Frame(SpecValue container)
    {
        public SpecValue Container { get; } = container;
        public string? PendingKey { get; set; }
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }

    private readonly Stack<Frame> _open = new();

    public SpecValue? Result { get; private set; }
    public int Depth => _open.Count;

    /// <summary>True when the innermost open container is an object waiting for its next key.</summary>
    public bool ExpectsKey => _open.Count > 0 && _open.Peek() is { Container.Kind: ValueKind.Object, PendingKey: null };

    public void Open(SpecValue container)
    {
        Add(container);
        _open.Push(new Frame(container));
    }

    public void Close() => _open.Pop();

    public void Key(string key, SourcePosition at)
    {
        var frame = _open.Peek();
        // JSON tolerates repeated keys (last wins) and YAML forbids them; either way the spec would be ambiguous.
        if (!frame.Keys.Add(key)) throw new SpecSyntaxException($"the field \"{key}\" appears twice in the same object", at);
        frame.PendingKey = key;
    }

    public void Add(SpecValue value)
    {
        if (_open.Count == 0)
        {
            Result = value;
            return;
        }
        var frame = _open.Peek();
        if (frame.Container.Kind == ValueKind.Array)
        {
            frame.Container.Items.Add(value);
            return;
        }
        frame.Container.Members.Add(new(frame.PendingKey!, value));
        frame.PendingKey = null;
    }
}
