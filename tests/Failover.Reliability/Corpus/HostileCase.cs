namespace Failover.Reliability.Corpus;

/// <summary>
/// One hostile input: bytes that must be refused as an invalid spec (never accepted, never a crash, never a 5xx), with
/// the kind of damage done and a description of it for the notes.
/// </summary>
public sealed record HostileCase(int Number, string Kind, string Description, byte[] Body, string ContentType)
{
    public bool IsYaml => ContentType.Contains("yaml", StringComparison.Ordinal);
    public override string ToString() => $"#{Number} {Kind}: {Description} ({Body.Length:N0} bytes, {ContentType})";
}
