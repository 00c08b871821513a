using System.Text;
using System.Text.Json.Nodes;

namespace Failover.Local.Resources;

/// <summary>
/// Creates a Standard state machine in moto for every <c>*.asl.json</c> in src/StateMachine, named after the file
/// (<c>Provisioning.asl.json</c> → <c>Provisioning</c>), with its substitutions resolved to local ARNs. A state
/// machine that exists already gets the current definition, so restarting the stack picks up edits.
/// </summary>
public static class StateMachineSetup
{
    public const string DefinitionPattern = "*.asl.json";

    public static async Task<IReadOnlyDictionary<string, string>> EnsureAsync(
        HttpClient states, string? directory, ProvisionedResourcesView resources, CancellationToken cancellationToken)
    {
        var created = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (directory is null || !Directory.Exists(directory)) return created;

        var existing = await ExistingAsync(states, cancellationToken);
        foreach (var file in Directory.GetFiles(directory, DefinitionPattern).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file)[..^".asl.json".Length];
            var definition = StateMachineSubstitutions.Resolve(await File.ReadAllTextAsync(file, cancellationToken), file, resources);
            if (existing.TryGetValue(name, out var arn))
            {
                await CallAsync(states, "UpdateStateMachine",
                    new JsonObject { ["stateMachineArn"] = arn, ["definition"] = definition }, cancellationToken);
            }
            else
            {
                var response = await CallAsync(states, "CreateStateMachine", new JsonObject
                {
                    ["name"] = name,
                    ["definition"] = definition,
                    ["roleArn"] = LocalResourceNames.StateMachineRoleArn,
                    ["type"] = "STANDARD",
                }, cancellationToken);
                arn = response["stateMachineArn"]!.GetValue<string>();
            }
            created[name] = arn;
        }
        return created;
    }

    private static async Task<Dictionary<string, string>> ExistingAsync(HttpClient states, CancellationToken cancellationToken)
    {
        var machines = new Dictionary<string, string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var request = new JsonObject { ["maxResults"] = 1000 };
            if (token is not null) request["nextToken"] = token;
            var page = await CallAsync(states, "ListStateMachines", request, cancellationToken);
            foreach (var machine in page["stateMachines"]?.AsArray() ?? [])
                machines[machine!["name"]!.GetValue<string>()] = machine["stateMachineArn"]!.GetValue<string>();
            token = page["nextToken"]?.GetValue<string>();
        } while (!string.IsNullOrEmpty(token));
        return machines;
    }

    /// <summary>One Step Functions call (JSON 1.0: the operation in X-Amz-Target, a JSON body both ways).</summary>
    private static async Task<JsonNode> CallAsync(HttpClient states, string operation, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions." + operation);
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        using var response = await states.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Step Functions (moto) {operation} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }
}
