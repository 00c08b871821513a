using Failover.Service.Ports;
using System.Text.Json.Serialization;

namespace Failover.Aws.StepFunctions;

internal sealed record StartExecutionRequest(string StateMachineArn, string? Name, string? Input);
internal sealed record ExecutionArnRequest(string ExecutionArn);
internal sealed record GetExecutionHistoryRequest(string ExecutionArn, int? MaxResults, bool? ReverseOrder, string? NextToken);
internal sealed record StopExecutionRequest(string ExecutionArn, string? Error, string? Cause);
internal sealed record ListExecutionsRequest(string StateMachineArn, string? StatusFilter, int? MaxResults, string? NextToken);
internal sealed record CreateStateMachineRequest(string Name, string Definition, string RoleArn, string Type);
internal sealed record UpdateStateMachineRequest(string StateMachineArn, string? Definition, string? RoleArn);
internal sealed record ListStateMachinesRequest(int? MaxResults, string? NextToken);
internal sealed record StateMachineArnRequest(string StateMachineArn);

internal sealed record StopExecutionResponse(DateTimeOffset StopDate);
internal sealed record UpdateStateMachineResponse(DateTimeOffset UpdateDate);
internal sealed record ListExecutionsResponse(List<ExecutionListItem>? Executions, string? NextToken);
internal sealed record GetExecutionHistoryResponse(List<HistoryEvent>? Events, string? NextToken);
internal sealed record ListStateMachinesResponse(List<StateMachineListItem>? StateMachines, string? NextToken);

/// <summary>Source-generated (AOT-safe) serialization of the Step Functions JSON 1.0 bodies.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(StartExecutionRequest))]
[JsonSerializable(typeof(ExecutionArnRequest))]
[JsonSerializable(typeof(GetExecutionHistoryRequest))]
[JsonSerializable(typeof(StopExecutionRequest))]
[JsonSerializable(typeof(ListExecutionsRequest))]
[JsonSerializable(typeof(CreateStateMachineRequest))]
[JsonSerializable(typeof(UpdateStateMachineRequest))]
[JsonSerializable(typeof(ListStateMachinesRequest))]
[JsonSerializable(typeof(StateMachineArnRequest))]
[JsonSerializable(typeof(StartedExecution))]
[JsonSerializable(typeof(ExecutionDescription))]
[JsonSerializable(typeof(StopExecutionResponse))]
[JsonSerializable(typeof(UpdateStateMachineResponse))]
[JsonSerializable(typeof(ListExecutionsResponse))]
[JsonSerializable(typeof(GetExecutionHistoryResponse))]
[JsonSerializable(typeof(ListStateMachinesResponse))]
[JsonSerializable(typeof(CreatedStateMachine))]
[JsonSerializable(typeof(StateMachineDescription))]
internal sealed partial class StepFunctionsJsonContext : JsonSerializerContext;
