using Failover.Core.Adoption;

namespace Failover.Service.Ports;

/// <summary>
/// Reads a zone and reconstructs the tree it holds at a name (<see cref="Adoption.ZoneAdoption"/> serves it from Route 53
/// and the progress table). The API calls it only after the hosted zone passed the allow-list.
/// </summary>
public interface IZoneAdoptions
{
    Task<AdoptionResult> AdoptAsync(string hostedZoneId, AdoptionRequest request, CancellationToken cancellationToken = default);
}
