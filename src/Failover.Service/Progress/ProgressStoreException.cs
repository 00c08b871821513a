namespace Failover.Service.Progress;

/// <summary>The progress table holds something the store cannot use (a missing attribute, an incomplete split text).</summary>
public class ProgressStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A conditional write failed in a way the caller did not ask to tolerate: a run id already taken, a node that the
/// run does not have, a run for a tree that was never stored. Races the caller expects (a lock held by another
/// run, a record name claimed by another tree) come back as results instead.
/// </summary>
public sealed class ProgressConflictException(string message, Exception? inner = null) : ProgressStoreException(message, inner);
