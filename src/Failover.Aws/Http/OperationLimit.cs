namespace Failover.Aws.Http;

/// <summary>
/// One API operation's own request bucket: <see cref="Burst"/> tokens, refilled at <see cref="PerSecond"/>. A request
/// of the operation takes a token from it as well as from the account's bucket.
/// </summary>
public sealed record OperationLimit(int Burst, double PerSecond)
{
    /// <summary>Throws with the setting's name (<paramref name="owner"/>, e.g. <c>OperationLimits[CreateHealthCheck]</c>).</summary>
    public void Validate(string owner)
    {
        if (Burst < 1) throw new ArgumentException($"{owner}.Burst must be at least 1; it is {Burst}.");
        if (!(PerSecond > 0) || double.IsInfinity(PerSecond))
            throw new ArgumentException($"{owner}.PerSecond must be a positive number; it is {PerSecond}.");
    }
}
