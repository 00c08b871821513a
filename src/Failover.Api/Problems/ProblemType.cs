namespace Failover.Api.Problems;

/// <summary>
/// The kinds of problem the API reports (RFC 9457 <c>type</c>), each with its status and title. The type URIs are
/// URNs: stable identifiers a client can switch on, documented in docs/openapi.yaml.
/// </summary>
public sealed record ProblemType(string Name, int Status, string Title)
{
    public string Uri => "urn:failover:problem:" + Name;

    public static readonly ProblemType MalformedJson = new("malformed-json", 400, "The request body is not well-formed JSON");
    public static readonly ProblemType InvalidSpec = new("invalid-spec", 400, "The tree spec is invalid");
    public static readonly ProblemType InvalidRequest = new("invalid-request", 400, "The request is invalid");
    public static readonly ProblemType NotAdoptable =
        new("not-adoptable", 400, "The records at the name cannot be expressed as a tree");
    public static readonly ProblemType ZoneNotAllowed = new("zone-not-allowed", 403, "The hosted zone is not in this service's allow-list");
    public static readonly ProblemType RouteNotFound = new("route-not-found", 404, "No such route");
    public static readonly ProblemType TreeNotFound = new("tree-not-found", 404, "No such tree");
    public static readonly ProblemType VersionNotFound = new("version-not-found", 404, "No such version of the tree");
    public static readonly ProblemType RunNotFound = new("run-not-found", 404, "No such run");
    public static readonly ProblemType AssetNotFound = new("asset-not-found", 404, "No such file of the dashboard");
    public static readonly ProblemType DriftReportNotFound = new("drift-report-not-found", 404, "The tree has no drift report yet");
    public static readonly ProblemType MethodNotAllowed = new("method-not-allowed", 405, "The route does not take this method");
    public static readonly ProblemType RunInProgress = new("run-in-progress", 409, "The tree already has a run in progress");
    public static readonly ProblemType NameClaimed = new("name-claimed", 409, "Another tree holds this record name and type");
    public static readonly ProblemType TreeDeleted = new("tree-deleted", 409, "The tree was torn down");
    public static readonly ProblemType TreeNotApplied = new("tree-not-applied", 409, "No version of the tree has been applied yet");
    public static readonly ProblemType StaleVersion =
        new("stale-version", 409, "The edit is based on a version of the tree that is no longer the latest");
    public static readonly ProblemType BodyTooLarge = new("body-too-large", 413, "The request body is too large");
    public static readonly ProblemType UnsupportedMediaType =
        new("unsupported-media-type", 415, "The request body's media type is not supported");
    public static readonly ProblemType InternalError = new("internal-error", 500, "The service failed to handle the request");
    public static readonly ProblemType DriftCheckUnavailable =
        new("drift-check-unavailable", 501, "Drift checks are not available in this deployment");
    public static readonly ProblemType AdoptionUnavailable =
        new("adoption-unavailable", 501, "This deployment cannot read zones to adopt their records");
    public static readonly ProblemType UpstreamFailure = new("upstream-failure", 502, "An AWS service the request needed failed");
    public static readonly ProblemType UpstreamThrottled =
        new("upstream-throttled", 503, "An AWS service the request needed is throttling; try again later");

    public static IReadOnlyList<ProblemType> All { get; } =
    [
        MalformedJson, InvalidSpec, InvalidRequest, NotAdoptable, ZoneNotAllowed, RouteNotFound, TreeNotFound, VersionNotFound, RunNotFound,
        DriftReportNotFound, AssetNotFound, MethodNotAllowed, RunInProgress, NameClaimed, TreeDeleted, TreeNotApplied,
        StaleVersion,
        BodyTooLarge, UnsupportedMediaType,
        InternalError, DriftCheckUnavailable, AdoptionUnavailable, UpstreamFailure, UpstreamThrottled,
    ];
}
