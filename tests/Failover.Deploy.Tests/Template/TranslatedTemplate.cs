using System.Text.Json;

namespace Failover.Deploy.Tests.Template;

/// <summary>
/// template.yaml after the SAM transform, as CloudFormation would receive it: artifacts/template.translated.json, which
/// CI writes with scripts/translate-template.py. Written here when missing or older than what it is made from, so
/// <c>dotnet test</c> alone works (python3 with aws-sam-translator must be on the machine).
/// </summary>
public sealed class TranslatedTemplate
{
    public const string RelativePath = "artifacts/template.translated.json";

    private static readonly string[] Inputs = ["template.yaml", "src/StateMachine/Provisioning.asl.json", "scripts/translate-template.py"];
    private static readonly Lazy<TranslatedTemplate> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private TranslatedTemplate(JsonElement root) => Root = root;

    public static TranslatedTemplate Instance => Shared.Value;

    public JsonElement Root { get; }

    public JsonElement Resources => Root.GetProperty("Resources");

    public JsonElement Resource(string logicalId) =>
        Resources.TryGetProperty(logicalId, out var resource) ? resource
            : throw new KeyNotFoundException($"the translated template has no resource {logicalId}");

    public string TypeOf(string logicalId) => Resource(logicalId).GetProperty("Type").GetString()!;

    public JsonElement Properties(string logicalId) => Resource(logicalId).GetProperty("Properties");

    /// <summary>The logical ids of every resource of a CloudFormation type, in template order.</summary>
    public IReadOnlyList<string> OfType(string type) =>
        [.. Resources.EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == type).Select(r => r.Name)];

    /// <summary>The Lambda functions SAM made from the template's <c>AWS::Serverless::Function</c> resources.</summary>
    public IReadOnlyList<string> Functions => OfType("AWS::Lambda::Function");

    private static TranslatedTemplate Load()
    {
        var path = Repository.PathOf(RelativePath);
        var newestInput = Inputs.Select(input => File.GetLastWriteTimeUtc(Repository.PathOf(input))).Max();
        if (!File.Exists(path) || File.GetLastWriteTimeUtc(path) < newestInput)
            Repository.RunAsync("python3", "scripts/translate-template.py", "template.yaml", RelativePath).GetAwaiter().GetResult();

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new TranslatedTemplate(document.RootElement.Clone());
    }
}
