using System.Globalization;
using Failover.Core.Drift;
using Failover.Core.Route53;

namespace Failover.Core.Contracts;

/// <summary>
/// The drift report to and from its <see cref="DriftReportDocument"/>. A document that is not a written report throws
/// <see cref="FormatException"/> naming the JSON path.
/// </summary>
public static class DriftReportJson
{
    public static string Write(DriftReport report, bool indented = true) => WireJson.Write(ToDocument(report), indented);

    public static DriftReport Read(string json) =>
        ToReport(WireJson.Read<DriftReportDocument>(json, "a drift report", "$ must be an object"));

    public static DriftReportDocument ToDocument(DriftReport report) => new()
    {
        Tree = report.Tree,
        HostedZoneId = report.HostedZoneId,
        RecordName = report.RecordName,
        Version = report.Version,
        CheckedAt = report.CheckedAt is { } checkedAt ? Timestamps.Format(checkedAt) : null,
        DriftedItems = report.DriftedItems,
        Items = report.Items.Select(ToDocument).ToList(),
        Repair = report.Repair is { } repair ? new DriftRepairDocument(CamelNames.Of(repair.Status), repair.RunId, repair.Reason) : null,
    };

    private static DriftItemDocument ToDocument(DriftItem item) => new()
    {
        Kind = CamelNames.Of(item.Kind),
        Record = item.Record is { } record ? new RecordKeyDocument(record.Name, record.Type, record.SetIdentifier) : null,
        HostedZoneId = item.HostedZoneId,
        NodeId = item.NodeId,
        HealthCheckId = item.HealthCheckId,
        CallerReference = item.CallerReference,
        CidrCollection = item.CidrCollection,
        AlarmName = item.AlarmName,
        Place = item.Place is { } place ? CamelNames.Of(place) : null,
        Owned = item.Owned,
        BlocksRepair = item.BlocksRepair ? true : null,
        Fields = item.Fields.Count > 0
            ? item.Fields.Select(f => new FieldDifferenceDocument(f.Field, f.Expected, f.Actual)).ToList()
            : null,
        Message = item.Describe(),
    };

    public static DriftReport ToReport(DriftReportDocument document)
    {
        var items = (document.Items ?? throw new FormatException("$.items is missing"))
            .Select((item, i) => ToItem(item, $"$.items[{i}]")).ToList();
        return new DriftReport(
            Required(document.Tree, "$.tree"),
            Required(document.HostedZoneId, "$.hostedZoneId"),
            Required(document.RecordName, "$.recordName"),
            items)
        {
            Version = document.Version,
            CheckedAt = document.CheckedAt is { } text ? Time(text, "$.checkedAt") : null,
            Repair = document.Repair is { } repair
                ? new DriftRepair(
                    Enum<DriftRepairStatus>(Required(repair.Status, "$.repair.status"), "$.repair.status"), repair.RunId, repair.Reason)
                : null,
        };
    }

    private static DriftItem ToItem(DriftItemDocument? item, string path)
    {
        item = item ?? throw new FormatException($"{path} must be an object");
        return new DriftItem(Enum<DriftKind>(Required(item.Kind, path + ".kind"), path + ".kind"))
        {
            Record = item.Record is { } record
                ? new RecordKey(
                    Required(record.Name, path + ".record.name"), Required(record.Type, path + ".record.type"), record.SetIdentifier)
                : null,
            HostedZoneId = item.HostedZoneId,
            NodeId = item.NodeId,
            HealthCheckId = item.HealthCheckId,
            CallerReference = item.CallerReference,
            CidrCollection = item.CidrCollection,
            AlarmName = item.AlarmName,
            Place = item.Place is { } place ? Enum<ExtraRecordPlace>(place, path + ".place") : null,
            Owned = item.Owned,
            Fields = (item.Fields ?? []).Select((field, i) =>
            {
                var at = $"{path}.fields[{i}]";
                field = field ?? throw new FormatException($"{at} must be an object");
                return new FieldDifference(Required(field.Field, at + ".field"), field.Expected, field.Actual);
            }).ToList(),
        };
    }

    private static string Required(string? value, string path) => value ?? throw new FormatException($"{path} is missing");

    private static T Enum<T>(string text, string path) where T : struct, Enum =>
        CamelNames.TryParse<T>(text, out var value)
            ? value
            : throw new FormatException(
                $"{path} must be one of {string.Join(", ", System.Enum.GetValues<T>().Select(CamelNames.Of))}; it is '{text}'");

    private static DateTimeOffset Time(string text, string path) =>
        DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new FormatException($"{path} must be an ISO 8601 time; it is '{text}'");
}
