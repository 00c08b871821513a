using Failover.Local.Aws;

namespace Failover.Local.Lambda;

/// <summary>The ARN a function has on the local stack (the account and region moto uses).</summary>
public static class LocalFunctionArn
{
    public static string For(string functionName) =>
        $"arn:aws:lambda:{LocalAccount.Region}:{LocalAccount.Id}:function:{functionName}";
}
