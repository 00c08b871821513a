namespace Failover.Local.Lambda;

/// <summary>No function of that name is registered; the Invoke API answers 404 ResourceNotFoundException.</summary>
public sealed class LambdaFunctionNotFoundException(string functionName)
    : Exception($"Function not found: {LocalFunctionArn.For(functionName)}")
{
    public string FunctionName { get; } = functionName;
}
