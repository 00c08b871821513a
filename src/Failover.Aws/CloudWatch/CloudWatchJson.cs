using System.Text.Json.Serialization;

namespace Failover.Aws.CloudWatch;

internal sealed record CloudWatchDimension(string Name, string Value);

internal sealed record CloudWatchTag(string Key, string Value);

internal sealed record PutMetricAlarmRequest(
    string AlarmName, string Namespace, string MetricName, IReadOnlyList<CloudWatchDimension> Dimensions, string Statistic, int Period,
    int EvaluationPeriods, int DatapointsToAlarm, double Threshold, string ComparisonOperator, string TreatMissingData,
    string AlarmDescription, bool ActionsEnabled, IReadOnlyList<CloudWatchTag>? Tags);

internal sealed record DescribeAlarmsRequest(string AlarmNamePrefix, IReadOnlyList<string> AlarmTypes, int MaxRecords, string? NextToken);

internal sealed record DescribeAlarmsResponse(IReadOnlyList<MetricAlarmEntry>? MetricAlarms, string? NextToken);

internal sealed record MetricAlarmEntry(
    string? AlarmName, string? Namespace, string? MetricName, IReadOnlyList<CloudWatchDimension>? Dimensions, string? Statistic,
    int? Period, int? EvaluationPeriods, int? DatapointsToAlarm, double? Threshold, string? ComparisonOperator, string? TreatMissingData,
    string? AlarmDescription = null);

internal sealed record DeleteAlarmsRequest(IReadOnlyList<string> AlarmNames);

internal sealed record CloudWatchError(
    [property: JsonPropertyName("__type")] string? Type,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>Source-generated (AOT-safe) serialization of the CloudWatch JSON 1.0 bodies (PascalCase members).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(PutMetricAlarmRequest))]
[JsonSerializable(typeof(DescribeAlarmsRequest))]
[JsonSerializable(typeof(DescribeAlarmsResponse))]
[JsonSerializable(typeof(DeleteAlarmsRequest))]
[JsonSerializable(typeof(CloudWatchError))]
internal sealed partial class CloudWatchJsonContext : JsonSerializerContext;
