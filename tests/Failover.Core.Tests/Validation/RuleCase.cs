using Failover.Core.Diagnostics;
using Failover.Core.Spec;

namespace Failover.Core.Tests.Validation;

/// <summary>
/// One validation rule: a spec that breaks it (and the diagnostic expected, by path and wording) and a close spec
/// that keeps it (and must load with no diagnostic at all).
/// </summary>
internal sealed record RuleCase(string Rule, Func<SpecDocument> Broken, string Path, string Fragment, Func<SpecDocument> Kept,
    Severity Severity = Severity.Error)
{
    public static void AssertBroken(RuleCase rule)
    {
        var result = SpecLoader.Load(rule.Broken().Text);

        var found = result.Diagnostics.Where(d => d.Path == rule.Path && d.Severity == rule.Severity).ToList();
        Assert.True(
            found.Any(d => d.Message.Contains(rule.Fragment, StringComparison.Ordinal)),
            $"expected {rule.Severity} at {rule.Path} containing \"{rule.Fragment}\"; got:\n{string.Join("\n", result.Diagnostics)}");
        if (rule.Severity == Severity.Error) Assert.Null(result.Spec);
    }

    public static void AssertKept(RuleCase rule)
    {
        var result = SpecLoader.Load(rule.Kept().Text);
        var diagnostics = DocumentationAddresses.Aside(result.Diagnostics);

        Assert.True(diagnostics.Count == 0,
            $"expected no diagnostics (besides documentation-address warnings); got:\n{string.Join("\n", diagnostics)}");
        Assert.NotNull(result.Spec);
    }
}
