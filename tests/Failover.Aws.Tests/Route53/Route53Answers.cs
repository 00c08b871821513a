using Failover.Aws.Tests.Http;

namespace Failover.Aws.Tests.Route53;

/// <summary>Route 53's own answers, as it sends them, for the loopback server.</summary>
internal static class Route53Answers
{
    private const string Ns = "https://route53.amazonaws.com/doc/2013-04-01/";

    public static CannedAnswer Error(int status, string code, string message, string type = "Sender") => new(status,
        $"""<?xml version="1.0"?><ErrorResponse xmlns="{Ns}"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message>""" +
        $"""</Error><RequestId>0c1b2a3d-1111-2222-3333-444455556666</RequestId></ErrorResponse>""");

    public static CannedAnswer Throttling => Error(400, "Throttling", "Rate exceeded");

    public static CannedAnswer PriorRequestNotComplete =>
        Error(400, "PriorRequestNotComplete", "The request was rejected because Route 53 was still processing a prior request.");

    public static CannedAnswer InvalidChangeBatch(params string[] messages) => new(400,
        $"""<?xml version="1.0"?><InvalidChangeBatch xmlns="{Ns}"><Messages>""" +
        $"""{string.Concat(messages.Select(m => $"<Message>{m}</Message>"))}</Messages>""" +
        $"""<RequestId>5d6e7f80-aaaa-bbbb-cccc-ddddeeeeffff</RequestId></InvalidChangeBatch>""");

    public static CannedAnswer ChangeInfo(string id = "C2682N5HXP0BZ4", string status = "PENDING") => new(200,
        $"""<?xml version="1.0"?><ChangeResourceRecordSetsResponse xmlns="{Ns}"><ChangeInfo><Id>/change/{id}</Id>""" +
        $"""<Status>{status}</Status><SubmittedAt>2026-01-01T00:00:00.000Z</SubmittedAt></ChangeInfo>""" +
        $"""</ChangeResourceRecordSetsResponse>""");

    public static CannedAnswer HealthCheck(string id = "abcdef11-2222-3333-4444-555555555555", string reference = "ref-1") => new(201,
        $"""<?xml version="1.0"?><CreateHealthCheckResponse xmlns="{Ns}"><HealthCheck><Id>{id}</Id>""" +
        $"""<CallerReference>{reference}</CallerReference><HealthCheckConfig><IPAddress>192.0.2.1</IPAddress><Port>80</Port><Type>""" +
        $"""TCP</Type><RequestInterval>30</RequestInterval><FailureThreshold>3</FailureThreshold><MeasureLatency>false</MeasureLatency>""" +
        $"""<Inverted>false</Inverted><Disabled>false</Disabled></HealthCheckConfig><HealthCheckVersion>1</HealthCheckVersion>""" +
        $"""</HealthCheck></CreateHealthCheckResponse>""");

    public static CannedAnswer HealthCheckPage(string marker, string? nextMarker, params string[] ids) => new(200,
        $"""<?xml version="1.0"?><ListHealthChecksResponse xmlns="{Ns}"><HealthChecks>""" +
        string.Concat(ids.Select(id =>
            $"<HealthCheck><Id>{id}</Id><CallerReference>{id}</CallerReference><HealthCheckConfig><IPAddress>192.0.2.1</IPAddress>" +
            "<Port>80</Port><Type>TCP</Type></HealthCheckConfig><HealthCheckVersion>1</HealthCheckVersion></HealthCheck>")) +
        $"""</HealthChecks><Marker>{marker}</Marker><IsTruncated>{(nextMarker is null ? "false" : "true")}</IsTruncated>""" +
        $"""{(nextMarker is null ? "" : $"<NextMarker>{nextMarker}</NextMarker>")}<MaxItems>2</MaxItems></ListHealthChecksResponse>""");
}
