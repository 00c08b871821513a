using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Core.Route53;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// The functions' Route 53 transport, recording what the zone holds (read from moto directly) each time a change batch
/// has been accepted: the zone as resolvers would see it between batches. Runs are serial, so nothing slips between a
/// batch and its snapshot.
/// </summary>
public sealed class ZoneRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<ResourceRecordSet>> _snapshots = [];
    private Route53Client? _reader;
    private string _zoneId = "";

    public void Start(Route53Client moto, string zoneId)
    {
        _reader = moto;
        _zoneId = zoneId;
    }

    public IReadOnlyList<IReadOnlyList<ResourceRecordSet>> Snapshots
    {
        get { lock (_gate) return [.. _snapshots]; }
    }

    public void Clear()
    {
        lock (_gate) _snapshots.Clear();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (_reader is not null && request.Method == HttpMethod.Post
            && request.RequestUri!.AbsolutePath.EndsWith("/rrset/", StringComparison.Ordinal)
            && response.IsSuccessStatusCode)
        {
            var zone = new List<ResourceRecordSet>();
            await foreach (var record in _reader.ListAllResourceRecordSetsAsync(_zoneId,
                cancellationToken: cancellationToken)) zone.Add(record);
            lock (_gate) _snapshots.Add(zone);
        }
        return response;
    }
}
