namespace Failover.Functions.Hosting;

/// <summary>
/// A function body as Lambda sees it: the raw event in, the raw response out. The handler owns the returned stream's
/// content; the host disposes it after sending. Throwing reports a function error (see <see cref="FunctionError"/>).
/// </summary>
public delegate Task<Stream> LambdaHandler(Stream input, LambdaContext context, CancellationToken cancellationToken);
