namespace Failover.Functions;

/// <summary>
/// What handlers need from the outside world, built once per process. The deployed binary builds it from the Lambda
/// environment; the local stack builds one pointing at moto. Clients belong here as lazily created members, so a cold
/// start pays only for what its one handler uses.
/// </summary>
public interface IFunctionServices
{
    TimeProvider Time { get; }
}

/// <summary>The services of the deployed binary, from the Lambda environment.</summary>
public sealed class EnvironmentFunctionServices(Func<string, string?> environment) : IFunctionServices
{
    public TimeProvider Time => TimeProvider.System;

    /// <summary>A setting of the function (an environment variable of the template), or null.</summary>
    public string? Setting(string name) => environment(name);
}
