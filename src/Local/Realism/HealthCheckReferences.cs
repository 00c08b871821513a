using System.Collections.Concurrent;
using System.Xml.Linq;

namespace Failover.Local.Realism;

/// <summary>
/// Route 53's CallerReference rules for CreateHealthCheck, which moto ignores (it creates a duplicate):
/// the same reference and settings as a live check return that check; the same reference with other settings, or the
/// reference of a deleted check, is <c>HealthCheckAlreadyExists</c>. This class remembers what Route 53 would.
/// </summary>
public sealed class HealthCheckReferences
{
    // The settings Route 53 fills in when a request leaves them out, so "left out" and "the default" compare equal.
    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["RequestInterval"] = "30", ["FailureThreshold"] = "3", ["MeasureLatency"] = "false",
        ["Inverted"] = "false", ["Disabled"] = "false",
    };

    private readonly ConcurrentDictionary<string, string> _settingsByReference = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _deletedReferences = new(StringComparer.Ordinal);

    /// <summary>Serialises CreateHealthCheck and DeleteHealthCheck, so two racing creates cannot both miss each other.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool WasDeleted(string callerReference) => _deletedReferences.ContainsKey(callerReference);

    public void Created(string callerReference, XElement requestedConfig) =>
        _settingsByReference[callerReference] = Canonical(requestedConfig);

    public void Deleted(string callerReference)
    {
        _deletedReferences[callerReference] = 0;
        _settingsByReference.TryRemove(callerReference, out _);
    }

    /// <summary>
    /// Whether a request's settings match the existing check's: compared with what was requested when the check was
    /// created through the edge, else with moto's stored config on the settings the new request names.
    /// </summary>
    public bool SameSettings(string callerReference, XElement requestedConfig, XElement existingConfig)
    {
        var requested = Canonical(requestedConfig);
        if (_settingsByReference.TryGetValue(callerReference, out var original)) return requested == original;
        var stored = Settings(existingConfig);
        return Settings(requestedConfig).All(setting => stored.TryGetValue(setting.Key, out var value) && value == setting.Value);
    }

    private static string Canonical(XElement config) =>
        string.Join(";",
            Settings(config).OrderBy(setting => setting.Key, StringComparer.Ordinal).Select(setting => $"{setting.Key}={setting.Value}"));

    private static Dictionary<string, string> Settings(XElement config)
    {
        var settings = new Dictionary<string, string>(Defaults, StringComparer.Ordinal);
        foreach (var element in config.Elements())
            settings[element.Name.LocalName] = element.HasElements
                ? string.Join(",",
                    element.Elements().Select(child => child.Name.LocalName + ":" + child.Value.Trim()).Order(StringComparer.Ordinal))
                : element.Value.Trim();
        return settings;
    }
}
