using System.Text.Json;
using System.Text.RegularExpressions;

namespace Failover.Deploy.Tests.Template;

/// <summary>
/// Evaluates CloudFormation intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Split, Fn::Select, Fn::If and
/// the condition functions) for one imagined <see cref="Deployment"/>, so tests compare concrete ARNs instead of the
/// shape of the YAML. Resources get the names and ARNs CloudFormation would give them, built from their logical ids
/// where the physical name would be generated. A value is a string or a list of strings.
/// </summary>
public sealed partial class TemplateEvaluator(TranslatedTemplate template, Deployment deployment)
{
    public Deployment Deployment { get; } = deployment;

    public string String(JsonElement value) =>
        Evaluate(value) as string ?? throw new InvalidOperationException($"expected a string, got a list from {value}");

    /// <summary>A string or a list, as a list (an IAM Resource may be either).</summary>
    public IReadOnlyList<string> Strings(JsonElement value) => Evaluate(value) switch
    {
        string one => [one],
        IReadOnlyList<string> many => many,
        _ => throw new InvalidOperationException($"cannot evaluate {value}"),
    };

    public bool Condition(string name) =>
        template.Root.GetProperty("Conditions").TryGetProperty(name, out var condition)
            ? Truth(condition)
            : throw new KeyNotFoundException($"no condition {name}");

    public object Evaluate(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String: return value.GetString()!;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False: return value.GetRawText();
            case JsonValueKind.Array: return Flatten(value.EnumerateArray().Select(Evaluate));
        }

