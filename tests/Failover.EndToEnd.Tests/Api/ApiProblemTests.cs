using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.EndToEnd.Tests.Workflow;

namespace Failover.EndToEnd.Tests.Api;

/// <summary>
/// Every way a request can be wrong, through the API Gateway emulation: each answers its 4xx as an RFC 9457 problem
/// document (no stack trace: <see cref="ApiClient"/> checks every answer), and none of them changes anything.
/// </summary>
[Collection(ApiStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ApiProblemTests(ApiStackFixture stack)
{
    private readonly ApiClient _api = stack.Api;
    private readonly WorkflowTestSupport _support = stack.Support;

    private string Spec(string name = "problems", Action<JsonNode>? edit = null) =>
        File.ReadAllText(_support.WriteSpec("complex.json", name, edit).Path);

    [Fact]
    public async Task Malformed_JSON_is_400_with_the_line_and_column()
    {
        var answer = await _api.PostAsync("/trees", "{\n  \"name\": \"x\",\n  \"root\": {\n}");

        Assert.Equal((400, "malformed-json"), (answer.Status, answer.Problem));
        var error = answer.Json.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal(("$", 4), (error.GetProperty("path").GetString(), error.GetProperty("line").GetInt32()));
        Assert.DoesNotContain("LineNumber", answer.Body);
    }

    [Fact]
    public async Task An_invalid_spec_is_400_with_every_error_at_its_JSON_path()
    {
        var invalid = JsonNode.Parse(Spec())!;
        invalid["ttl"] = -5;
        invalid["root"]!["primary"]!["children"]![0]!["children"]![0]!["weight"] = 300;
        invalid["root"]!["primary"]!["children"]![1]!["children"]![1]!["id"] = "use1-web1";

        var answer = await _api.PostAsync("/trees", invalid.ToJsonString());

        Assert.Equal((400, "invalid-spec"), (answer.Status, answer.Problem));
        Assert.Equal(["$.ttl", "$.root.primary.children[0].children[0].weight", "$.root.primary.children[1].children[1].id"],
            answer.ErrorPaths);
        Assert.Equal("the spec has 3 errors", answer.Json.GetProperty("detail").GetString());
        Assert.Equal("tree-not-found", (await _api.GetAsync("/trees/problems")).Problem);
    }

    [Fact]
    public async Task A_zone_outside_the_allow_list_is_403_before_any_Route_53_call()
    {
        var foreign = Spec("foreign", spec => spec["hostedZoneId"] = "Z0000000000000000000A");
        var before = await Route53RequestsAsync();

        var created = await _api.PostAsync("/trees", foreign);
        var dryRun = await _api.PostAsync("/trees?dryRun=true", foreign);

        Assert.Equal((403, "zone-not-allowed"), (created.Status, created.Problem));
        Assert.Equal((403, "zone-not-allowed"), (dryRun.Status, dryRun.Problem));
        Assert.Equal(["$.hostedZoneId"], created.ErrorPaths);
        Assert.Equal(before, await Route53RequestsAsync());
        Assert.Equal("tree-not-found", (await _api.GetAsync("/trees/foreign")).Problem);
    }

    [Fact]
    public async Task An_unknown_tree_is_404_on_every_tree_route_and_an_unknown_run_too()
    {
        foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
                 {
                     (HttpMethod.Get, "/trees/nosuchtree", null), (HttpMethod.Delete, "/trees/nosuchtree", null),
                     (HttpMethod.Get, "/trees/nosuchtree/versions", null), (HttpMethod.Get, "/trees/nosuchtree/plan", null),
                     (HttpMethod.Get, "/trees/nosuchtree/diagram", null), (HttpMethod.Post, "/trees/nosuchtree/simulate", "{}"),
                     (HttpMethod.Post, "/trees/nosuchtree/rollback", """{"version": 1}"""),
                         (HttpMethod.Get, "/trees/nosuchtree/drift", null),
                     (HttpMethod.Post, "/trees/nosuchtree/drift-check", null),
                 })
        {
            var answer = await _api.SendAsync(method, path, body);
            Assert.True((answer.Status, answer.Problem) == (404, "tree-not-found"), $"{method} {path}: {answer}");
        }
        var run = await _api.GetAsync("/runs/20260101T000000000Z-000000000000");
        Assert.Equal((404, "run-not-found"), (run.Status, run.Problem));
        var route = await _api.GetAsync("/forests");
        Assert.Equal((404, "route-not-found"), (route.Status, route.Problem));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        // A valid spec padded with whitespace to 300 KB: the size is the only thing wrong with it.
        var answer = await _api.PostAsync("/trees", Spec() + new string(' ', 300 * 1024));

        Assert.Equal((413, "body-too-large"), (answer.Status, answer.Problem));
        var rollback =
            await _api.PostAsync("/trees/problems/rollback", $$"""{"version": 1, "padding": "{{new string('x', 20 * 1024)}}"}""");
        Assert.Equal((413, "body-too-large"), (rollback.Status, rollback.Problem));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task A_body_of_a_media_type_the_route_does_not_read_is_415(string? contentType)
    {
        var answer = await _api.SendAsync(HttpMethod.Post, "/trees", Spec(), contentType);

        Assert.Equal((415, "unsupported-media-type"), (answer.Status, answer.Problem));
    }

    [Fact]
    public async Task A_YAML_spec_is_read_like_JSON()
    {
        var yaml = "# the spec as YAML\n" + JsonNode.Parse(Spec("yamltree"))!.ToJsonString(); // JSON is YAML
        var answer = await _api.PostAsync("/trees?dryRun=true", yaml, "application/yaml");

        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Equal("yamltree", answer.Json.GetProperty("tree").GetString());
    }

    [Fact]
    public async Task Wrong_methods_bad_parameters_and_bad_rollback_bodies_are_4xx_naming_what_is_wrong()
    {
        var wrongMethod = await _api.SendAsync(HttpMethod.Put, "/trees/www");
        Assert.Equal((405, "method-not-allowed", "DELETE, GET"), (wrongMethod.Status, wrongMethod.Problem, wrongMethod.Header("allow")));

        var badName = await _api.GetAsync("/trees/bad%20name");
        Assert.Equal((400, "invalid-request"), (badName.Status, badName.Problem));
        Assert.Equal(["?name"], badName.ErrorPaths);

        var badFlag = await _api.PostAsync("/trees?dryRun=maybe", Spec());
        Assert.Equal(["?dryRun"], badFlag.ErrorPaths);

        var badRollback = await _api.PostAsync("/trees/www/rollback", """{"version": 0, "force": true}""");
        Assert.Equal((400, "invalid-request"), (badRollback.Status, badRollback.Problem));
        Assert.Equal(["$.version", "$.force"], badRollback.ErrorPaths);
    }

    [Fact]
    public async Task Every_4xx_carries_the_callers_correlation_id_in_the_answer_and_the_log()
    {
        var correlationId = "e2e-problem-" + Guid.NewGuid().ToString("N");

        var answer = await _api.PostAsync("/trees", "{", correlationId: correlationId);

        Assert.Equal(correlationId, answer.Header("x-correlation-id"));
        Assert.Equal(correlationId, answer.Json.GetProperty("correlationId").GetString());
        var line = Assert.Single(stack.Logs.Lines, l => l.TryGetProperty("correlation_id", out var c) && c.GetString() == correlationId);
        Assert.Equal(("WARN", "request handled", 400, "POST"),
            (line.GetProperty("level").GetString(), line.GetProperty("message").GetString(),
            line.GetProperty("status").GetInt32(), line.GetProperty("method").GetString()));
    }

    /// <summary>Route 53 requests the realism layer has seen, as its control endpoint counts them.</summary>
    private async Task<long> Route53RequestsAsync()
    {
        using var http = new HttpClient();
        var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(stack.Stack.EdgeUrl, "/_local/realism/stats"))).RootElement;
        return stats.GetProperty("totalRequests").GetInt64();
    }
}
