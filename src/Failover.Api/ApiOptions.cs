using Failover.Core.Validation;
using Failover.Service.Zones;

namespace Failover.Api;

/// <summary>Settings of the HTTP API, one set per deployment; <see cref="FromEnvironment"/> names the variable of each problem.</summary>
public sealed record ApiOptions
{
    public const string AllowedZonesVariable = ZoneAllowList.Variable;

    /// <summary>An older name of the same list (<see cref="ZoneAllowList.TemplateVariable"/>).</summary>
    public const string TemplateAllowedZonesVariable = ZoneAllowList.TemplateVariable;

    /// <summary>The hosted zones trees may live in. Empty allows none: a deployment must name its zones.</summary>
    public ZoneAllowList AllowedZones { get; init; } = ZoneAllowList.None;

    /// <summary>Largest tree spec body: the spec size limit the validator enforces (256 KB).</summary>
    public int MaxSpecBytes { get; init; } = ValidationLimits.Default.MaxSpecBytes;

    /// <summary>Largest body of the other requests (simulate, rollback): small JSON documents.</summary>
    public int MaxRequestBytes { get; init; } = 16 * 1024;

    public int DefaultPageSize { get; init; } = 50;

    public int MaxPageSize { get; init; } = 100;

    /// <summary><c>ALLOWED_HOSTED_ZONE_IDS</c>, or the template's <c>FAILOVER_ALLOWED_ZONES</c> when that is unset.</summary>
    public static ApiOptions FromEnvironment(Func<string, string?> environment) =>
        new ApiOptions { AllowedZones = ZoneAllowList.FromEnvironment(environment) }.Validated();

    public ApiOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(AllowedZones, nameof(AllowedZones));
        if (MaxSpecBytes < 1) throw new ArgumentException($"ApiOptions.MaxSpecBytes must be positive; it is {MaxSpecBytes}.");
        if (MaxRequestBytes < 1) throw new ArgumentException($"ApiOptions.MaxRequestBytes must be positive; it is {MaxRequestBytes}.");
        if (MaxPageSize < 1 || DefaultPageSize < 1 || DefaultPageSize > MaxPageSize)
            throw new ArgumentException(
                $"ApiOptions.DefaultPageSize ({DefaultPageSize}) must be between 1 and MaxPageSize ({MaxPageSize}).");
        return this;
    }
}
