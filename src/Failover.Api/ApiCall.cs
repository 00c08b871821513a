using System.Text.RegularExpressions;
using Failover.Api.Http;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Api.Routing;
using Failover.Service.Logging;

namespace Failover.Api;

/// <summary>One request on its way through an endpoint: the request, its route parameters and its correlation id.</summary>
public sealed partial class ApiCall(ApiRequest request, RouteDefinition route, IReadOnlyDictionary<string, string> parameters,
    string correlationId, StructuredLogger log)
{
    public ApiRequest Request { get; } = request;

    public RouteDefinition Route { get; } = route;

    public string CorrelationId { get; } = correlationId;

    /// <summary>The request's logger: its lines carry the correlation id and what endpoints add (tree, run id).</summary>
    public StructuredLogger Logger { get; private set; } = log;

    public void Log(string message, params ReadOnlySpan<(string Name, object? Value)> fields) => Logger.Info(message, fields);

    /// <summary>Adds a field every later log line of this request carries (replacing one of the same name).</summary>
    public void AddLogField(string name, object? value) => Logger = Logger.With((name, value));

    /// <summary>The <c>{name}</c> of the path: a tree name as the spec allows it, or 400.</summary>
    public string TreeName
    {
        get
        {
            var name = parameters["name"];
            if (!TreeNamePattern().IsMatch(name))
                throw Invalid(
                    FieldError.AtParameter(
                    "name", $"'{Shown(name)}' is not a tree name: 1–64 letters, digits, '-' and '_', starting with a letter or digit"));
            AddLogField(LogFields.Tree, name);
            return name;
        }
    }

    /// <summary>The <c>{id}</c> of the path: a run id (a Step Functions execution name), or 400.</summary>
    public string RunId
    {
        get
        {
            var id = parameters["id"];
            if (!RunIdPattern().IsMatch(id))
                throw Invalid(FieldError.AtParameter("id", $"'{Shown(id)}' is not a run id: 1–80 letters, digits, '-' and '_'"));
            AddLogField(LogFields.RunId, id);
            return id;
        }
    }

    /// <summary>A path parameter of the route, percent-decoded.</summary>
    public string Parameter(string name) => parameters[name];

    /// <summary>A boolean query parameter: absent is false; anything but true/false is 400.</summary>
    public bool Flag(string name)
    {
        var value = Request.QueryValue(name);
        return value?.ToLowerInvariant() switch
        {
            null or "" or "false" => false,
            "true" => true,
            _ => throw Invalid(FieldError.AtParameter(name, $"{name} must be true or false, not '{Shown(value)}'")),
        };
    }

    /// <summary>An integer query parameter within bounds; absent is null.</summary>
    public int? Integer(string name, int min, int max)
    {
        var value = Request.QueryValue(name);
        if (string.IsNullOrEmpty(value)) return null;
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
            out var number)
               && number >= min && number <= max
            ? number
            : throw Invalid(FieldError.AtParameter(name, $"{name} must be a whole number from {min} to {max}, not '{Shown(value)}'"));
    }

    public static ProblemException Invalid(params FieldError[] errors) =>
        new(
            new Problem(ProblemType.InvalidRequest,
            errors.Length == 1 ? errors[0].Message : $"{errors.Length} problems with the request") { Errors = errors });

    public static string Shown(string text) => text.Length > 64 ? text[..64] + "…" : text;

    // The spec's rule for tree names (TreeFieldRules): what can be stored is what can be addressed.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\\z")]
    private static partial Regex TreeNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}\\z")]
    private static partial Regex RunIdPattern();
}
