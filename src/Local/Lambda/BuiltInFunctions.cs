namespace Failover.Local.Lambda;

/// <summary>
/// The functions every local stack serves. <c>Echo</c> returns its event unchanged: the smallest function that proves
/// the Invoke path (and Step Functions' use of it) end to end. The service's own functions join through
/// <see cref="LocalStackOptions.ConfigureFunctions"/> once src/Functions has them.
/// </summary>
public static class BuiltInFunctions
{
    public const string Echo = "Echo";

    public static FunctionRegistry AddBuiltIns(this FunctionRegistry registry) =>
        registry.Register(Echo, (payload, _) => Task.FromResult(payload));
}
