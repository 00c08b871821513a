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

    public bool Grants(string action) => Allows && Actions.Any(granted => IamPattern.Matches(granted, action));

    /// <summary>Does this statement allow <paramref name="action"/> on <paramref name="resourceArn"/>?</summary>
    public bool Grants(string action, string resourceArn) =>
        Grants(action) && Resources.Any(resource => IamPattern.Matches(resource, resourceArn));

    public override string ToString() => $"{Source}: {Effect} [{string.Join(", ", Actions)}] on [{string.Join(", ", Resources)}]";
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
}
