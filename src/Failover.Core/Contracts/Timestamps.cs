using System.Globalization;

namespace Failover.Core.Contracts;

/// <summary>How the API and the drift report write an instant: UTC with milliseconds, <c>2026-03-01T12:15:00.000Z</c>.</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } moment ? Format(moment) : null;
}
