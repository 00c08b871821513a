namespace Failover.Functions.Hosting;

/// <summary>
/// Handlers that exercise the host itself: <c>Echo</c> answers with its event, <c>Fail</c> always throws. They prove
/// the Runtime API loop, the deployed binary and the local stack's Invoke path without touching AWS.
/// </summary>
public static class BuiltInHandlers
{
    public const string EchoName = "Echo";
    public const string FailName = "Fail";

    /// <summary>The error type <c>Fail</c> reports.</summary>
    public const string FailErrorType = "DeliberateFailure";

    public static HandlerTableBuilder AddBuiltIns(this HandlerTableBuilder builder) =>
        builder.Add(EchoName, Echo).Add(FailName, Fail);

    public static async Task<Stream> Echo(Stream input, LambdaContext context, CancellationToken cancellationToken)
    {
        var copy = new MemoryStream();
        await input.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        return copy;
    }

    public static Task<Stream> Fail(Stream input, LambdaContext context, CancellationToken cancellationToken) =>
        throw new FunctionFailedException(FailErrorType, $"The {FailName} handler always fails (request {context.RequestId}).");
}
