using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Failover.Cli.Dashboard;

/// <summary>What the proxy does with one browser request.</summary>
internal abstract record AccessDecision
{
    /// <summary>Forward it to the API, signed.</summary>
    public sealed record Forward : AccessDecision;

    /// <summary>The token was right: set the session cookie and send the browser to <see cref="Location"/> (the URL without it).</summary>
    public sealed record SetCookie(string Cookie, string Location) : AccessDecision;

    /// <summary>Answer <see cref="Status"/> with <see cref="Reason"/> as plain text; nothing goes upstream.</summary>
    public sealed record Refuse(HttpStatusCode Status, string Reason) : AccessDecision;
}

/// <summary>
/// Who may use <c>failover dashboard</c>'s proxy, which signs with the user's AWS credentials: only a browser that opened
/// the URL it printed. The URL carries a random token (256 bits, base64url), exchanged on the first load for an HttpOnly,
/// SameSite=Strict cookie, so the single-page app's own requests (absolute paths such as <c>/trees</c>) carry it without
/// knowing it. Another local user, or a page on another site, has neither; a changing request must also carry the
/// page's <c>X-Failover-Client</c> header, which a cross-site form cannot send and a cross-site script may send only after
/// a CORS preflight the proxy never grants.
/// </summary>
internal sealed class DashboardAccess
{
    public const string TokenParameter = "token";
    public const string ClientHeader = "X-Failover-Client";

    private readonly byte[] token;

    public DashboardAccess(string token, int port)
    {
        Token = token;
        this.token = Encoding.ASCII.GetBytes(token);
        Port = port;
        CookieName = $"failover-dashboard-{port}";
    }

    public string Token { get; }
    public int Port { get; }

    /// <summary>Cookies are shared by every port of a host: the name carries the port, so two dashboards keep theirs apart.</summary>
    public string CookieName { get; }

    /// <summary>The only Host header the proxy answers: a DNS-rebound name pointing at 127.0.0.1 is not it.</summary>
    public string Authority => $"127.0.0.1:{Port}";

    /// <summary>The URL to open: the page, with the token that admits the browser.</summary>
    public string StartUrl => $"http://{Authority}/?{TokenParameter}={Token}";

    /// <summary>A new token: 32 random bytes, base64url without padding (URL-safe, 43 characters).</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public AccessDecision Decide(string method, Uri url, string? host, string? cookieHeader, string? clientHeader)
    {
        if (!string.Equals(host, Authority, StringComparison.OrdinalIgnoreCase))
            return new AccessDecision.Refuse(HttpStatusCode.Forbidden, $"this proxy answers only requests to {Authority}");
        if (method is not ("GET" or "HEAD" or "POST" or "PUT" or "PATCH" or "DELETE"))
            return new AccessDecision.Refuse(HttpStatusCode.MethodNotAllowed, $"{method} is not forwarded");

        var query = Query.Parse(url.Query);
        if (method is "GET" && query.Value(TokenParameter) is { } offered)
        {
            if (!Matches(offered))
                return new AccessDecision.Refuse(HttpStatusCode.Forbidden,
                    "the token is not this dashboard's: open the URL `failover dashboard` printed");
            var cookie = $"{CookieName}={Token}; Path=/; HttpOnly; SameSite=Strict";
            return new AccessDecision.SetCookie(cookie, url.AbsolutePath + query.Without(TokenParameter));
        }
        if (!Matches(CookieValue(cookieHeader)))
            return new AccessDecision.Refuse(HttpStatusCode.Forbidden,
                "this browser has not opened the dashboard's URL: open the one `failover dashboard` printed (with its token)");
        if (method is not ("GET" or "HEAD") && string.IsNullOrWhiteSpace(clientHeader))
            return new AccessDecision.Refuse(HttpStatusCode.Forbidden,
                $"{method} changes state, so it needs the dashboard's {ClientHeader} header; this request has none");
        return new AccessDecision.Forward();
    }

    private bool Matches(string? offered) =>
        offered is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(offered), token);

    private string? CookieValue(string? header)
    {
        foreach (var pair in (header ?? "").Split(';', StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair[..equals] == CookieName) return pair[(equals + 1)..];
        }
        return null;
    }

    /// <summary>A query string's parameters, in order, to find one and to drop one.</summary>
    private sealed record Query(IReadOnlyList<(string Raw, string Name, string Value)> Parameters)
    {
        public static Query Parse(string query) => new(query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(raw =>
            {
                var equals = raw.IndexOf('=');
                var name = WebUtility.UrlDecode(equals < 0 ? raw : raw[..equals]);
                return (raw, name, equals < 0 ? "" : WebUtility.UrlDecode(raw[(equals + 1)..]));
            })
            .ToList());

        public string? Value(string name) => Parameters.FirstOrDefault(p => p.Name == name) is { Raw: not null } found ? found.Value : null;

        public string Without(string name)
        {
            var kept = Parameters.Where(p => p.Name != name).Select(p => p.Raw).ToList();
            return kept.Count == 0 ? "" : "?" + string.Join("&", kept);
        }
    }
}
