namespace Failover.Service.Ports.Route53;

/// <summary>
/// The part of Route 53 the service uses. The signed REST-XML client implements it against AWS or moto; unit tests of
/// the service use an in-memory zone.
/// </summary>
public interface IRoute53 : IRecordSets, IHealthChecks, ICidrCollections;
