using Failover.Service.Apply;
using Failover.Aws.Http;
using Failover.Service.Ports;

namespace Failover.Cli.Commands;

/// <summary>Turns what AWS or the planner refused into one clear line and exit 1, never a stack trace.</summary>
internal static class AwsErrors
{
    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ApplyRefusedException e)
        {
            throw new CliFailureException($"refused: {e.Message}");
        }
        catch (AwsServiceException e)
        {
            throw new CliFailureException($"AWS said {e.Message}");
        }
        catch (Amazon.Runtime.AmazonServiceException e)
        {
            throw new CliFailureException($"AWS said {e.ErrorCode}: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            throw new CliFailureException($"cannot reach AWS ({e.Message}); is the local stack running? (dotnet run --project src/Local)");
        }
    }
}
