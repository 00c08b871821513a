using Failover.Api.Http;
using Failover.Core.Contracts;

namespace Failover.Api.Json;

/// <summary>
/// Response documents are the records of <c>Failover.Core.Contracts</c>, written indented by the source-generated
/// <see cref="FailoverJson"/> context: no reflection, so the AOT binary keeps every member.
/// </summary>
public static class ApiJson
{
    public static ApiResponse Response<T>(int status, T resource) => ApiResponse.Json(status, WireJson.WriteBytes(resource));
}
