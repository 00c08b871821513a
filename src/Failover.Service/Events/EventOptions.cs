namespace Failover.Service.Events;

/// <summary>Settings of the events the service publishes; <see cref="Validated"/> names the setting that is wrong.</summary>
public sealed record EventOptions
{
    public const string ApiUrlVariable = "FAILOVER_API_URL";

    /// <summary>
    /// The HTTP API's base URL (<c>FAILOVER_API_URL</c>): events link to the run, drift report or health of the tree under
    /// it. Null: the links are the API's paths (<c>/runs/{id}</c>).
    /// </summary>
    public Uri? ApiUrl { get; init; }

    public static EventOptions FromEnvironment(Func<string, string?> environment) =>
        new EventOptions
        {
            ApiUrl = environment(ApiUrlVariable) is { Length: > 0 } url
                ? Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ? uri
                : throw new ArgumentException($"{ApiUrlVariable} must be an absolute http or https URL; it is '{url}'.")
                : null,
        }.Validated();

    public EventOptions Validated()
    {
        if (ApiUrl is not null && (!ApiUrl.IsAbsoluteUri || (ApiUrl.Scheme != Uri.UriSchemeHttp && ApiUrl.Scheme != Uri.UriSchemeHttps)))
            throw new ArgumentException($"EventOptions.ApiUrl ({ApiUrlVariable}) must be an absolute http or https URL; it is '{ApiUrl}'.");
        return this;
    }

    /// <summary>The API resource at <paramref name="path"/> (which starts with '/'), absolute when the API's URL is known.</summary>
    public string Link(string path) => ApiUrl is null ? path : ApiUrl.ToString().TrimEnd('/') + path;
}
