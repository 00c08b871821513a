using Failover.Service.Ports;
using System.Net;
using Failover.Aws.Http;

namespace Failover.Aws.StepFunctions;

/// <summary>An error answer from Step Functions (<c>{"__type": "…#Code", "message": "…"}</c>).</summary>
public class StepFunctionsException(string code, string message, HttpStatusCode statusCode, string? requestId, bool isRetryable = false)
    : AwsServiceException(code, message, statusCode, requestId, isRetryable);

/// <summary>The request rate was exceeded. Retryable.</summary>
public sealed class StepFunctionsThrottlingException(string code, string message, HttpStatusCode statusCode, string? requestId)
    : StepFunctionsException(code, message, statusCode, requestId, isRetryable: true);

public sealed class ExecutionDoesNotExistException(string message, HttpStatusCode statusCode, string? requestId)
    : StepFunctionsException("ExecutionDoesNotExist", message, statusCode, requestId);

/// <summary>An execution of that name exists with different input, or has closed.</summary>
public sealed class ExecutionAlreadyExistsException(string message, HttpStatusCode statusCode, string? requestId)
    : StepFunctionsException("ExecutionAlreadyExists", message, statusCode, requestId);

public sealed class StateMachineDoesNotExistException(string message, HttpStatusCode statusCode, string? requestId)
    : StepFunctionsException("StateMachineDoesNotExist", message, statusCode, requestId);

public sealed class StateMachineAlreadyExistsException(string message, HttpStatusCode statusCode, string? requestId)
    : StepFunctionsException("StateMachineAlreadyExists", message, statusCode, requestId);

public sealed class InvalidArnException(string message, HttpStatusCode statusCode, string? requestId)
    : StepFunctionsException("InvalidArn", message, statusCode, requestId);

public sealed class InvalidDefinitionException(string message, HttpStatusCode statusCode, string? requestId)
    : StepFunctionsException("InvalidDefinition", message, statusCode, requestId);
