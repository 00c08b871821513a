using System.Net;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Failover.Aws.Http;
using Failover.Core.Alarms;
using Failover.Service.Ports;

namespace Failover.Aws.CloudWatch;

/// <summary>
/// CloudWatch's alarm operations over its JSON 1.0 protocol (<c>X-Amz-Target: GraniteServiceVersion20100801.*</c>),
/// limited to PutMetricAlarm, DescribeAlarms and DeleteAlarms: the alarms the service keeps on its health checks.
/// </summary>
public sealed class CloudWatchAlarmsClient : IMetricAlarms
{
    private const string ContentType = "application/x-amz-json-1.0";
    private const string TargetPrefix = "GraniteServiceVersion20100801.";
    // CloudWatch API reference: DescribeAlarms MaxRecords is at most 100; DeleteAlarms takes up to 100 names.
    private const int PageSize = 100;
    private static readonly HttpClient SharedHttp = new();
    private static readonly CloudWatchJsonContext Json = CloudWatchJsonContext.Default;
    private readonly AwsHttpTransport _transport;

    public CloudWatchAlarmsClient(CloudWatchClientOptions options, HttpClient? http = null, AWSCredentials? credentials = null,
        TimeProvider? time = null)
    {
        Options = options.Validate();
        var signer = new AwsRequestSigner(credentials ?? AwsEnvironment.DefaultCredentials(),
            RegionEndpoint.GetBySystemName(options.Region), "monitoring");
        _transport = new AwsHttpTransport(http ?? SharedHttp, options.ResolvedEndpoint, signer, options.Retry, ReadError, time);
    }

    public CloudWatchClientOptions Options { get; }

    public async Task<IReadOnlyList<MetricAlarm>> DescribeAsync(string namePrefix, CancellationToken cancellationToken = default)
    {
        var alarms = new List<MetricAlarm>();
        string? next = null;
        do
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new DescribeAlarmsRequest(namePrefix, ["MetricAlarm"], PageSize, next), Json.DescribeAlarmsRequest);
            var response = await SendAsync("DescribeAlarms", body, safeToRepeat: true, isRead: true, cancellationToken)
                .ConfigureAwait(false);
            var page = JsonSerializer.Deserialize(response.Body, Json.DescribeAlarmsResponse)
                ?? throw new FormatException("CloudWatch answered DescribeAlarms with an empty document.");
            foreach (var entry in page.MetricAlarms ?? [])
                if (entry.AlarmName is { } name && name.StartsWith(namePrefix, StringComparison.Ordinal)) alarms.Add(ToAlarm(name, entry));
            next = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (next is not null);
        return alarms;
    }

    public async Task PutAsync(MetricAlarm alarm, IReadOnlyList<KeyValuePair<string, string>> tags,
        CancellationToken cancellationToken = default)
    {
        var request = new PutMetricAlarmRequest(alarm.Name, alarm.Namespace, alarm.MetricName,
            alarm.Dimensions.Select(d => new CloudWatchDimension(d.Key, d.Value)).ToList(), alarm.Statistic, alarm.Period,
            alarm.EvaluationPeriods, alarm.DatapointsToAlarm, alarm.Threshold, alarm.ComparisonOperator, alarm.TreatMissingData,
            AlarmDescription: HealthCheckAlarms.DescriptionFor(Tag(tags, "failover:tree"), Tag(tags, "failover:node")),
            ActionsEnabled: true, Tags: tags.Count == 0 ? null : tags.Select(t => new CloudWatchTag(t.Key, t.Value)).ToList());
        // PutMetricAlarm creates or overwrites by name: sending it twice leaves one alarm.
        await SendAsync("PutMetricAlarm", JsonSerializer.SerializeToUtf8Bytes(request, Json.PutMetricAlarmRequest), safeToRepeat: true,
            isRead: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in names.Chunk(PageSize))
        {
            try
            {
                var body = JsonSerializer.SerializeToUtf8Bytes(new DeleteAlarmsRequest(chunk), Json.DeleteAlarmsRequest);
                await SendAsync("DeleteAlarms", body, safeToRepeat: true, isRead: false, cancellationToken).ConfigureAwait(false);
            }
            // CloudWatch API reference, DeleteAlarms: "If you specify any incorrect alarm names, the alarms you specify with
            // correct names are still deleted"; the missing ones are what was asked for.
            catch (AwsServiceException missing) when (missing.Code == "ResourceNotFound")
            {
            }
        }
    }

    private async Task<AwsResponse> SendAsync(string operation, byte[] body, bool safeToRepeat, bool isRead,
        CancellationToken cancellationToken)
    {
        var request = new AwsRequest(operation, HttpMethod.Post, "/")
        {
            Body = body,
            ContentType = ContentType,
            Headers = new Dictionary<string, string> { ["X-Amz-Target"] = TargetPrefix + operation },
            SafeToRepeat = safeToRepeat,
            IsRead = isRead,
        };
        return await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static string? Tag(IReadOnlyList<KeyValuePair<string, string>> tags, string key) =>
        tags.Where(t => t.Key == key).Select(t => t.Value).FirstOrDefault();

    private static MetricAlarm ToAlarm(string name, MetricAlarmEntry entry) => new(
        name, entry.Namespace ?? "", entry.MetricName ?? "",
        (entry.Dimensions ?? []).GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value,
            StringComparer.Ordinal),
        entry.Statistic ?? "", entry.Period ?? 0, entry.EvaluationPeriods ?? 0,
        // An alarm made without DatapointsToAlarm alarms on every evaluated period (CloudWatch API reference, MetricAlarm).
        entry.DatapointsToAlarm ?? entry.EvaluationPeriods ?? 0,
        entry.Threshold ?? 0, entry.ComparisonOperator ?? "", entry.TreatMissingData ?? "missing")
    {
        Tree = HealthCheckAlarms.TreeIn(entry.AlarmDescription),
    };

    private static AwsServiceException ReadError(AwsResponse response)
    {
        CloudWatchError? error = null;
        try
        {
            if (response.Body.Length > 0) error = JsonSerializer.Deserialize(response.Body, Json.CloudWatchError);
        }
        catch (JsonException)
        {
        }
        // The JSON protocol keeps the query protocol's error codes in x-amzn-query-error ("ResourceNotFound;Sender").
        var type = response.Header("x-amzn-query-error")?.Split(';')[0] ?? error?.Type
            ?? response.Header("x-amzn-ErrorType")?.Split(':')[0];
        var code = type is null
            ? response.StatusCode >= HttpStatusCode.InternalServerError ? "ServiceUnavailable" : $"Http{(int)response.StatusCode}"
            : type[(type.LastIndexOf('#') + 1)..];
        var retryable = response.StatusCode >= HttpStatusCode.InternalServerError || response.StatusCode == HttpStatusCode.TooManyRequests
            || code is "Throttling" or "ThrottlingException" or "InternalServiceFault" or "InternalServiceError";
        return new AwsServiceException(code, error?.Message ?? "", response.StatusCode, response.RequestId, retryable);
    }
}
