using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Failover.Deploy.Tests.Template;

/// <summary>The deployed definition of a state machine of the translated template, before CloudFormation substitutes it.</summary>
public sealed partial class StateMachineDefinition
{
    private StateMachineDefinition(string text, JsonElement substitutions)
    {
        Text = text;
        Json = JsonNode.Parse(text)!.AsObject();
        Substitutions = substitutions;
    }

    /// <summary>The definition as deployed: the ASL text with its <c>${…}</c> placeholders.</summary>
    public string Text { get; }

    public JsonObject Json { get; }

    /// <summary>DefinitionSubstitutions: placeholder name to value (an intrinsic function, unevaluated).</summary>
    public JsonElement Substitutions { get; }

    public IReadOnlySet<string> Placeholders =>
        Placeholder().Matches(Text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> SubstitutionNames =>
        Substitutions.ValueKind == JsonValueKind.Object
            ? Substitutions.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal) : new HashSet<string>();

    /// <summary>Every Task state, nested ones (Parallel branches, Map iterators) included, with its name.</summary>
    public IReadOnlyList<(string Name, JsonObject State)> Tasks => [.. TasksIn(Json)];

    public static StateMachineDefinition Of(TranslatedTemplate template, string stateMachineId)
    {
        var properties = template.Properties(stateMachineId);
        var definition = properties.GetProperty("DefinitionString");
        var text = definition.ValueKind == JsonValueKind.String ? definition.GetString()! : JoinedLiteral(definition);
        return new StateMachineDefinition(text,
            properties.TryGetProperty("DefinitionSubstitutions", out var substitutions) ? substitutions : default);
    }

    /// <summary>SAM writes an inline definition as Fn::Join of literal lines.</summary>
    private static string JoinedLiteral(JsonElement definition)
    {
        var join = definition.GetProperty("Fn::Join");
        return string.Join(join[0].GetString(), join[1].EnumerateArray().Select(part =>
            part.ValueKind == JsonValueKind.String ? part.GetString()
                : throw new NotSupportedException($"definition part is not literal: {part}")));
    }

    private static IEnumerable<(string, JsonObject)> TasksIn(JsonObject machine)
    {
        foreach (var (name, node) in machine["States"]!.AsObject())
        {
            var state = node!.AsObject();
            if ((string?)state["Type"] == "Task") yield return (name, state);
            foreach (var branch in state["Branches"]?.AsArray() ?? [])
                foreach (var task in TasksIn(branch!.AsObject())) yield return task;
            if ((state["ItemProcessor"] ?? state["Iterator"]) is JsonObject inner)
                foreach (var task in TasksIn(inner)) yield return task;
        }
    }

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Placeholder();
}
