using System.Text.Json;
using Failover.Deploy.Tests.Template;

namespace Failover.Deploy.Tests.Iam;

/// <summary>
/// Everything an IAM role of the translated template is allowed: its inline policies, the customer managed policies of
/// the template it attaches (their statements read), and the AWS managed policies it attaches (by ARN: their text is
/// AWS's, not the template's).
/// </summary>
public sealed record RolePolicies(string RoleId, IReadOnlyList<IamStatement> Statements, IReadOnlyList<string> AwsManagedPolicyArns)
{
    public bool Grants(string action) => Statements.Any(s => s.Grants(action));

    public bool Grants(string action, string resourceArn) => Statements.Any(s => s.Grants(action, resourceArn));

    public IEnumerable<IamStatement> Granting(string action) => Statements.Where(s => s.Grants(action));

    /// <summary>
    /// Is a request allowed, conditions included: no Deny statement matches it and an Allow statement does whose every
    /// condition holds for <paramref name="context"/> (the request's condition keys and their values).
    /// </summary>
    public bool Allows(string action, string resourceArn, IReadOnlyDictionary<string, IReadOnlyList<string>> context) =>
        !Statements.Any(s => !s.Allows && s.Actions.Any(a => IamPattern.Matches(a, action))
                && s.Resources.Any(r => IamPattern.Matches(r, resourceArn)) && s.ConditionsHold(context))
            && Statements.Any(s => s.Grants(action, resourceArn) && s.ConditionsHold(context));

    public static RolePolicies Of(TranslatedTemplate template, TemplateEvaluator evaluator, string roleId)
    {
        if (template.TypeOf(roleId) != "AWS::IAM::Role") throw new ArgumentException($"{roleId} is not an IAM role", nameof(roleId));
        var properties = template.Properties(roleId);
        var statements = new List<IamStatement>();
        var awsManaged = new List<string>();

        if (properties.TryGetProperty("Policies", out var inline))
            foreach (var policy in inline.EnumerateArray())
                statements.AddRange(
                    Read(evaluator, $"{roleId}/{policy.GetProperty("PolicyName").GetString()}", policy.GetProperty("PolicyDocument")));

        if (properties.TryGetProperty("ManagedPolicyArns", out var managed))
            foreach (var arn in managed.EnumerateArray())
            {
                if (arn.ValueKind == JsonValueKind.Object && arn.TryGetProperty("Ref", out var reference)
                    && template.Resources.TryGetProperty(reference.GetString()!, out _))
                {
                    var policyId = reference.GetString()!;
                    statements.AddRange(
                        Read(evaluator, $"{roleId}/{policyId}", template.Properties(policyId).GetProperty("PolicyDocument")));
                }
                else awsManaged.Add(evaluator.String(arn));
            }

        // Standalone policies attached to the role (AWS::IAM::Policy with Roles), should the template ever use them.
        foreach (var policyId in template.OfType("AWS::IAM::Policy"))
        {
            var policy = template.Properties(policyId);
            if (policy.GetProperty("Roles").EnumerateArray().Any(role => role.TryGetProperty("Ref", out var r) && r.GetString() == roleId))
                statements.AddRange(Read(evaluator, $"{roleId}/{policyId}", policy.GetProperty("PolicyDocument")));
        }

        return new RolePolicies(roleId, statements, awsManaged);
    }

    /// <summary>The role a function or state machine runs as (its <c>Role</c> / <c>RoleArn</c> is <c>Fn::GetAtt role.Arn</c>).</summary>
    public static string RoleOf(TranslatedTemplate template, string resourceId)
    {
        var properties = template.Properties(resourceId);
        var role = properties.TryGetProperty("Role", out var r) ? r : properties.GetProperty("RoleArn");
        return role.GetProperty("Fn::GetAtt")[0].GetString()!;
    }

    private static IEnumerable<IamStatement> Read(TemplateEvaluator evaluator, string source, JsonElement document)
    {
        var statements = document.GetProperty("Statement");
        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements])
        {
            var sid = statement.TryGetProperty("Sid", out var s) ? $"/{s.GetString()}" : "";
            var actions = statement.TryGetProperty("Action", out var a) ? evaluator.Strings(a) : [];
            var resources = statement.TryGetProperty("Resource", out var res) ? evaluator.Strings(res) : [];
            var usesNot = statement.TryGetProperty("NotAction", out _) || statement.TryGetProperty("NotResource", out _)
                || statement.TryGetProperty("NotPrincipal", out _);
            var conditions = new List<IamCondition>();
            if (statement.TryGetProperty("Condition", out var condition))
                foreach (var op in condition.EnumerateObject())
                    foreach (var key in op.Value.EnumerateObject())
                        conditions.Add(new IamCondition(op.Name, key.Name, evaluator.Strings(key.Value)));
            yield return new IamStatement(source + sid, statement.GetProperty("Effect").GetString()!, actions, resources, usesNot)
            {
                Conditions = conditions,
            };
        }
    }
}
