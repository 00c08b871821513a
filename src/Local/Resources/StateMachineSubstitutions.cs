using System.Text.RegularExpressions;
using Failover.Local.Lambda;

namespace Failover.Local.Resources;

/// <summary>
/// The <c>DefinitionSubstitutions</c> the state machine definitions in src/StateMachine may use, and their values on
/// the local stack. The one list of them: template.yaml must pass the same keys. The convention for function
/// ARNs is <c>${&lt;FunctionName&gt;FunctionArn}</c> (e.g. <c>${PlanTreeFunctionArn}</c>); on the local stack they
/// resolve to <c>arn:aws:lambda:us-east-1:123456789012:function:&lt;FunctionName&gt;</c>, served by the edge.
/// </summary>
public static partial class StateMachineSubstitutions
{
    public const string FunctionArnSuffix = "FunctionArn";
    public const string ProgressTableName = nameof(ProgressTableName);
    public const string DriftQueueUrl = nameof(DriftQueueUrl);

    [GeneratedRegex(@"\$\{(?<key>[A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>The substitution keys a definition uses, in order of first use.</summary>
    public static IReadOnlyList<string> KeysIn(string definition) =>
        Placeholder().Matches(definition).Select(match => match.Groups["key"].Value).Distinct().ToList();

    /// <summary>The function a <c>${XFunctionArn}</c> key names, or null for other keys.</summary>
    public static string? FunctionNamed(string key) =>
        key.EndsWith(FunctionArnSuffix, StringComparison.Ordinal) && key.Length > FunctionArnSuffix.Length
            ? key[..^FunctionArnSuffix.Length]
            : null;

    /// <summary>The local value of a key, or null when the key is not one of the known substitutions.</summary>
    public static string? LocalValue(string key, ProvisionedResourcesView resources) => key switch
    {
        ProgressTableName => resources.ProgressTable,
        DriftQueueUrl => resources.DriftQueueUrl,
        _ => FunctionNamed(key) is { } function ? LocalFunctionArn.For(function) : null,
    };

    /// <summary>
    /// Replaces every <c>${key}</c> in <paramref name="definition"/>. Throws naming the file and each unknown key.
    /// </summary>
    public static string Resolve(string definition, string fileName, ProvisionedResourcesView resources)
    {
        var unknown = KeysIn(definition).Where(key => LocalValue(key, resources) is null).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"{fileName}: unknown DefinitionSubstitutions {string.Join(", ", unknown.Select(key => "${" + key + "}"))}; " +
                $"known: ${{<FunctionName>{FunctionArnSuffix}}}, ${{{ProgressTableName}}}, ${{{DriftQueueUrl}}}");
        return Placeholder().Replace(definition, match => LocalValue(match.Groups["key"].Value, resources)!);
    }
}

/// <summary>The resources a definition may refer to, known before the state machines are created.</summary>
public sealed record ProvisionedResourcesView(string ProgressTable, string DriftQueueUrl);
