namespace Failover.Service.Progress;

/// <summary>
/// Optimistic concurrency for editors: a spec edited from version n applies only while n is still the tree's latest
/// version (0: no tree of that name yet), so an edit made on an outdated copy cannot silently undo a change someone
/// applied since. The API checks it when a request arrives; the workflow's RunStarter checks it again under the lock.
/// </summary>
public static class StaleEdits
{
    /// <summary>Why an edit based on <paramref name="baseVersion"/> is stale, or null when it is not.</summary>
    public static string? Refusal(string tree, TreeRecord? record, int baseVersion)
    {
        var latest = record?.LatestVersion ?? 0;
        if (latest == baseVersion) return null;
        return baseVersion == 0
            ? $"this edit makes a new tree '{tree}', but a tree of that name exists (latest version {latest}); "
              + "open it and edit its latest version"
            : latest == 0
                ? $"this edit is based on version {baseVersion} of tree '{tree}', but no such tree is stored"
                : $"this edit is based on version {baseVersion} of tree '{tree}', but version {latest} is the latest now "
                  + $"(stored {record!.UpdatedAt:u}); reload the tree and make the edit again on version {latest}";
    }
}
