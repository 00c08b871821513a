using System.Text.Json;
using Failover.Api.Routing;
using Failover.Deploy.Tests.Template;

namespace Failover.Deploy.Tests;

/// <summary>The HTTP API as API Gateway receives it: the service's routes, each IAM-authorised, each to the Api function.</summary>
[Trait("Category", "Deploy")]
public sealed class HttpApiTests
{
    private static readonly TranslatedTemplate Template = TranslatedTemplate.Instance;

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations()
    {
        var body = Template.Properties("HttpApi").GetProperty("Body");
        foreach (var path in body.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                yield return (operation.Name.ToUpperInvariant(), path.Name, operation.Value);
    }

    [Fact]
    public void Api_gateway_routes_are_exactly_the_routes_the_api_serves()
    {
        var deployed = Operations().Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal);
        var served = ApiRoutes.All.Select(r => $"{r.Method} {r.Template}").Order(StringComparer.Ordinal);

        Assert.Equal(served, deployed);
    }

    [Fact]
    public void Every_route_requires_sigv4_and_goes_to_the_api_function_in_payload_format_2()
    {
        var schemes = Template.Properties("HttpApi").GetProperty("Body").GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("awsSigv4", schemes.GetProperty("AWS_IAM").GetProperty("x-amazon-apigateway-authtype").GetString());

        foreach (var (method, path, operation) in Operations())
        {
            var route = $"{method} {path}";
            Assert.True(operation.GetProperty("security").EnumerateArray().Select(s => s.EnumerateObject().Single().Name)
                .SequenceEqual(["AWS_IAM"]),
                $"{route} is not IAM-authorised");
            var integration = operation.GetProperty("x-amazon-apigateway-integration");
            Assert.Equal("2.0", integration.GetProperty("payloadFormatVersion").GetString());
            Assert.Contains("${ApiFunction.Arn}", integration.GetProperty("uri").GetProperty("Fn::Sub").GetString());
        }
    }

    [Fact]
    public void Routes_that_read_Route_53_are_throttled_below_the_rest_by_their_own_parameters()
    {
        var stage = Template.Properties(Template.OfType("AWS::ApiGatewayV2::Stage").Single());
        var evaluator = new TemplateEvaluator(Template, Deployment.WithZones("Z0111111111AAAAAAAAAA"));
        var defaults = stage.GetProperty("DefaultRouteSettings");
        Assert.Equal("ApiThrottlingRateLimit", defaults.GetProperty("ThrottlingRateLimit").GetProperty("Ref").GetString());
        Assert.Equal("ApiThrottlingBurstLimit", defaults.GetProperty("ThrottlingBurstLimit").GetProperty("Ref").GetString());

        var routes = stage.GetProperty("RouteSettings").EnumerateObject().ToList();
        string[] readingRoute53 = ["GET /trees/{name}/health", "GET /trees/{name}/plan", "POST /trees", "POST /trees/{name}/drift-check"];
        Assert.Equal(readingRoute53.Order(StringComparer.Ordinal), routes.Select(r => r.Name).Order(StringComparer.Ordinal));
        var deployed = Operations().Select(o => $"{o.Method} {o.Path}").ToHashSet();
        foreach (var route in routes)
        {
            Assert.Contains(route.Name, deployed);
            Assert.Equal("ApiRoute53RouteRateLimit", route.Value.GetProperty("ThrottlingRateLimit").GetProperty("Ref").GetString());
            Assert.Equal("ApiRoute53RouteBurstLimit", route.Value.GetProperty("ThrottlingBurstLimit").GetProperty("Ref").GetString());
        }
        // With the defaults, a Route 53-reading route gets a fraction of what the others get.
        double Value(JsonElement value) => double.Parse(evaluator.String(value), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Value(routes[0].Value.GetProperty("ThrottlingRateLimit")) < Value(defaults.GetProperty("ThrottlingRateLimit")));
        Assert.True(Value(routes[0].Value.GetProperty("ThrottlingBurstLimit")) < Value(defaults.GetProperty("ThrottlingBurstLimit")));
    }

    [Fact]
    public void Default_stage_writes_access_logs_to_a_log_group_kept_for_LogRetentionDays()
    {
        var stage = Template.OfType("AWS::ApiGatewayV2::Stage").Single();
        var settings = Template.Properties(stage).GetProperty("AccessLogSettings");
        var group = settings.GetProperty("DestinationArn").GetProperty("Fn::GetAtt")[0].GetString()!;

        using var format = JsonDocument.Parse(settings.GetProperty("Format").GetString()!);
        Assert.Equal("$context.requestId", format.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("$context.identity.userArn", format.RootElement.GetProperty("caller").GetString());
        Assert.Equal("LogRetentionDays", Template.Properties(group).GetProperty("RetentionInDays").GetProperty("Ref").GetString());
    }
}
