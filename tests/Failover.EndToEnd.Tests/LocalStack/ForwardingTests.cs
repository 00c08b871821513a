using System.Text;
using System.Xml.Linq;
using Failover.Local.Aws;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>Everything that is not ours reaches moto as sent and comes back as moto answered.</summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ForwardingTests(LocalStackFixture fixture)
{
    private static async Task<(int Status, string? ContentType, string Body)> DescribeMissingTableAsync(Uri endpoint)
    {
        using var dynamo = SignedHttp.Create("dynamodb", endpoint);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent("""{"TableName":"no-such-table"}""", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", "DynamoDB_20120810.DescribeTable");
        using var response = await dynamo.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_error_from_moto_comes_back_with_its_status_and_body_intact()
    {
        var direct = await DescribeMissingTableAsync(fixture.Stack.MotoUrl);
        var forwarded = await DescribeMissingTableAsync(fixture.EdgeUrl);

        Assert.Equal(400, direct.Status);
        Assert.Contains("ResourceNotFoundException", direct.Body);
        Assert.Equal(direct, forwarded);
    }

    [Fact]
    public async Task A_Route_53_error_from_moto_passes_the_realism_layer_unchanged()
    {
        using var moto = new Route53Wire(fixture.Stack.MotoUrl);
        using var edge = new Route53Wire(fixture.EdgeUrl);
        await fixture.ResetRealismAsync();

        var direct = await moto.SendAsync(HttpMethod.Get, "/2013-04-01/hostedzone/NOSUCHZONE");
        var forwarded = await edge.SendAsync(HttpMethod.Get, "/2013-04-01/hostedzone/NOSUCHZONE");

        Assert.Equal(404, direct.Status);
        Assert.Equal("NoSuchHostedZone", direct.ErrorCode);
        Assert.Equal((direct.Status, WithoutRequestId(direct)), (forwarded.Status, WithoutRequestId(forwarded)));
    }

    // moto gives every answer a fresh request id; everything else must be the same.
    private static string WithoutRequestId(Route53Wire.Answer answer)
    {
        var body = new XDocument(answer.Body!);
        body.Descendants().Where(element => element.Name.LocalName == "RequestId").Remove();
        return body.ToString();
    }

    [Fact]
    public async Task A_large_body_is_streamed_through_both_ways()
    {
        using var sqs = new Amazon.SQS.AmazonSQSClient(LocalAccount.Credentials,
            new Amazon.SQS.AmazonSQSConfig { ServiceURL = fixture.EdgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region });
        var queue = (await sqs.CreateQueueAsync("forwarding-" + Guid.NewGuid().ToString("N")[..8])).QueueUrl;
        var body = new string('x', 200_000);

        await sqs.SendMessageAsync(queue, body);
        var received = await sqs.ReceiveMessageAsync(queue);

        Assert.Equal(body, Assert.Single(received.Messages).Body);
    }
}
