using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Service.Workflow;

/// <summary>Reads a stored version of a tree back into a spec.</summary>
public static class StoredSpecs
{
    public static async Task<TreeSpec> LoadAsync(IProgressStore store, string tree, int version, CancellationToken cancellationToken)
    {
        var stored = await GetAsync(store, tree, version, cancellationToken).ConfigureAwait(false);
        var result = SpecLoader.LoadStored(stored.SpecJson);
        // Versions are validated before they are stored; a failure here means the rules grew stricter since.
        if (result.HasErrors)
            throw new WorkflowStepException(WorkflowErrors.InvalidRun,
                $"version {version} of tree '{tree}' no longer validates: " + string.Join("; ",
                    result.Diagnostics.Select(d => d.ToString())));
        return result.Spec!;
    }

    /// <summary>
    /// A stored version read for its teardown: parsed, not validated. A teardown writes nothing the spec describes; it
    /// removes what the tree owns and needs only the tree's name, zones and adopted checks. Rules that grew stricter since
    /// the version was applied judge what users send, and must not keep a tree from being removed.
    /// </summary>
    public static async Task<TreeSpec> LoadForTeardownAsync(IProgressStore store, string tree, int version,
        CancellationToken cancellationToken)
    {
        var stored = await GetAsync(store, tree, version, cancellationToken).ConfigureAwait(false);
        var result = SpecParser.Parse(stored.SpecJson, ValidationLimits.StoredVersion);
        return result.Spec ?? throw new WorkflowStepException(WorkflowErrors.InvalidRun,
            $"version {version} of tree '{tree}' cannot be read: " + string.Join("; ", result.Diagnostics.Select(d => d.ToString())));
    }

    private static async Task<StoredVersion> GetAsync(IProgressStore store, string tree, int version,
        CancellationToken cancellationToken) =>
        await store.GetVersionAsync(tree, version, cancellationToken).ConfigureAwait(false)
        ?? throw new WorkflowStepException(WorkflowErrors.InvalidRun, $"tree '{tree}' has no version {version}");
}
