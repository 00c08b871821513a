using System.Text.RegularExpressions;

namespace Failover.Deploy.Tests.Iam;

/// <summary>
/// One IAM policy statement with its resources evaluated for a deployment. <see cref="Source"/> says where it came
/// from (role and policy), so a failure names the statement to fix.
/// </summary>
public sealed record IamStatement(string Source, string Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources,
    bool UsesNotElements)
{
    public bool Allows => Effect == "Allow";

    /// <summary>The statement's Condition block, one entry per operator and key.</summary>
    public IReadOnlyList<IamCondition> Conditions { get; init; } = [];

    /// <summary>Do all the statement's conditions hold for a request with these condition key values?</summary>
    public bool ConditionsHold(IReadOnlyDictionary<string, IReadOnlyList<string>> context) => Conditions.All(c => c.Holds(context));

    public bool Grants(string action) => Allows && Actions.Any(granted => IamPattern.Matches(granted, action));

    /// <summary>Does this statement allow <paramref name="action"/> on <paramref name="resourceArn"/>?</summary>
    public bool Grants(string action, string resourceArn) =>
        Grants(action) && Resources.Any(resource => IamPattern.Matches(resource, resourceArn));

    public override string ToString() => $"{Source}: {Effect} [{string.Join(", ", Actions)}] on [{string.Join(", ", Resources)}]";
}

/// <summary>
/// One condition: an operator, a key and its values. Only the operators the template uses are evaluated; any other fails
/// the test that meets it rather than being taken as satisfied.
/// </summary>
public sealed record IamCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    /// <summary>
    /// IAM policy reference, "Condition operators" and "Multivalued context keys": StringEquals/StringLike compare
    /// case-sensitively; ForAllValues holds when every value of the request's key matches one of the condition's values
    /// (and so when the request has none).
    /// </summary>
    public bool Holds(IReadOnlyDictionary<string, IReadOnlyList<string>> context)
    {
        var given = context.FirstOrDefault(c => string.Equals(c.Key, Key, StringComparison.OrdinalIgnoreCase)).Value ?? [];
        return Operator switch
        {
            "ForAllValues:StringEquals" => given.All(v => Values.Contains(v, StringComparer.Ordinal)),
            "ForAllValues:StringLike" => given.All(v => Values.Any(pattern => IamPattern.Like(pattern, v))),
            "StringEquals" => given.Count > 0 && given.All(v => Values.Contains(v, StringComparer.Ordinal)),
            "StringLike" => given.Count > 0 && given.All(v => Values.Any(pattern => IamPattern.Like(pattern, v))),
            _ => throw new NotSupportedException($"condition operator {Operator} is not evaluated by these tests"),
        };
    }
}

/// <summary>IAM's wildcards in actions and resources: <c>*</c> any run of characters, <c>?</c> any one; actions ignore case.</summary>
public static class IamPattern
{
    public static bool Matches(string pattern, string value)
    {
        var expression = "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$";
        var service = pattern.Contains(':') && !pattern.StartsWith("arn:", StringComparison.Ordinal) ? RegexOptions.IgnoreCase
            : RegexOptions.None;
        return Regex.IsMatch(value, expression, service);
    }

    /// <summary>StringLike: the same wildcards, always case-sensitive.</summary>
    public static bool Like(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.None);
}
