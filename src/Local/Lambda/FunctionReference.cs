namespace Failover.Local.Lambda;

/// <summary>
/// The <c>FunctionName</c> of an Invoke request, which Lambda accepts as a name (<c>PlanTree</c>), a name with a
/// qualifier (<c>PlanTree:live</c>), a partial ARN (<c>123456789012:function:PlanTree</c>) or a full ARN
/// (<c>arn:aws:lambda:us-east-1:123456789012:function:PlanTree[:live]</c>). Step Functions sends the full ARN.
/// </summary>
public readonly record struct FunctionReference(string Name, string? Qualifier)
{
    /// <summary>Parses an already URL-decoded FunctionName; null when it names no function.</summary>
    public static FunctionReference? Parse(string functionName)
    {
        if (string.IsNullOrWhiteSpace(functionName)) return null;
        var parts = functionName.Split(':');
        var marker = Array.IndexOf(parts, "function");
        if (marker >= 0)
        {
            if (marker + 1 >= parts.Length || parts.Length > marker + 3) return null;
            return Create(parts[marker + 1], marker + 2 < parts.Length ? parts[marker + 2] : null);
        }
        return parts.Length switch
        {
            1 => Create(parts[0], null),
            2 => Create(parts[0], parts[1]),
            _ => null,
        };
    }

    private static FunctionReference? Create(string name, string? qualifier) =>
        name.Length == 0 || qualifier is { Length: 0 } ? null : new FunctionReference(name, qualifier);
}
