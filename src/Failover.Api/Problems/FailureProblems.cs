using Failover.Api.Ports;
using Failover.Service.Ports;

namespace Failover.Api.Problems;

/// <summary>
/// The problem an exception from an endpoint becomes. What the caller did wrong keeps its message; what went wrong
/// inside says only that it did, and which correlation id finds the details (and the stack trace) in the log.
/// </summary>
public static class FailureProblems
{
    public static Problem For(Exception exception, string correlationId) => exception switch
    {
        ProblemException problem => problem.Problem,
        LaunchRefusedException refused => new Problem(Refusal(refused.Reason), refused.Message),
        AwsServiceException { IsRetryable: true } busy => Throttled($"{busy.Code} from AWS after retries"),
        // AWS's own message can name roles, accounts and resources: it goes to the log under the correlation id only.
        AwsServiceException aws => new Problem(ProblemType.UpstreamFailure,
            $"AWS answered {aws.Code}; quote correlation id {correlationId} to find the details in the logs"),
        HttpRequestException => new Problem(ProblemType.UpstreamFailure, "an AWS service could not be reached"),
        _ =>
            new Problem(
            ProblemType.InternalError,
                $"the request failed inside the service; quote correlation id {correlationId} to find it in the logs"),
    };

    private static Problem Throttled(string detail) => new(ProblemType.UpstreamThrottled, detail + "; try again in a few seconds")
    {
        Headers = new Dictionary<string, string> { ["retry-after"] = "5" },
    };

    private static ProblemType Refusal(LaunchRefusal reason) => reason switch
    {
        LaunchRefusal.UnknownTree => ProblemType.TreeNotFound,
        LaunchRefusal.UnknownVersion => ProblemType.VersionNotFound,
        LaunchRefusal.TreeDeleted => ProblemType.TreeDeleted,
        LaunchRefusal.NameClaimed => ProblemType.NameClaimed,
        LaunchRefusal.StaleVersion => ProblemType.StaleVersion,
        _ => ProblemType.RunInProgress,
    };
}
