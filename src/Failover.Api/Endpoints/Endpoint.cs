using Failover.Api.Http;

namespace Failover.Api.Endpoints;

/// <summary>The handler bound to one route.</summary>
public delegate Task<ApiResponse> Endpoint(ApiCall call, CancellationToken cancellationToken);
