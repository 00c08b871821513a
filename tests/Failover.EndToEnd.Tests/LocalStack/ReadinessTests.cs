using System.Net;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Failover.Local;
using Failover.Local.Aws;
using Failover.Local.Edge;
using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// <c>/_local/health</c> answers 200 only once what the stack reports exists: a client that waits for it (a script, the
/// dashboard's browser test) must find the start-up zone, the state machines and the table there.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReadinessTests
{
    [Fact]
    public async Task Health_answers_503_starting_until_the_zone_state_machines_and_table_exist_then_200()
    {
        var port = Failover.Local.Moto.MotoServer.FreePort();
        var edge = new Uri($"http://127.0.0.1:{port}");
        var starting = Local.LocalStack.StartAsync(LocalStackOptions.ForTests() with { EdgePort = port });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var answersBeforeReady = new List<string>();
        JsonNode? ready = null;
        try
        {
            while (ready is null)
            {
                Assert.False(starting.IsFaulted, starting.Exception?.ToString());
                HttpResponseMessage response;
                try
                {
                    response = await http.GetAsync(new Uri(edge, LocalControlEndpoints.HealthPath));
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(5); // the edge is not listening yet (moto starts first)
                    continue;
                }
                using (response)
                {
                    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        ready = body;
                        break;
                    }
                    Assert.Equal((HttpStatusCode.ServiceUnavailable, "starting"),
                        (response.StatusCode, body["status"]!.GetValue<string>()));
                    answersBeforeReady.Add(body.ToJsonString());
                }
                await Task.Delay(5);
            }

            // The moment health says ready, everything it names is there.
            Assert.Equal("ok", ready["status"]!.GetValue<string>());
            using var route53 = new Route53Wire(edge);
            var zones = await route53.SendAsync(HttpMethod.Get, "/2013-04-01/hostedzone");
            var zoneId = ready["resources"]!["hostedZones"]!["example.com"]!.GetValue<string>();
            Assert.Contains(zones.Body!.Root!.Element(Ns + "HostedZones")!.Elements(Ns + "HostedZone"),
                zone => zone.Element(Ns + "Id")!.Value.EndsWith("/" + zoneId, StringComparison.Ordinal));
            using var dynamo = new AmazonDynamoDBClient(LocalAccount.Credentials,
                new AmazonDynamoDBConfig { ServiceURL = edge.ToString(), AuthenticationRegion = LocalAccount.Region });
            var table = await dynamo.DescribeTableAsync(ready["resources"]!["progressTable"]!.GetValue<string>());
            Assert.Equal("ACTIVE", table.Table.TableStatus.Value);
            Assert.NotEmpty(ready["resources"]!["stateMachines"]!.AsObject());
            // Start-up takes several calls to moto after the edge listens: the poll saw the stack starting first.
            Assert.NotEmpty(answersBeforeReady);
        }
        finally
        {
            await (await starting).DisposeAsync();
        }
    }
}
