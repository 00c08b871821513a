namespace Failover.Local.Realism.Records;

/// <summary>
/// Route 53's checks of a change batch against the zone, where moto is lenient. The batch is applied in order to a
/// copy of the zone (a batch is atomic: later changes see earlier ones), then the result is checked. Message wording
/// follows what Route 53 answers, so clients and tests match on the real text.
/// </summary>
public static class ChangeBatchRules
{
    /// <summary>The verdict for a batch, or null when Route 53 would accept it.</summary>
    public static ChangeBatchVerdict? Check(
        string zoneId, string zoneName, IEnumerable<ZoneRecordSet> zone, IReadOnlyList<RecordChange> changes, RealismSettings settings)
    {
        if (RequestLimits(changes) is { } limitVerdict) return limitVerdict;
        if (settings.NoTtlOnAliases && AliasWithTtl(changes) is { } ttlVerdict) return ttlVerdict;

        var state = new Dictionary<RecordSetKey, ZoneRecordSet>();
        foreach (var recordSet in zone) state[recordSet.Key] = recordSet;
        var existenceErrors = Apply(state, changes, settings.UniqueRecordSets);
        if (existenceErrors.Count > 0)
            return new ChangeBatchVerdict(ChangeBatchVerdict.InvalidChangeBatch, "recordSetExistence", existenceErrors);

        var written = changes.Where(change => change.Action != "DELETE").Select(change => change.RecordSet).ToList();
        if (settings.OneRoutingPolicyPerName && MixedPolicies(state, written) is { Count: > 0 } mixed)
            return new ChangeBatchVerdict(ChangeBatchVerdict.InvalidChangeBatch, "mixedRoutingPolicies", mixed);
        if (settings.AliasTargetsMustExist && MissingAliasTargets(zoneId, zoneName, state, written) is { Count: > 0 } missing)
            return new ChangeBatchVerdict(ChangeBatchVerdict.InvalidChangeBatch, "aliasTargetMissing", missing);
        return null;
    }

    /// <summary>Most ResourceRecord elements in one request.</summary>
    public const int MaxResourceRecords = 1_000;

    /// <summary>Most characters in all Value elements of one request.</summary>
    public const int MaxValueCharacters = 32_000;

    // Developer Guide, "Quotas" (maximums for ChangeResourceRecordSets) and the API reference of
    // ChangeResourceRecordSets: at most 1,000 ResourceRecord elements and 32,000 characters in all Value elements per
    // request, an UPSERT's counted twice. Checked on what the client sent, before the layer rewrites anything for moto
    // (MotoRequestPieces). The messages are the ones Route 53 answers.
    private static ChangeBatchVerdict? RequestLimits(IReadOnlyList<RecordChange> changes)
    {
        long records = 0, characters = 0;
        foreach (var (action, recordSet) in changes)
        {
            var factor = action == "UPSERT" ? 2 : 1;
            records += recordSet.Values.Count * factor;
            characters += recordSet.Values.Sum(value => (long)value.Length) * factor;
        }
        if (records > MaxResourceRecords)
            return new ChangeBatchVerdict(ChangeBatchVerdict.InvalidChangeBatch, "requestRecordLimit",
                [$"Number of records limit of {MaxResourceRecords} exceeded."]);
        if (characters > MaxValueCharacters)
            return new ChangeBatchVerdict(ChangeBatchVerdict.InvalidChangeBatch, "requestCharacterLimit",
                [$"RDATA character limit of {MaxValueCharacters} exceeded."]);
        return null;
    }

    // An alias takes its TTL and values from its target; Route 53 rejects the request before looking at the zone.
    private static ChangeBatchVerdict? AliasWithTtl(IReadOnlyList<RecordChange> changes)
    {
        foreach (var (action, recordSet) in changes)
        {
            if (!recordSet.IsAlias || !(recordSet.HasTtl || recordSet.HasResourceRecords)) continue;
            var message = "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or " +
                          $"TrafficPolicyInstanceId], but found more than one in Change with [Action={action}, " +
                          $"Name={DnsName.Qualified(recordSet.Name)}, Type={recordSet.Type}, " +
                              $"SetIdentifier={recordSet.SetIdentifier ?? "null"}]";
            return new ChangeBatchVerdict(ChangeBatchVerdict.InvalidInput, "aliasWithTtl", [message]);
        }
        return null;
    }

    /// <summary>Applies the changes in order to <paramref name="state"/>; when strict, returns Route 53's objections.</summary>
    internal static List<string> Apply(Dictionary<RecordSetKey, ZoneRecordSet> state, IReadOnlyList<RecordChange> changes, bool strict)
    {
        var errors = new List<string>();
        foreach (var (action, recordSet) in changes)
        {
            var key = recordSet.Key;
            switch (action)
            {
                case "CREATE" when strict && state.ContainsKey(key):
                    errors.Add($"Tried to create resource record set {recordSet.Describe()} but it already exists");
                    break;
                case "DELETE" when strict && !state.TryGetValue(key, out _):
                    errors.Add($"Tried to delete resource record set {recordSet.Describe()} but it was not found");
                    break;
                // DELETE must repeat the record set exactly as it is, or Route 53 refuses it.
                case "DELETE" when strict && state[key].Fingerprint != recordSet.Fingerprint:
                    errors.Add($"Tried to delete resource record set {recordSet.Describe()} but the values provided do not match the " +
                        $"current values");
                    break;
                case "DELETE":
                    state.Remove(key);
                    break;
                default:
                    state[key] = recordSet;
                    break;
            }
        }
        return errors;
    }

    private static List<string> MixedPolicies(Dictionary<RecordSetKey, ZoneRecordSet> state, List<ZoneRecordSet> written)
    {
        var errors = new List<string>();
        var reported = new HashSet<(string, string)>();
        foreach (var recordSet in written)
        {
            var group = state.Values.Where(other => other.Name == recordSet.Name && other.Type == recordSet.Type).ToList();
            var conflicting = group.Any(other => other.RoutingPolicy != recordSet.RoutingPolicy)
                              // A simple record must be alone in its name and type.
                              || (recordSet.RoutingPolicy == "simple" && group.Count > 1);
            if (!conflicting || !reported.Add((recordSet.Name, recordSet.Type))) continue;
            var identifier = recordSet.SetIdentifier is null ? "" : $", SetIdentifier {recordSet.SetIdentifier}";
            errors.Add($"RRSet with DNS name {DnsName.Qualified(recordSet.Name)}, type {recordSet.Type}{identifier} cannot be " +
                       $"created because a non {recordSet.RoutingPolicy} rrset exists with the same name and type.");
        }
        return errors;
    }

    // Route 53 resolves an alias into its own zone when it is created: the target name must exist with the alias's type.
    private static List<string> MissingAliasTargets(
        string zoneId, string zoneName, Dictionary<RecordSetKey, ZoneRecordSet> state, List<ZoneRecordSet> written)
    {
        var errors = new List<string>();
        foreach (var alias in written.Where(recordSet => recordSet.IsAlias && recordSet.AliasHostedZoneId == zoneId))
        {
            var target = alias.AliasDnsName!;
            var prefix = $"Tried to create an alias that targets {DnsName.Qualified(target)}, type {alias.Type} in zone {zoneId}";
            if (!DnsName.IsWithin(target, zoneName))
                errors.Add($"{prefix}, but the alias target name does not lie within the target zone");
            else if (!state.Values.Any(other => other.Name == target && other.Type == alias.Type))
                errors.Add($"{prefix}, but that target was not found");
        }
        return errors;
    }
}
