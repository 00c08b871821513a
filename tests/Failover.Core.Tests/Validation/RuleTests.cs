namespace Failover.Core.Tests.Validation;

/// <summary>Each validation rule: a spec breaking it gets the diagnostic, a close spec keeping it loads clean.</summary>
[Trait("Category", "Unit")]
public class RuleTests
{
    private static readonly Dictionary<string, RuleCase> Cases =
        TreeRuleCases.All().Concat(NodeRuleCases.All()).Concat(HealthCheckRuleCases.All())
            .Concat(OtherKindRuleCases.All()).Concat(OtherKindRuleCases.OnNodes())
            .Concat(AttachmentRuleCases.All()).ToDictionary(c => c.Rule);

    public static TheoryData<string> Rules() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Breaking_the_rule_is_reported_at_its_path(string rule) => RuleCase.AssertBroken(Cases[rule]);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Keeping_the_rule_loads_clean(string rule) => RuleCase.AssertKept(Cases[rule]);
}