        var function = value.EnumerateObject().ToList() is [var only] ? only
            : throw new NotSupportedException($"not an intrinsic function: {value}");
        var argument = function.Value;
        return function.Name switch
        {
            "Ref" => Ref(argument.GetString()!),
            "Fn::GetAtt" => GetAtt(argument[0].GetString()!, argument[1].GetString()!),
            "Fn::Sub" => Sub(argument),
            "Fn::Join" => string.Join(argument[0].GetString(), Flatten([Evaluate(argument[1])])),
            "Fn::Split" => (IReadOnlyList<string>)String(argument[1]).Split(argument[0].GetString()),
            "Fn::Select" => Strings(argument[1])[int.Parse(String(argument[0]), System.Globalization.CultureInfo.InvariantCulture)],
            "Fn::If" => Evaluate(Condition(argument[0].GetString()!) ? argument[1] : argument[2]),
            _ => throw new NotSupportedException($"{function.Name} is not evaluated by the tests"),
        };
    }

    private bool Truth(JsonElement condition)
    {
        var function = condition.EnumerateObject().Single();
        var arguments = function.Value;
        return function.Name switch
        {
            "Fn::Equals" => String(arguments[0]) == String(arguments[1]),
            "Fn::Not" => !Truth(arguments[0]),
            "Fn::And" => arguments.EnumerateArray().All(Truth),
            "Fn::Or" => arguments.EnumerateArray().Any(Truth),
            "Condition" => Condition(arguments.GetString()!),
            _ => throw new NotSupportedException($"condition function {function.Name}"),
        };
    }

    private object Ref(string name) => name switch
    {
        "AWS::Partition" => Deployment.Partition,
        "AWS::Region" => Deployment.Region,
        "AWS::AccountId" => Deployment.AccountId,
        "AWS::StackName" => Deployment.StackName,
        "AWS::URLSuffix" => Deployment.UrlSuffix,
        _ when template.Root.GetProperty("Parameters").TryGetProperty(name, out var parameter) => Parameter(name, parameter),
        _ => ResourceRef(name),
    };

    private object Parameter(string name, JsonElement parameter)
    {
        var value = Deployment.Parameters.TryGetValue(name, out var given) ? given
            : parameter.TryGetProperty("Default", out var fallback)
                ? (fallback.ValueKind == JsonValueKind.String ? fallback.GetString()! : fallback.GetRawText())
            : throw new InvalidOperationException($"parameter {name} has no default: give it in the Deployment");
        return parameter.GetProperty("Type").GetString()!.StartsWith("List<", StringComparison.Ordinal)
            || parameter.GetProperty("Type").GetString() == "CommaDelimitedList"
            ? value.Split(',')
            : value;
    }

    // Ref and Fn::GetAtt as CloudFormation answers them, for the resource types the template's policies name.
    private string ResourceRef(string id) => template.TypeOf(id) switch
    {
        "AWS::Lambda::Function" => NameOf(id, "FunctionName"),
        "AWS::DynamoDB::Table" => NameOf(id, "TableName"),
        "AWS::SQS::Queue" => $"https://sqs.{Deployment.Region}.{Deployment.UrlSuffix}/{Deployment.AccountId}/{NameOf(id, "QueueName")}",
        "AWS::StepFunctions::StateMachine" =>
            $"arn:{Deployment.Partition}:states:{Deployment.Region}:{Deployment.AccountId}:stateMachine:{NameOf(id, "StateMachineName")}",
        "AWS::IAM::ManagedPolicy" => $"arn:{Deployment.Partition}:iam::{Deployment.AccountId}:policy/{NameOf(id, "ManagedPolicyName")}",
        "AWS::SNS::Topic" => $"arn:{Deployment.Partition}:sns:{Deployment.Region}:{Deployment.AccountId}:{NameOf(id, "TopicName")}",
        _ => NameOf(id, "Name"),
    };

    private string GetAtt(string id, string attribute) => (template.TypeOf(id), attribute) switch
    {
        ("AWS::Lambda::Function",
            "Arn") => $"arn:{Deployment.Partition}:lambda:{Deployment.Region}:{Deployment.AccountId}:function:{ResourceRef(id)}",
        ("AWS::DynamoDB::Table",
            "Arn") => $"arn:{Deployment.Partition}:dynamodb:{Deployment.Region}:{Deployment.AccountId}:table/{ResourceRef(id)}",
        ("AWS::SQS::Queue",
            "Arn") => $"arn:{Deployment.Partition}:sqs:{Deployment.Region}:{Deployment.AccountId}:{NameOf(id, "QueueName")}",
        ("AWS::SQS::Queue", "QueueName") => NameOf(id, "QueueName"),
        ("AWS::Logs::LogGroup",
            "Arn") =>
                $"arn:{Deployment.Partition}:logs:{Deployment.Region}:{Deployment.AccountId}:log-group:{NameOf(id, "LogGroupName")}:*",
        ("AWS::IAM::Role", "Arn") => $"arn:{Deployment.Partition}:iam::{Deployment.AccountId}:role/{NameOf(id, "RoleName")}",
        var (type, _) => throw new NotSupportedException($"Fn::GetAtt {id}.{attribute} ({type}) is not evaluated by the tests"),
    };

    /// <summary>The resource's name property when the template sets one, else a generated one (stack-logicalId).</summary>
    private string NameOf(string id, string nameProperty) =>
        template.Resource(id).TryGetProperty("Properties", out var properties) && properties.TryGetProperty(nameProperty, out var name)
            ? String(name)
            : $"{Deployment.StackName}-{id}";

    private string Sub(JsonElement argument)
    {
        var (text, variables) = argument.ValueKind == JsonValueKind.String
            ? (argument.GetString()!, default(JsonElement))
            : (argument[0].GetString()!, argument[1]);
        return Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (name.StartsWith('!')) return "${" + name[1..] + "}";
            if (variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(name, out var variable))
                return Evaluate(variable) is string one ? one : throw new InvalidOperationException($"Fn::Sub variable {name} is a list");
            if (name.Contains('.') && !name.StartsWith("AWS::", StringComparison.Ordinal))
                return GetAtt(name[..name.IndexOf('.')], name[(name.IndexOf('.') + 1)..]);
            return Ref(name) is string value ? value : throw new InvalidOperationException($"Fn::Sub ${{{name}}} is a list");
        });
    }

    private static IReadOnlyList<string> Flatten(IEnumerable<object> values) =>
        [.. values.SelectMany(value => value switch
        {
            string one => [one],
            IReadOnlyList<string> many => many,
            _ => throw new InvalidOperationException($"unexpected value {value}"),
        })];

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Placeholder();
}
