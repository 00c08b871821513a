using Failover.Api.Problems;
using Failover.Service.Ports;
using Failover.Service.Progress;

namespace Failover.Api.Endpoints;

/// <summary>The API's early check of an edit's base version (<see cref="StaleEdits"/>): a 409 before anything is planned.</summary>
public static class BaseVersion
{
    public static async Task CheckAsync(ITreeStore store, string treeName, int baseVersion, CancellationToken cancellationToken)
    {
        var tree = await store.GetTreeAsync(treeName, cancellationToken).ConfigureAwait(false);
        if (StaleEdits.Refusal(treeName, tree, baseVersion) is not { } detail) return;
        throw new ProblemException(new Problem(ProblemType.StaleVersion, detail)
        {
            Errors = [FieldError.AtParameter("baseVersion", detail)],
        });
    }
}
