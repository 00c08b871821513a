using System.Text.Json;
using Failover.Api;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Functions.Hosting;

namespace Failover.Functions.Handlers.Api;

/// <summary>
/// The <c>Api</c> function: API Gateway's HTTP API event in, its response out; everything between is
/// <see cref="ApiService"/>. The service is built on the first request, so other functions of the binary never pay for it.
/// </summary>
public static class ApiHandler
{
    public const string Name = "Api";

    /// <summary>An event that is not API Gateway's (the integration is misconfigured): API Gateway answers 500.</summary>
    public const string InvalidEventType = "InvalidApiEvent";

    public static HandlerTableBuilder AddApi(this HandlerTableBuilder builder, Func<ApiService> service)
    {
        var lazy = new Lazy<ApiService>(service, LazyThreadSafetyMode.ExecutionAndPublication);
        return builder.Add(Name, (input, context, cancellationToken) => HandleAsync(lazy.Value, input, context, cancellationToken));
    }

    public static async Task<Stream> HandleAsync(ApiService service, Stream input, LambdaContext context,
        CancellationToken cancellationToken)
    {
        HttpApiEvent? @event;
        Failover.Api.Http.ApiRequest request;
        try
        {
            @event = await JsonSerializer.DeserializeAsync(input, HttpApiJsonContext.Default.HttpApiEvent, cancellationToken);
            if (@event is null || @event.Version != "2.0")
                throw new FunctionFailedException(
                    InvalidEventType, $"expected an HTTP API payload format 2.0 event, got version '{@event?.Version}'");
            request = HttpApiMapping.ToRequest(@event);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new FunctionFailedException(InvalidEventType, $"the event is not an HTTP API payload format 2.0 event: {e.Message}", e);
        }

        var response = await service.HandleAsync(request, context.Logger, cancellationToken);
        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, HttpApiMapping.ToResponse(response), HttpApiJsonContext.Default.HttpApiResponse,
            cancellationToken);
        output.Position = 0;
        return output;
    }
}
