using Failover.Service.Ports;
namespace Failover.Aws.Http;

/// <summary>
/// Picks a service endpoint the way the AWS SDKs do: the service's own variable (<c>AWS_ENDPOINT_URL_ROUTE_53</c>,
/// <c>AWS_ENDPOINT_URL_SFN</c>) wins over the global <c>AWS_ENDPOINT_URL</c>, which wins over the real endpoint;
/// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c> turns both variables off. The same code then runs against AWS
/// and against the local stack.
/// </summary>
public static class AwsEndpointResolver
{
    public const string GlobalVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <param name="serviceVariable">The service-specific variable, e.g. <c>AWS_ENDPOINT_URL_ROUTE_53</c>.</param>
    /// <param name="realEndpoint">The service's endpoint in AWS.</param>
    /// <param name="environment">Reads a variable; the process environment when null.</param>
    public static Uri Resolve(string serviceVariable, Uri realEndpoint, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (string.Equals(environment(IgnoreVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            return realEndpoint;
        foreach (var variable in new[] { serviceVariable, GlobalVariable })
        {
            var value = environment(variable)?.Trim();
            if (string.IsNullOrEmpty(value)) continue;
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"{variable} must be an absolute http or https URL; it is '{value}'.", variable);
            return uri;
        }
        return realEndpoint;
    }
}
