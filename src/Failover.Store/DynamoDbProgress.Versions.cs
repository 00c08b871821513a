using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Failover.Core.Spec;

namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    private const int MaxVersionAttempts = 50;

    /// <summary>
    /// Stores a new version of a tree's spec (canonical JSON) and returns its number: 1 for a new tree, then one more
    /// than the highest stored. Concurrent callers get distinct numbers with no gaps: the version item itself is put
    /// only if its number is free, and a loser re-reads the highest and tries the next. Creates the tree item on
    /// the first version (and on the first after a teardown).
    /// </summary>
    public async Task<int> PutVersionAsync(TreeDescriptor tree, string specJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tree.Name);
        var partition = ProgressKeys.TreePartition(tree.Name);
        var now = Now;
        var meta = await GetItemAsync(partition, ProgressKeys.Meta, cancellationToken);
        // The spec's parts (if it is that long) are keyed by their own id, not the version, so they are written once.
        var specAttributes =
            await _splitText.WriteAsync(partition, ProgressKeys.SpecPartPrefix, Attributes.Spec, specJson, null, cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(specJson)));

        var version = (meta?.Int(Attributes.LatestVersion) ?? 0) + 1;
        for (var attempt = 1; ; attempt++)
        {
            var item = ProgressKeys.Key(partition, ProgressKeys.Version(version));
            item[Attributes.Version] = Attributes.N(version);
            foreach (var (name, value) in DescriptorAttributes(tree)) item[name] = value;
            item[Attributes.Sha256] = Attributes.S(sha256);
            item[Attributes.CreatedAt] = Attributes.Time(now);
            foreach (var (name, value) in specAttributes) item[name] = value;

            if (await PutIfAbsentAsync(item, cancellationToken)) break;
            if (attempt >= MaxVersionAttempts)
                throw new ProgressConflictException($"tree '{tree.Name}': no free version number after {attempt} attempts; too many " +
                    $"concurrent writers");
            version = await HighestVersionAsync(tree.Name, cancellationToken) + 1;
        }

        await RecordLatestVersionAsync(tree, version, meta, now, cancellationToken);
        return version;
    }

    /// <summary>Raises the tree item's latest version (never lowers it: a slower concurrent writer may come second).</summary>
    private async Task RecordLatestVersionAsync(
        TreeDescriptor tree, int version, Dictionary<string, AttributeValue>? meta, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = ProgressKeys.Key(ProgressKeys.TreePartition(tree.Name), ProgressKeys.Meta);
        var fresh = meta is null || meta.EnumOrNull<TreeStatus>(Attributes.Status) == TreeStatus.Deleted;
        if (fresh)
        {
            // A new tree, or one re-created after its teardown: it starts over as NEW and is listed again.
            var create = new ItemUpdate();
            foreach (var (name, value) in DescriptorAttributes(tree)) create.Set(name, value);
            create.Set(Attributes.Status, Attributes.Upper(TreeStatus.New))
                .Set(Attributes.LatestVersion, Attributes.N(version))
                .Set(ProgressTable.ListingPartitionKey, Attributes.S(ProgressKeys.TreeListing))
                .Set(ProgressTable.ListingSortKey, Attributes.S(tree.Name))
                .SetIfAbsent(Attributes.CreatedAt, Attributes.Time(now))
                .Set(Attributes.UpdatedAt, Attributes.Time(now))
                .Remove(Attributes.CurrentVersion)
                .When(
                    u => $"(attribute_not_exists({u.Name(Attributes.LatestVersion)}) OR {u.Name(Attributes.LatestVersion)} < " +
                        $"{u.Value("v", Attributes.N(version))}) "
                    + $"AND (attribute_not_exists({u.Name(Attributes.Status)}) OR {u.Name(Attributes.Status)} = " +
                        $"{u.Value("deleted", Attributes.Upper(TreeStatus.Deleted))})");
            if (await TryUpdateAsync(create, key, cancellationToken)) return;
        }

        var raise = new ItemUpdate()
            .Set(Attributes.LatestVersion, Attributes.N(version))
            .Set(Attributes.UpdatedAt, Attributes.Time(now))
            .When(u => $"{u.Name(Attributes.LatestVersion)} < {u.Value("v", Attributes.N(version))}");
        await TryUpdateAsync(raise, key, cancellationToken);
    }

    private async Task<int> HighestVersionAsync(string tree, CancellationToken cancellationToken)
    {
        await foreach (var newest in QueryPrefixAsync(ProgressKeys.TreePartition(tree), ProgressKeys.VersionPrefix, cancellationToken,
                           [Attributes.Version], newestFirst: true))
            return newest.Int(Attributes.Version) ?? 0;
        return 0;
    }

    /// <summary>One version with its spec text; null if the tree has no such version.</summary>
    public async Task<StoredVersion?> GetVersionAsync(string tree, int version, CancellationToken cancellationToken = default)
    {
        var item = await GetItemAsync(ProgressKeys.TreePartition(tree), ProgressKeys.Version(version), cancellationToken);
        if (item is null) return null;
        var spec = await _splitText.ReadAsync(item, ProgressKeys.SpecPartPrefix, Attributes.Spec, cancellationToken)
            ?? throw new ProgressStoreException($"version {version} of tree '{tree}' has no spec");
        return new StoredVersion(ReadVersionInfo(item), spec);
    }

    /// <summary>The tree's versions, newest first, without their spec texts; at most <paramref name="limit"/> if given.</summary>
    public async Task<IReadOnlyList<VersionInfo>> ListVersionsAsync(string tree, int? limit = null,
        CancellationToken cancellationToken = default)
    {
        string[] projection =
        [
            ProgressTable.PartitionKey, ProgressTable.SortKey, Attributes.Version, Attributes.Sha256, Attributes.CreatedAt,
            .. DescriptorAttributeNames,
        ];
        var versions = new List<VersionInfo>();
        await foreach (var item in QueryPrefixAsync(ProgressKeys.TreePartition(tree), ProgressKeys.VersionPrefix, cancellationToken,
                           projection, newestFirst: true))
        {
            versions.Add(ReadVersionInfo(item));
            if (versions.Count == limit) break;
        }
        return versions;
    }

    private static VersionInfo ReadVersionInfo(Dictionary<string, AttributeValue> item) => new(
        item.RequiredString(Attributes.Name),
        item.Int(Attributes.Version)
            ?? throw new ProgressStoreException($"version item {item.String(ProgressTable.SortKey)} has no number"),
        ReadDescriptor(item),
        item.RequiredString(Attributes.Sha256),
        item.RequiredTimestamp(Attributes.CreatedAt));

    private static readonly string[] DescriptorAttributeNames =
        [Attributes.Name, Attributes.HostedZoneId, Attributes.RecordName, Attributes.RecordType, Attributes.DriftPolicy];

    private static Dictionary<string, AttributeValue> DescriptorAttributes(TreeDescriptor tree) => new()
    {
        [Attributes.Name] = Attributes.S(tree.Name),
        [Attributes.HostedZoneId] = Attributes.S(tree.HostedZoneId),
        [Attributes.RecordName] = Attributes.S(tree.RecordName),
        [Attributes.RecordType] = Attributes.S(tree.RecordType),
        // Always present, so the descriptor copies from a version item to the tree item whole.
        [Attributes.DriftPolicy] = tree.DriftPolicy is { } policy ? Attributes.Upper(policy) : Attributes.S(DeploymentDefaultPolicy),
    };

    /// <summary>Stored for a spec without <c>driftPolicy</c>: the deployment's default decides when drift is checked.</summary>
    private const string DeploymentDefaultPolicy = "DEFAULT";

    private static TreeDescriptor ReadDescriptor(Dictionary<string, AttributeValue> item) => new(
        item.RequiredString(Attributes.Name),
        item.RequiredString(Attributes.HostedZoneId),
        item.RequiredString(Attributes.RecordName),
        item.RequiredString(Attributes.RecordType),
        item.EnumOrNull<DriftPolicy>(Attributes.DriftPolicy));
}
