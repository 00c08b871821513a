namespace Failover.Core.Diagram;

/// <summary>One visual state: its Mermaid class name and its style, shared by the Mermaid and DOT renderings.</summary>
internal sealed record OverlayStyle(string ClassName, string? Fill, string? Border)
{
    // Declared in this order so that in Mermaid's stylesheet a progress fill overrides a health fill, as in DOT.
    public static readonly IReadOnlyList<OverlayStyle> All =
    [
        new("healthy", "#c8e6c9", null),
        new("unhealthy", "#ffcdd2", null),
        new("pending", "#eeeeee", null),
        new("inProgress", "#fff3c4", null),
        new("done", "#b9f6ca", null),
        new("failed", "#ff8a80", null),
        new("driftMissing", null, "#d32f2f"),
        new("driftChanged", null, "#f57c00"),
    ];

    public static IReadOnlyList<OverlayStyle> For(NodeOverlay? overlay)
    {
        if (overlay is null) return [];
        var styles = new List<OverlayStyle>();
        if (overlay.Health is { } health) styles.Add(Named(health == HealthState.Healthy ? "healthy" : "unhealthy"));
        if (overlay.Progress is { } progress)
        {
            styles.Add(Named(progress switch
            {
                RunProgress.Pending => "pending",
                RunProgress.InProgress => "inProgress",
                RunProgress.Done => "done",
                _ => "failed",
            }));
        }
        if (overlay.Drift is { } drift) styles.Add(Named(drift == DriftState.Missing ? "driftMissing" : "driftChanged"));
        return styles;
    }

    public string MermaidDefinition() => string.Join(",", new[]
    {
        Fill is null ? null : $"fill:{Fill}",
        Border is null ? null : $"stroke:{Border},stroke-width:3px,stroke-dasharray:5 5",
    }.Where(part => part is not null));

    private static OverlayStyle Named(string className) => All.First(s => s.ClassName == className);
}
