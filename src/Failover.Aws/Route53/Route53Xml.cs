using Failover.Service.Ports.Route53;
using Failover.Service.Ports;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Failover.Aws.Route53;

/// <summary>Reading and writing Route 53's XML (namespace <c>https://route53.amazonaws.com/doc/2013-04-01/</c>).</summary>
internal static class Route53Xml
{
    public const string Namespace = "https://route53.amazonaws.com/doc/2013-04-01/";

    private static readonly XmlWriterSettings WriterSettings = new() { Encoding = new UTF8Encoding(false), Indent = false };

    /// <summary>A request document: <c>&lt;root xmlns=…&gt;</c> with the body the callback writes.</summary>
    public static byte[] Document(string root, Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root, Namespace);
            body(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        return stream.ToArray();
    }

    /// <summary>The answer's root element; an empty one for the operations that answer with no body.</summary>
    public static XElement Parse(byte[] body) =>
        body.Length == 0 ? new XElement("Empty") : XDocument.Load(new MemoryStream(body)).Root ?? new XElement("Empty");

    public static void Element(this XmlWriter writer, string name, string? value)
    {
        if (value is not null) writer.WriteElementString(name, Namespace, value);
    }

    public static void Element(this XmlWriter writer, string name, long? value) =>
        writer.Element(name, value?.ToString(CultureInfo.InvariantCulture));

    public static void Element(this XmlWriter writer, string name, bool? value) =>
        writer.Element(name, value is null ? null : value.Value ? "true" : "false");

    public static void Start(this XmlWriter writer, string name) => writer.WriteStartElement(name, Namespace);

    // Elements are matched by local name: Route 53 and its emulators do not all qualify every element.
    public static XElement? Node(this XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static IEnumerable<XElement> Nodes(this XElement element, string list, string item) =>
        element.Node(list)?.Elements().Where(e => e.Name.LocalName == item) ?? [];

    public static string? Child(this XElement element, string name) => element.Node(name)?.Value;

    public static string Required(this XElement element, string name) =>
        element.Child(name) ?? throw new FormatException($"Route 53's <{element.Name.LocalName}> has no <{name}>.");

    public static long? Long(this XElement element, string name) =>
        element.Child(name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : null;

    public static int? Int(this XElement element, string name) =>
        element.Child(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    public static bool? Bool(this XElement element, string name) =>
        element.Child(name) is { } text ? XmlConvert.ToBoolean(text.Trim().ToLowerInvariant()) : null;

    public static DateTimeOffset? Time(this XElement element, string name) =>
        element.Child(name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
}
