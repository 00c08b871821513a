using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Adoption;

/// <summary>What adoption asks for: the tree's name and the record name (and type, when the name holds several) to adopt.</summary>
public sealed record AdoptionRequest(string TreeName, string RecordName, string? RecordType = null)
{
    /// <summary>The tree name when none is given: the record name's first label, as a tree name may spell it.</summary>
    public static string TreeNameFor(string recordName)
    {
        var label = recordName.Split('.')[0];
        var name = new string(label.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray()).TrimStart('-', '_');
        return name.Length == 0 ? "adopted" : name[..Math.Min(name.Length, 64)];
    }
}

/// <summary>
/// What the zone holds, as adoption needs it: every record set of the zone (aliases are followed by name) and the
/// account's health checks, each with the tree tag it carries, if any.
/// </summary>
public sealed record ZoneSnapshot(
    string HostedZoneId, string ZoneName, IReadOnlyList<ResourceRecordSet> Records, IReadOnlyList<ExistingHealthCheckView> HealthChecks);

/// <summary>A health check as adoption sees it: its config and the <c>failover:tree</c> tag, if a tree owns it.</summary>
public sealed record ExistingHealthCheckView(string Id, HealthCheckConfig Config, string? TreeTag = null);

/// <summary>Something the zone holds that the tree spec cannot say, on the record it concerns.</summary>
public sealed record AdoptionProblem(RecordKey? Record, string Message)
{
    public override string ToString() => Record is { } key ? $"{key}: {Message}" : Message;
}

/// <summary>
/// The reconstructed spec (null when anything could not be expressed), the errors that prevented it, and warnings
/// about what it keeps as it is (health checks kept by id, set identifiers that are not node ids).
/// </summary>
public sealed record AdoptionResult(TreeSpec? Spec, IReadOnlyList<AdoptionProblem> Errors, IReadOnlyList<AdoptionProblem> Warnings)
{
    /// <summary>Every record set the spec describes, i.e. the records the tree takes over.</summary>
    public IReadOnlyList<RecordKey> Records { get; init; } = [];

    /// <summary>The tree of this deployment that already answers for the name (adoption is refused then), if any.</summary>
    public string? OwnerTree { get; init; }
}
