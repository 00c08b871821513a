using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Failover.Service.Workflow;
using Failover.Functions.Hosting;
using Failover.Service.Logging;
using Failover.Service.Ports.Route53;

namespace Failover.Functions.Handlers;

/// <summary>
/// The shape every workflow function shares: a <see cref="StepRequest"/> in, a step's answer out, and a failure as the
/// named error the state machine's Retry and Catch match (<see cref="WorkflowErrors"/>): retryable AWS and transport
/// failures become <c>TransientFailure</c>; any other exception keeps its type name and goes to Rollback.
/// </summary>
internal static class StepHandler
{
    public static LambdaHandler For<TResult>(
        Func<WorkflowServices> services, JsonTypeInfo<TResult> resultType,
        Func<WorkflowServices, StepRequest, CancellationToken, Task<TResult>> step) =>
        async (input, context, cancellationToken) =>
        {
            var request = await ReadAsync(input, cancellationToken);
            context.AppendLogFields((LogFields.RunId, request.RunId), (LogFields.CorrelationId, request.CorrelationId));
            context.Logger.Info("workflow step", (LogFields.Step, request.Cursor?.Step), ("layer", request.Cursor?.LayerName));
            TResult result;
            var workflow = services();
            var rate = new RunRequestRate.Start(null);
            // Opened in the handler's own flow, so the step and everything it awaits count into it.
            var usage = Route53Usage.Begin();
            try
            {
                rate = await RunRequestRate.ResumeAsync(workflow, request.RunId, cancellationToken);
                result = await step(workflow, request, cancellationToken);
            }
            catch (Exception e) when (WorkflowStepException.Classify(e, cancellationToken) is { } named)
            {
                throw new FunctionFailedException(named.ErrorName, named.Message, e);
            }
            finally
            {
                await RunRequestRate.SaveAsync(workflow, request.RunId, rate, usage, CancellationToken.None);
            }
            var output = new MemoryStream();
            await JsonSerializer.SerializeAsync(output, result, resultType, cancellationToken);
            output.Position = 0;
            return output;
        };

    private static async Task<StepRequest> ReadAsync(Stream input, CancellationToken cancellationToken)
    {
        try
        {
            var request = await JsonSerializer.DeserializeAsync(input, WorkflowJsonContext.Default.StepRequest, cancellationToken);
            return request is { RunId.Length: > 0 } ? request : throw new JsonException("runId is missing");
        }
        catch (JsonException e)
        {
            throw new FunctionFailedException("InvalidStepInput", $"the step's input is not a step request: {e.Message}", e);
        }
    }

    /// <summary>The cursor a layer step needs; the state machine always passes it.</summary>
    public static WorkflowCursor Cursor(StepRequest request) =>
        request.Cursor ?? throw new FunctionFailedException("InvalidStepInput", $"run {request.RunId}: the step needs the cursor");
}
