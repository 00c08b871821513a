using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Spec;

namespace Failover.Service.Workflow;

/// <summary>Reads a stored version of a tree back into a spec.</summary>
public static class StoredSpecs
{
    public static async Task<TreeSpec> LoadAsync(IProgressStore store, string tree, int version, CancellationToken cancellationToken)
    {
        var stored = await store.GetVersionAsync(tree, version, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(WorkflowErrors.InvalidRun, $"tree '{tree}' has no version {version}");
        var result = SpecLoader.LoadStored(stored.SpecJson);
        // Versions are validated before they are stored; a failure here means the rules grew stricter since.
        if (result.HasErrors)
            throw new WorkflowStepException(WorkflowErrors.InvalidRun,
                $"version {version} of tree '{tree}' no longer validates: " + string.Join("; ",
                    result.Diagnostics.Select(d => d.ToString())));
        return result.Spec!;
    }
}
