namespace Failover.Functions.Hosting;

/// <summary>Collects handlers by name; <see cref="Build"/> freezes them into a <see cref="HandlerTable"/>.</summary>
public sealed class HandlerTableBuilder
{
    private readonly Dictionary<string, LambdaHandler> _handlers = new(StringComparer.Ordinal);

    /// <summary>Adds a handler. Names are case-sensitive, as Lambda's <c>Handler</c> setting is.</summary>
    public HandlerTableBuilder Add(string name, LambdaHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (string.IsNullOrEmpty(name) || name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"Handler name '{name}' must be non-empty and contain no whitespace.", nameof(name));
        if (!_handlers.TryAdd(name, handler))
            throw new ArgumentException($"Handler '{name}' is registered twice.", nameof(name));
        return this;
    }

    public HandlerTable Build(TimeProvider time, HostingOptions? hosting = null) =>
        new(_handlers, time, (hosting ?? new HostingOptions()).Validated());
}
