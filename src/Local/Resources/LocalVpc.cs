using System.Xml.Linq;
using Failover.Local.Aws;

namespace Failover.Local.Resources;

/// <summary>The VPC the local stack's private hosted zones are associated with.</summary>
public sealed record LocalVpc(string Region, string Id)
{
    /// <summary>
    /// moto's default VPC of the local region (DescribeVpcs, <c>isDefault</c>), or a new one when there is none: a private
    /// zone must name a VPC that exists in the account, as it does in AWS.
    /// </summary>
    public static async Task<LocalVpc> EnsureAsync(HttpClient ec2, CancellationToken cancellationToken)
    {
        var described = await CallAsync(ec2, new Dictionary<string, string>
        {
            ["Action"] = "DescribeVpcs", ["Filter.1.Name"] = "isDefault", ["Filter.1.Value.1"] = "true",
        }, cancellationToken);
        var id = described.Descendants().FirstOrDefault(e => e.Name.LocalName == "vpcId")?.Value;
        if (id is null)
        {
            var created = await CallAsync(ec2, new Dictionary<string, string>
            {
                ["Action"] = "CreateVpc", ["CidrBlock"] = "10.0.0.0/16",
            }, cancellationToken);
            id = created.Descendants().First(e => e.Name.LocalName == "vpcId").Value;
        }
        return new LocalVpc(LocalAccount.Region, id);
    }

    private static async Task<XDocument> CallAsync(HttpClient ec2, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        form["Version"] = "2016-11-15";
        using var content = new FormUrlEncodedContent(form);
        using var response = await ec2.PostAsync("/", content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"EC2 (moto) answered {(int)response.StatusCode} to {form["Action"]}: {body}");
        return XDocument.Parse(body);
    }
}
