namespace Failover.Service.Ports.Store;

/// <summary>
/// Everything the service keeps between calls. The DynamoDB store implements it for deployments and the local stack;
/// unit tests of the service use an in-memory one. Parts of the service take the narrow interface they need.
/// </summary>
public interface IProgressStore
    : ITreeRecords, IRecordNameClaims, ITreeLocks, IRunRecords, INodeProgressRecords, IOwnedRecords, IDriftReports, ITreeEventRecords;
