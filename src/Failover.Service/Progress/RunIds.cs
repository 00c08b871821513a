using System.Globalization;

namespace Failover.Service.Progress;

/// <summary>Run ids that sort by start time and are valid Step Functions execution names (≤ 80 chars, [A-Za-z0-9-_]).</summary>
public static class RunIds
{
    public static string New(TimeProvider timeProvider) =>
        timeProvider.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)
        + "-" + Guid.NewGuid().ToString("N")[..12];
}
