namespace Failover.Functions.Hosting.RuntimeApi;

/// <summary>The custom runtime's environment: where the Runtime API listens and which handler to run.</summary>
public sealed record RuntimeSettings(string? RuntimeApi, string? HandlerName)
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string HandlerVariable = "_HANDLER";

    public static RuntimeSettings FromEnvironment(Func<string, string?> environment) =>
        new(environment(RuntimeApiVariable)?.Trim(), environment(HandlerVariable)?.Trim());
}
