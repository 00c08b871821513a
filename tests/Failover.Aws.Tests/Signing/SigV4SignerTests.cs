using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Failover.Aws.Http;
using Failover.Service.Ports;

namespace Failover.Aws.Tests.Signing;

/// <summary>
/// The signature AWSSDK.Core's signer computes through <see cref="AwsRequestSigner"/> must be the one botocore computes
/// for the same request, credentials and time: two independent implementations of SigV4 agreeing.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SigV4SignerTests
{
    private static readonly DateTime SignedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    [Fact]
    public async Task Route53_change_batch_post_is_signed_as_botocore_signs_it()
    {
        var body =
            """<?xml version="1.0" encoding="utf-8"?><ChangeResourceRecordSetsRequest""" +
            """ xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Changes/></ChangeBatch>""" +
            """</ChangeResourceRecordSetsRequest>""";
        await AssertSameAsBotocore(HttpMethod.Post, "https://route53.amazonaws.com/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset/",
            new() { ["Content-Type"] = "application/xml" }, body, "route53", RegionEndpoint.USEast1, token: null);
    }

    [Fact]
    public async Task Route53_listing_with_an_escaped_query_is_signed_as_botocore_signs_it()
    {
        await AssertSameAsBotocore(HttpMethod.Get,
            "https://route53.amazonaws.com/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset" +
            "?name=%2A.api.example.com.&type=A&identifier=eu%20west%2B1&maxitems=300",
            new(), "", "route53", RegionEndpoint.USEast1, token: null);
    }

    [Fact]
    public async Task Step_functions_call_with_session_credentials_on_a_local_port_is_signed_as_botocore_signs_it()
    {
        await AssertSameAsBotocore(HttpMethod.Post, "http://127.0.0.1:4566/",
            new() { ["Content-Type"] = "application/x-amz-json-1.0", ["X-Amz-Target"] = "AWSStepFunctions.StartExecution" },
            """{"stateMachineArn":"arn:aws:states:eu-west-1:123456789012:stateMachine:apply","input":"{}"}""",
            "states", RegionEndpoint.EUWest1, token: "FwoGZXIvYXdzEXAMPLETOKEN");
    }

    private static async Task AssertSameAsBotocore(
        HttpMethod method, string url, Dictionary<string, string> headers, string body, string service, RegionEndpoint region,
            string? token)
    {
        AWSCredentials credentials = token is null ? new BasicAWSCredentials(AccessKey, SecretKey)
            : new SessionAWSCredentials(AccessKey, SecretKey, token);
        var signer = new AwsRequestSigner(credentials, region, service);
        var signed = await signer.SignAsync(method, new Uri(url), headers, Encoding.UTF8.GetBytes(body), SignedAt);

        Assert.Equal("20150830T123600Z", signed["X-Amz-Date"]);
        if (token is not null) Assert.Equal(token, signed["X-Amz-Security-Token"]);
        var sent = new JsonObject();
        foreach (var (name, value) in headers.Concat(signed)) sent[name] = value;
        var spec = new JsonObject
        {
            ["method"] = method.Method, ["url"] = url, ["headers"] = sent, ["body"] = body,
            ["accessKey"] = AccessKey, ["secretKey"] = SecretKey, ["token"] = token,
            ["time"] = "20150830T123600Z", ["service"] = service, ["region"] = region.SystemName,
        };
        var expected = await RunBotocore(spec.ToJsonString());
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={AccessKey}/20150830/{region.SystemName}/{service}/aws4_request", expected);
        Assert.Equal(expected, signed["Authorization"]);
    }

    private static async Task<string> RunBotocore(string spec)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Signing", "botocore_sign.py");
        var start = new ProcessStartInfo("python3", [script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(spec);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"botocore failed: {await error}");
        return (await output).Trim();
    }
}
