using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Failover.Aws.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Failover.Local.Api;

/// <summary>
/// IAM authorisation as API Gateway applies it to a route with <c>AuthorizationType: AWS_IAM</c>, for the local stack's
/// one known identity: a request must carry a SigV4 <c>Authorization</c> header for the <c>execute-api</c> service, by
/// the local stack's access key, and its signature must be the one AWSSDK.Core's signer computes for the request as
/// received (the same signer the CLI signs with). Refusals are 403 with API Gateway's own messages. Not emulated:
/// IAM policies (the one identity may do everything), presigned URLs (query-string signatures) and session tokens.
/// </summary>
public sealed class SignatureCheck(string accessKeyId, string secretAccessKey, TimeProvider time)
{
    /// <summary>The credentials moto and every test of the local stack use.</summary>
    public static SignatureCheck ForLocalCredentials(TimeProvider time) => new("testing", "testing", time);

    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string Service = "execute-api";

    // The headers the SDK's signer adds itself; the rest of the signed headers are passed to it as they were received.
    private static readonly HashSet<string> AddedBySigner =
        new(["host", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token"], StringComparer.OrdinalIgnoreCase);

    // API Gateway's answers to a request without, or with a wrong, signature (the "message" of its 403 bodies).
    public const string MissingToken = "Missing Authentication Token";
    public const string InvalidToken = "The security token included in the request is invalid.";
    public const string SignatureMismatch = "The request signature we calculated does not match the signature you provided. Check " +
        "your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    /// <summary>Null when the request is signed by the known identity; else the message of API Gateway's 403.</summary>
    public async Task<string?> RefusalAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return MissingToken;
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return $"Authorization header requires '{Algorithm}'.";
        var fields = header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2)).Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        foreach (var required in new[] { "Credential", "SignedHeaders", "Signature" })
            if (!fields.ContainsKey(required))
                return $"Authorization header requires '{required}' parameter. Authorization={header}";

        // Credential=AKID/yyyyMMdd/region/service/aws4_request
        var scope = fields["Credential"].Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request") return $"Credential should be scoped to a valid region. ";
        if (scope[3] != Service) return $"Credential should be scoped to correct service: '{Service}'. ";
        if (scope[0] != accessKeyId) return InvalidToken;
        if (!DateTime.TryParseExact(request.Headers["x-amz-date"].ToString(), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
            return "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
        // SigV4 signatures are good for five minutes either side of the server's clock.
        if ((time.GetUtcNow().UtcDateTime - signedAt).Duration() > TimeSpan.FromMinutes(5))
            return $"Signature expired: {signedAt:yyyyMMdd'T'HHmmss'Z'} is now earlier or later than the server's time";

        var signedHeaders = fields["SignedHeaders"].Split(';');
        var headers = signedHeaders.Where(name => !AddedBySigner.Contains(name))
            .Select(name => new KeyValuePair<string, string>(name, request.Headers[name].ToString())).ToList();
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var uri = new Uri($"{request.Scheme}://{request.Host}{target}");
        var signer = new AwsRequestSigner(new BasicAWSCredentials(accessKeyId, secretAccessKey), RegionEndpoint.GetBySystemName(scope[2]),
            Service);
        var expected = await signer.SignAsync(new HttpMethod(request.Method), uri, headers, body.ToArray(), signedAt, cancellationToken);
        var computed = expected.TryGetValue("Authorization", out var authorization) ? authorization : "";
        return FixedTimeEquals(computed, header) ? null : SignatureMismatch;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
