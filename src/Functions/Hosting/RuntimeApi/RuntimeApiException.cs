namespace Failover.Functions.Hosting.RuntimeApi;

/// <summary>
/// The Runtime API answered in a way the runtime cannot continue from (a 5xx means the execution environment is
/// broken and Lambda expects the runtime to exit).
/// </summary>
public sealed class RuntimeApiException(string message, Exception? innerException = null) : Exception(message, innerException);
