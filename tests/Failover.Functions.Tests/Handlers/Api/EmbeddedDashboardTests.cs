using System.Text;
using System.Text.RegularExpressions;
using Failover.Api.Http;
using Failover.Functions.Handlers.Api;

namespace Failover.Functions.Tests.Handlers.Api;

/// <summary>The web dashboard built from web/ is inside the binary, whole: its page and every file the page loads.</summary>
[Trait("Category", "Unit")]
public sealed partial class EmbeddedDashboardTests
{
    private static readonly EmbeddedDashboardFiles Files = EmbeddedDashboardFiles.Instance;

    [Fact]
    public void The_page_and_every_asset_it_references_are_embedded()
    {
        var index = Files.Find("index.html");
        Assert.NotNull(index);
        Assert.Equal("text/html; charset=utf-8", index.ContentType);
        var html = Encoding.UTF8.GetString(index.Content.Span);
        var referenced = AssetReference().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.Contains(referenced, path => path.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(referenced, path => path.EndsWith(".css", StringComparison.Ordinal));
        foreach (var path in referenced)
        {
            var file = Files.Find(path);
            Assert.True(file is not null, $"index.html loads /{path}, which is not embedded (embedded: {string.Join(", ", Files.Paths)})");
            Assert.False(file.Content.IsEmpty);
        }
    }

    [Fact]
    public void The_page_has_no_inline_script_the_content_security_policy_would_block()
    {
        var html = Encoding.UTF8.GetString(Files.Find("index.html")!.Content.Span);
        foreach (Match script in ScriptTag().Matches(html))
            Assert.Contains("src=", script.Value);
        Assert.DoesNotContain(" style=", html);
    }

    [Fact]
    public void Files_have_their_media_types_and_strong_validators()
    {
        foreach (var path in Files.Paths)
        {
            var file = Files.Find(path)!;
            Assert.NotEqual("application/octet-stream", file.ContentType);
            Assert.Matches("^\"[0-9a-f]{32}\"$", file.ETag);
        }
        Assert.Equal("text/javascript; charset=utf-8", EmbeddedDashboardFiles.MediaTypeOf("assets/a.js"));
        Assert.Equal("text/css; charset=utf-8", EmbeddedDashboardFiles.MediaTypeOf("assets/a.css"));
    }

    [Fact]
    public void Text_goes_to_API_Gateway_as_text_and_anything_else_as_base64()
    {
        var script =
            HttpApiMapping.ToResponse(new ApiResponse(200, "text/javascript; charset=utf-8", Encoding.UTF8.GetBytes("let a = 1;")));
        Assert.False(script.IsBase64Encoded);
        Assert.Equal("let a = 1;", script.Body);

        byte[] png = [0x89, 0x50, 0x4e, 0x47, 0xff, 0x00];
        var image = HttpApiMapping.ToResponse(new ApiResponse(200, "image/png", png));
        Assert.True(image.IsBase64Encoded);
        Assert.Equal(png, Convert.FromBase64String(image.Body!));
    }

    [GeneratedRegex("(?:src|href)=\"/(assets/[^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
