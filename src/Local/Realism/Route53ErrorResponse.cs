using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Failover.Local.Realism;

/// <summary>
/// Route 53's error document:
/// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c>.
/// InvalidChangeBatch uses the same shape today, its messages joined as <c>[first, second]</c> in Message (what the
/// AWS CLI prints); the older root-level &lt;InvalidChangeBatch&gt;&lt;Messages&gt; form is not produced.
/// </summary>
public static class Route53ErrorResponse
{
    public static readonly XNamespace Namespace = "https://route53.amazonaws.com/doc/2013-04-01/";

    public static Task WriteAsync(HttpResponse response, int status, string code, string message, string type = "Sender")
    {
        var requestId = Guid.NewGuid().ToString();
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Namespace + "ErrorResponse",
                new XElement(Namespace + "Error",
                    new XElement(Namespace + "Type", type),
                    new XElement(Namespace + "Code", code),
                    new XElement(Namespace + "Message", message)),
                new XElement(Namespace + "RequestId", requestId)));
        response.StatusCode = status;
        response.Headers["x-amzn-RequestId"] = requestId;
        return WriteXmlAsync(response, document);
    }

    public static Task InvalidChangeBatchAsync(HttpResponse response, IReadOnlyList<string> messages) =>
        WriteAsync(response, 400, "InvalidChangeBatch", "[" + string.Join(", ", messages) + "]");

    public static Task ThrottlingAsync(HttpResponse response) => WriteAsync(response, 400, "Throttling", "Rate exceeded");

    public static Task PriorRequestNotCompleteAsync(HttpResponse response) =>
        WriteAsync(response, 400, "PriorRequestNotComplete",
            "The request was rejected because Route 53 was still processing a prior request.");

    public static Task InternalFailureAsync(HttpResponse response) =>
        WriteAsync(response, 500, "InternalFailure", "The request processing has failed because of an unknown error.", "Receiver");

    public static Task ServiceUnavailableAsync(HttpResponse response) =>
        WriteAsync(response, 503, "ServiceUnavailable", "Service Unavailable", type: "Receiver");

    public static async Task WriteXmlAsync(HttpResponse response, XDocument document)
    {
        response.ContentType = "text/xml";
        var bytes = System.Text.Encoding.UTF8.GetBytes(document.Declaration + document.ToString(SaveOptions.DisableFormatting));
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes);
    }
}
