using System.Security.Cryptography;
using System.Text;
using Failover.Core.Route53;
using Failover.Service.Ports.Store;
using Failover.Service.Progress;

namespace Failover.Testing.Store;

/// <summary>
/// The progress store held in memory: the service's <see cref="IProgressStore"/> port for its unit tests. It keeps the
/// DynamoDB store's contract (src/Failover.Store): every write two runs could race is decided as that store's
/// conditional write decides it — versions numbered without gaps, one claim per record name, a lock that expires on
/// the injected clock and can then be taken over, runs that leave RUNNING once and move the tree item with them. Times
/// are kept to the millisecond, as the table stores them. Every operation is atomic (one lock around the state).
/// </summary>
public sealed partial class InMemoryProgressStore(TimeProvider time) : IProgressStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TreeRecord> _trees = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Tree, int Version), StoredVersion> _versions = [];

    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

    public Task<bool> ForgetTreeAsync(string tree, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            if (_trees.GetValueOrDefault(tree) is not { } record) return false;
            _trees[tree] = record with { Status = TreeStatus.Deleted, CurrentVersion = null, UpdatedAt = Now };
            return true;
        });

    public Task<TreeRecord?> GetTreeAsync(string tree, CancellationToken cancellationToken = default) =>
        Serve(() => _trees.GetValueOrDefault(tree));

    /// <summary>Trees not torn down, by name; the page token is opaque (the last name listed).</summary>
    public Task<TreePage> ListTreesAsync(int pageSize = 100, string? pageToken = null, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
            var after = pageToken is null ? null
                : pageToken.StartsWith("after:", StringComparison.Ordinal) ? pageToken["after:".Length..]
                : throw new ArgumentException($"'{pageToken}' is not a page token returned by {nameof(ListTreesAsync)}",
                    nameof(pageToken));
            var listed = _trees.Values.Where(t => t.Status != TreeStatus.Deleted)
                .Where(t => after is null || string.CompareOrdinal(t.Name, after) > 0)
                .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            var page = listed.Take(pageSize).ToList();
            return new TreePage(page, listed.Count > pageSize ? "after:" + page[^1].Name : null);
        });

    public async IAsyncEnumerable<TreeRecord> ListAllTreesAsync(int pageSize = 100,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await ListTreesAsync(pageSize, token, cancellationToken);
            foreach (var tree in page.Trees) yield return tree;
            token = page.NextPageToken;
        } while (token is not null);
    }

    /// <summary>
    /// The next version number (1 for a new tree). A tree never stored, or torn down, starts over as NEW and is listed
    /// again, keeping its version numbers; otherwise only its latest version moves.
    /// </summary>
    public Task<int> PutVersionAsync(TreeDescriptor tree, string specJson, CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(tree.Name);
            var now = Now;
            var current = _trees.GetValueOrDefault(tree.Name);
            var version = (current?.LatestVersion ?? 0) + 1;
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(specJson)));
            _versions[(tree.Name, version)] = new StoredVersion(new VersionInfo(tree.Name, version, tree, sha256, now), specJson);
            _trees[tree.Name] = current is null || current.Status == TreeStatus.Deleted
                ? new TreeRecord(tree, TreeStatus.New, null, version, current?.LastRunId, current?.LastRunStatus,
                    current?.CreatedAt ?? now, now)
                : current with { LatestVersion = version, UpdatedAt = now };
            return version;
        });

    public Task<StoredVersion?> GetVersionAsync(string tree, int version, CancellationToken cancellationToken = default) =>
        Serve(() => _versions.GetValueOrDefault((tree, version)));

    public Task<IReadOnlyList<VersionInfo>> ListVersionsAsync(string tree, int? limit = null,
        CancellationToken cancellationToken = default) =>
        Serve(() => (IReadOnlyList<VersionInfo>)[.. _versions.Where(v => v.Key.Tree == tree).Select(v => v.Value.Info)
            .OrderByDescending(v => v.Version).Take(limit ?? int.MaxValue)]);

    /// <summary>One operation, atomically; a failure comes back in the task, as the DynamoDB store's do.</summary>
    private Task<T> Serve<T>(Func<T> serve)
    {
        try
        {
            lock (_gate) return Task.FromResult(serve());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private Task Serve(Action serve) => Serve(() =>
    {
        serve();
        return true;
    });
}
