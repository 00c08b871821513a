using Failover.Api.Problems;
using Failover.Service.Ports;

namespace Failover.Api.Endpoints;

/// <summary>
/// Optimistic concurrency for editors: a spec edited from version n applies only while n is still the tree's latest
/// version, so an edit made on an outdated copy cannot silently undo a change someone applied since.
/// </summary>
public static class BaseVersion
{
    public static async Task CheckAsync(ITreeStore store, string treeName, int baseVersion, CancellationToken cancellationToken)
    {
        var tree = await store.GetTreeAsync(treeName, cancellationToken).ConfigureAwait(false);
        var latest = tree?.LatestVersion ?? 0;
        if (latest == baseVersion) return;
        var detail = baseVersion == 0
            ? $"this edit makes a new tree '{treeName}', but a tree of that name exists (latest version {latest}); " +
              "open it and edit its latest version"
            : latest == 0
                ? $"this edit is based on version {baseVersion} of tree '{treeName}', but no such tree is stored"
                : $"this edit is based on version {baseVersion} of tree '{treeName}', but version {latest} is the latest now " +
                  $"(stored {tree!.UpdatedAt:u}); reload the tree and make the edit again on version {latest}";
        throw new ProblemException(new Problem(ProblemType.StaleVersion, detail)
        {
            Errors = [FieldError.AtParameter("baseVersion", detail)],
        });
    }
}
