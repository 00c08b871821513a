using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Service.Progress;
using Failover.Core.Spec;

namespace Failover.Api.Endpoints;

/// <summary>A tree's version as stored, read back into a spec.</summary>
public sealed record TreeVersion(TreeRecord Tree, int Version, TreeSpec Spec);

/// <summary>Reads trees and their specs from the store, answering 404 for what is not there.</summary>
public sealed class StoredTrees(ITreeStore store)
{
    public async Task<TreeRecord> TreeAsync(string name, CancellationToken cancellationToken) =>
        await store.GetTreeAsync(name, cancellationToken).ConfigureAwait(false)
        ?? throw new ProblemException(ProblemType.TreeNotFound, $"no tree is called '{name}'");

    /// <summary>
    /// The spec of <paramref name="version"/>, or of the current (applied) version, or of the latest stored version
    /// while none is applied.
    /// </summary>
    public async Task<TreeVersion> SpecAsync(string name, int? version, CancellationToken cancellationToken)
    {
        var tree = await TreeAsync(name, cancellationToken).ConfigureAwait(false);
        var number = version ?? tree.CurrentVersion ?? tree.LatestVersion;
        var stored = await store.GetVersionAsync(name, number, cancellationToken).ConfigureAwait(false)
            ?? throw new ProblemException(
                ProblemType.VersionNotFound, $"tree '{name}' has versions 1 to {tree.LatestVersion}, not {number}");
        var loaded = SpecLoader.LoadStored(stored.SpecJson);
        // Versions are validated before they are stored; failing now means the rules grew stricter since. That is the
        // service's problem to explain, not the caller's: it surfaces as a 500 with the reason in the log.
        if (loaded.HasErrors)
            throw new InvalidOperationException(
                $"version {number} of tree '{name}' no longer validates: " +
                $"{string.Join("; ", loaded.Diagnostics.Select(d => d.ToString()))}");
        return new TreeVersion(tree, number, loaded.Spec!);
    }
}
