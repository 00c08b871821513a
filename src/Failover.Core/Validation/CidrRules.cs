using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>
/// An ip-based child's CIDR location and the collection its rule owns (API reference, CidrRoutingConfig,
/// CidrCollectionChange, CreateCidrCollection; Developer Guide, IP-based routing).
/// </summary>
internal static partial class CidrRules
{
    /// <summary>Developer Guide, IP-based routing: IPv4 blocks of 1 to 24 bits, IPv6 blocks of 1 to 48 bits.</summary>
    public const int MaxIpv4Prefix = 24;
    public const int MaxIpv6Prefix = 48;

    /// <summary>API reference, ChangeCidrCollection: "The max number of CIDR blocks included in the request is 1000", and
    /// CidrCollectionChange.CidrList: "Maximum number of 1000 items"; the tree writes its collection in one request, so that is
    /// its limit.</summary>
    /// <remarks>
    /// The account quotas on CIDR collections (collections per account, blocks and locations per collection: Developer Guide,
    /// "Quotas") are not checked at the door: no copy of their figures could be read (December 2026: the stored Developer
    /// Guide quotas page predates IP-based routing, the live pages' copies end before that section), and a figure not read is
    /// not written here. Past them Route 53 refuses the request (CreateCidrCollection and ChangeCidrCollection list
    /// LimitsExceeded among their errors), and the run stops on that step as on any refused request.
    /// </remarks>
    public const int MaxBlocksPerCollection = 1_000;

    /// <summary>API reference, CidrCollectionChange.LocationName: 1–16 characters of [0-9A-Za-z_\-].</summary>
    public const int MaxLocationNameLength = 16;

    public static void Check(ValidationContext context, VisitedNode visited, bool needed)
    {
        var cidr = visited.Node.Cidr;
        if (!needed && cidr is null) return;
        var path = visited.PathOf("cidr");
        if (!needed)
        {
            if (cidr is not null) context.Error(path, ParentAttributeRules.Unused("cidr", visited));
            return;
        }
        if (cidr is null)
        {
            context.Error(path, "a child of an ip-based rule needs cidr: {\"location\": \"office\", \"blocks\": [\"192.0.2.0/24\"]} " +
                "or {\"default\": true}");
            return;
        }
        if (cidr.IsDefault)
        {
            // CidrRoutingConfig: the default record's LocationName is "*"; it has no blocks of its own.
            if (cidr.Location is not null || cidr.Blocks.Count > 0)
                context.Error(path, "the default location (*) answers every address no other location holds; it takes no location " +
                    "name and no blocks");
            return;
        }
        if (cidr.Location is not { } name) context.Error($"{path}.location", "a CIDR location needs a name (or default: true)");
        else if (!LocationNameSyntax().IsMatch(name))
            context.Error($"{path}.location", $"location name \"{TreeFieldRules.Shown(name)}\" must be 1–{MaxLocationNameLength} " +
                "letters, digits, '_' or '-' (API reference, CidrCollectionChange.LocationName)");
        if (cidr.Blocks.Count == 0) context.Error($"{path}.blocks", "a CIDR location needs at least one block (API reference, CidrList)");
        for (var i = 0; i < cidr.Blocks.Count; i++)
            if (BlockProblem(cidr.Blocks[i]) is { } problem) context.Error($"{path}.blocks[{i}]", problem);
    }

