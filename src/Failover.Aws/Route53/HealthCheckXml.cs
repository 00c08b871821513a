using Failover.Service.Ports.Route53;
using Failover.Service.Ports;
using System.Xml;
using System.Xml.Linq;
using Failover.Core.Route53;

namespace Failover.Aws.Route53;

/// <summary>HealthCheckConfig and HealthCheck elements, in the member order of the Route 53 API.</summary>
internal static class HealthCheckXml
{
    public static void WriteConfig(XmlWriter writer, HealthCheckConfig config)
    {
        writer.Start("HealthCheckConfig");
        if (!config.IsEndpointCheck)
        {
            WriteOtherKind(writer, config);
            return;
        }
        writer.Element("IPAddress", config.IpAddress);
        writer.Element("Port", config.Port);
        writer.Element("Type", config.Type);
        writer.Element("ResourcePath", config.ResourcePath);
        writer.Element("FullyQualifiedDomainName", config.FullyQualifiedDomainName);
        writer.Element("SearchString", config.SearchString);
        writer.Element("RequestInterval", config.RequestInterval);
        writer.Element("FailureThreshold", config.FailureThreshold);
        writer.Element("MeasureLatency", config.MeasureLatency);
        writer.Element("Inverted", config.Inverted);
        writer.Element("EnableSNI", config.EnableSni);
        WriteRegions(writer, config.Regions);
        writer.WriteEndElement();
    }

    /// <summary>
    /// CALCULATED, CLOUDWATCH_METRIC and RECOVERY_CONTROL: only their own members (API reference, HealthCheckConfig:
    /// RequestInterval and FailureThreshold "not supported" for RECOVERY_CONTROL; ChildHealthChecks and HealthThreshold
    /// "CALCULATED Health Checks Only"), in the model's member order.
    /// </summary>
    private static void WriteOtherKind(XmlWriter writer, HealthCheckConfig config)
    {
        writer.Element("Type", config.Type);
        writer.Element("Inverted", config.Inverted);
        writer.Element("HealthThreshold", config.HealthThreshold);
        WriteChildren(writer, config.ChildHealthChecks, config.Type == "CALCULATED");
        WriteAlarm(writer, config.AlarmIdentifier);
        writer.Element("InsufficientDataHealthStatus", config.InsufficientDataHealthStatus);
        writer.Element("RoutingControlArn", config.RoutingControlArn);
        writer.WriteEndElement();
    }

    private static void WriteChildren(XmlWriter writer, IReadOnlyList<string> children, bool evenIfEmpty)
    {
        if (children.Count == 0 && !evenIfEmpty) return;
        writer.Start("ChildHealthChecks");
        foreach (var child in children) writer.Element("ChildHealthCheck", child);
        writer.WriteEndElement();
    }

    private static void WriteAlarm(XmlWriter writer, AlarmIdentifier? alarm)
    {
        if (alarm is null) return;
        writer.Start("AlarmIdentifier");
        writer.Element("Region", alarm.Region);
        writer.Element("Name", alarm.Name);
        writer.WriteEndElement();
    }

    /// <summary>
    /// The members of UpdateHealthCheckRequest. Type, RequestInterval and MeasureLatency cannot be changed after
    /// creation, so they are not sent; settings the desired config leaves out are reset to Route 53's defaults.
    /// </summary>
    public static void WriteUpdate(XmlWriter writer, HealthCheckConfig config, long? version)
    {
        writer.Element("HealthCheckVersion", version);
        if (!config.IsEndpointCheck)
        {
            // UpdateHealthCheckRequest's members for the other kinds; Type cannot change.
            writer.Element("Inverted", config.Inverted);
            writer.Element("HealthThreshold", config.HealthThreshold);
            WriteChildren(writer, config.ChildHealthChecks, config.Type == "CALCULATED");
            WriteAlarm(writer, config.AlarmIdentifier);
            writer.Element("InsufficientDataHealthStatus", config.InsufficientDataHealthStatus);
            return;
        }
        writer.Element("IPAddress", config.IpAddress);
        writer.Element("Port", config.Port);
        writer.Element("ResourcePath", config.ResourcePath);
        writer.Element("FullyQualifiedDomainName", config.FullyQualifiedDomainName);
        writer.Element("SearchString", config.SearchString);
        writer.Element("FailureThreshold", config.FailureThreshold);
        writer.Element("Inverted", config.Inverted);
        writer.Element("EnableSNI", config.EnableSni);
        WriteRegions(writer, config.Regions);
        var reset = new List<string>();
        if (config.FullyQualifiedDomainName is null) reset.Add("FullyQualifiedDomainName");
        if (config.Regions.Count == 0) reset.Add("Regions");
        if (config.ResourcePath is null) reset.Add("ResourcePath");
        if (reset.Count == 0) return;
        writer.Start("ResetElements");
        foreach (var element in reset) writer.Element("ResettableElementName", element);
        writer.WriteEndElement();
    }

    private static void WriteRegions(XmlWriter writer, IReadOnlyList<string> regions)
    {
        if (regions.Count == 0) return;
        writer.Start("Regions");
        foreach (var region in regions) writer.Element("Region", region);
        writer.WriteEndElement();
    }

    public static HealthCheck ReadHealthCheck(XElement element)
    {
        var config = element.Node("HealthCheckConfig") ?? throw new FormatException("Route 53's <HealthCheck> has no <HealthCheckConfig>.");
        return new HealthCheck(
            element.Required("Id"),
            element.Required("CallerReference"),
            ReadConfig(config),
            element.Long("HealthCheckVersion") ?? 1);
    }

    public static HealthCheckConfig ReadConfig(XElement config) => new()
    {
        IpAddress = config.Child("IPAddress"),
        Port = config.Int("Port"),
        Type = config.Required("Type"),
        ResourcePath = config.Child("ResourcePath"),
        FullyQualifiedDomainName = config.Child("FullyQualifiedDomainName"),
        SearchString = config.Child("SearchString"),
        RequestInterval = config.Int("RequestInterval") ?? 30,
        FailureThreshold = config.Int("FailureThreshold") ?? 3,
        MeasureLatency = config.Bool("MeasureLatency") ?? false,
        Inverted = config.Bool("Inverted") ?? false,
        EnableSni = config.Bool("EnableSNI"),
        Regions = config.Nodes("Regions", "Region").Select(r => r.Value).ToList(),
        ChildHealthChecks = config.Nodes("ChildHealthChecks", "ChildHealthCheck").Select(c => c.Value).ToList(),
        HealthThreshold = config.Int("HealthThreshold"),
        AlarmIdentifier = config.Node("AlarmIdentifier") is { } alarm
            ? new AlarmIdentifier(alarm.Required("Region"), alarm.Required("Name")) : null,
        InsufficientDataHealthStatus = config.Child("InsufficientDataHealthStatus"),
        RoutingControlArn = config.Child("RoutingControlArn"),
    };
}