    /// <summary>Rules over the siblings of one ip-based rule: one default, unique names, each block in one location.</summary>
    public static void CheckRule(ValidationContext context, TreeNode rule)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var blocks = new Dictionary<IPNetwork, string>();
        string? defaultAt = null;
        var total = 0;
        foreach (var child in rule.Children)
        {
            if (child.Cidr is not { } cidr) continue;
            if (cidr.IsDefault)
            {
                if (defaultAt is not null)
                    context.Error($"{child.Path}.cidr", $"the default location is already {defaultAt}: an ip-based rule has one");
                defaultAt ??= child.Path;
                continue;
            }
            // Route 53 allows one record per CIDR location in a record set group, as it does per geolocation.
            if (cidr.Location is { } name && !names.TryAdd(name, child.Path))
                context.Error($"{child.Path}.cidr.location", $"the location {name} is already used by {names[name]}");
            for (var i = 0; i < cidr.Blocks.Count; i++)
            {
                total++;
                if (!TryParse(cidr.Blocks[i], out var network) || BlockProblem(cidr.Blocks[i]) is not null) continue;
                // CidrBlockInUseException: a block belongs to one location of a collection.
                if (!blocks.TryAdd(network, child.Path))
                    context.Error($"{child.Path}.cidr.blocks[{i}]", $"the block {network} is already in {blocks[network]}: a CIDR block " +
                        "belongs to one location of a collection");
            }
        }
        if (total > MaxBlocksPerCollection)
            context.Error($"{rule.Path}.children", $"the rule's CIDR collection would hold {total} blocks; the tree writes it in one " +
                $"ChangeCidrCollection request, which takes at most {MaxBlocksPerCollection} (API reference, ChangeCidrCollection)");
        // CreateCidrCollection.Name: 1–64 characters of [0-9A-Za-z_\-], unique in the account; the tree names the collection
        // after itself and the rule.
        var collection = Compilation.DesiredCidrCollection.NameFor(context.Spec.Name, rule.Id);
        if (!CollectionNameSyntax().IsMatch(collection))
            context.Error($"{rule.Path}.id",
                $"the rule's CIDR collection would be named \"{TreeFieldRules.Shown(collection)}\"; Route 53 " +
                "takes 1–64 letters, digits, '_' and '-' (API reference, CreateCidrCollection.Name): shorten the tree name or rule id");
        if (defaultAt is null && rule.Children.Count > 0)
            context.Warning($"{rule.Path}.children", "no child has the default location: Route 53 has no record for addresses no " +
                "location holds; add {\"cidr\": {\"default\": true}} to answer them");
    }

    public static bool TryParse(string text, out IPNetwork network) => IPNetwork.TryParse(text.Trim(), out network);

    private static string? BlockProblem(string block)
    {
        var slash = block.IndexOf('/');
        if (slash < 0 || !TryParseAddress(block[..slash], out var address)
            || !int.TryParse(block[(slash + 1)..], out var length))
            return $"\"{TreeFieldRules.Shown(block)}\" is not a CIDR block (address/prefix, such as 192.0.2.0/24 or 2001:db8::/32)";
        var v4 = address.AddressFamily == AddressFamily.InterNetwork;
        var max = v4 ? MaxIpv4Prefix : MaxIpv6Prefix;
        // Developer Guide, IP-based routing: "For IPv4, you can use CIDR blocks between 1 and 24 bits of length, inclusive, while
        // for IPv6 … between 1 and 48 bits"; a zero-bit block is the default ("*") location.
        if (length == 0) return $"{block} is every address: use the default location ({{\"default\": true}}) instead";
        if (length < 0 || length > max)
            return $"{block}: Route 53 takes {(v4 ? "IPv4" : "IPv6")} blocks of /1 to /{max} (Developer Guide, IP-based routing); " +
                $"a longer prefix is matched by the /{max} that holds it";
        if (!IPNetwork.TryParse(block, out var network) || !network.BaseAddress.Equals(address))
            return $"{block} has bits set after its /{length} prefix; write the network address " +
                $"({new IPNetwork(Mask(address, length), length)})";
        return null;
    }

    /// <summary>An IPv6 address, or an IPv4 one in full dotted-quad form (IPAddress.TryParse also reads "192.0.2" and
    /// "3221225985").</summary>
    public static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (!IPAddress.TryParse(text, out var parsed)) return false;
        if (parsed.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3) return false;
        address = parsed;
        return true;
    }

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(length - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    [GeneratedRegex("^[0-9A-Za-z_-]{1,16}\\z")]
    private static partial Regex LocationNameSyntax();

    [GeneratedRegex("^[0-9A-Za-z_-]{1,64}\\z")]
    private static partial Regex CollectionNameSyntax();
}
