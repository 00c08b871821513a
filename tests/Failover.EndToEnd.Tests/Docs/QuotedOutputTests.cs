namespace Failover.EndToEnd.Tests.Docs;

/// <summary>
/// The documented-commands test's own rules: what a quote in the docs stands for, and what it does not — so that the
/// check stays as strict as docs/cli.md says it is.
/// </summary>
[Trait("Category", "Unit")]
public sealed class QuotedOutputTests
{
    [Fact]
    public void A_quote_matches_line_by_line_and_exactly()
    {
        Assert.Null(QuotedOutput.Mismatch(["examples/www.json: valid tree 'www' (7 nodes)"],
            "examples/www.json: valid tree 'www' (7 nodes)\n", abridged: false));
        Assert.NotNull(QuotedOutput.Mismatch(["examples/www.json: valid tree 'www' (7 nodes)"],
            "examples/www.json: valid tree 'www' (8 nodes)\n", abridged: false));
        Assert.NotNull(QuotedOutput.Mismatch(["a"], "a\nb\n", abridged: false));
        Assert.NotNull(QuotedOutput.Mismatch(["a", "b"], "a\n", abridged: false));
    }

    [Fact]
    public void An_ellipsis_stands_for_any_text_in_a_line_and_a_line_of_it_for_any_lines()
    {
        string[] quote = ["…", "$.weight: weight 300 is out of range: …", "  …", "done"];

        Assert.Null(QuotedOutput.Mismatch(quote, "w1\nw2\n$.weight: weight 300 is out of range: Route 53 weights are 0–255\ndone",
            abridged: false));
        Assert.Null(QuotedOutput.Mismatch(quote, "$.weight: weight 300 is out of range: x\ndone", abridged: false));
        Assert.NotNull(QuotedOutput.Mismatch(quote, "$.weight: weight 256 is out of range: x\ndone", abridged: false));
    }

    [Theory]
    [InlineData("run 20260301T120000123Z-3f2a9c1d4e5b SUCCEEDED (version 1, 8 s)",
        "run 20261206T111210854Z-2773b1fe982a SUCCEEDED (version 1, 12.5 s)")]
    [InlineData("zone H6K87AVMXHVAXHWX32ZF3J, change C88D33814C0CB4041", "zone Z0000000000000000000A, change C999A34F0C4554A68")]
    [InlineData("checked 2026-03-01 12:15:00 UTC, sha256 126c40385b7f", "checked 2026-12-06 10:49:11 UTC, sha256 8d09d759ea66")]
    [InlineData("health check a18a9aaa-113a-401b-be75-89f497fdaa6f", "health check 8d74e7bc-9de0-4320-8492-22b3817b4f74")]
    [InlineData("observed 2026-12-06T11:56:12.001Z", "observed 2026-12-07T01:02:03.4Z")]
    [InlineData("APPLY     SUCCEEDED   1       2 min 5 s", "APPLY  SUCCEEDED  1  41 s")]
    public void Ids_timestamps_durations_and_column_padding_stand_for_any_value_of_their_shape(string quoted, string printed) =>
        Assert.Null(QuotedOutput.Mismatch([quoted], printed, abridged: false));

    [Theory]
    [InlineData("run 20260301T120000123Z-3f2a9c1d4e5b SUCCEEDED", "run 20260301T120000123Z-3f2a9c1d4e5b FAILED")]
    [InlineData("version 1 applied (latest 1)", "version 2 applied (latest 2)")]
    [InlineData("health checks: 3 to create", "health checks: 5 to create")]
    [InlineData("ACTION  NODE", "ACTIONNODE")]
    [InlineData("zone H6K87AVMXHVAXHWX32ZF3J", "zone example.com")]
    [InlineData("every 30s, 3 failures", "every 10s, 3 failures")]
    public void Everything_else_is_text_that_must_be_printed(string quoted, string printed) =>
        Assert.NotNull(QuotedOutput.Mismatch([quoted], printed, abridged: false));

    [Fact]
    public void An_abridged_quote_needs_its_lines_in_order_and_no_others()
    {
        string[] quote = ["Plan for tree 'shop'", "", "shop: run … SUCCEEDED (version 1, 8 s)"];
        const string printed = "Plan for tree 'shop'\nline\n\nmore\nshop: run 20261206T111210854Z-2773b1fe982a SUCCEEDED (version 1, 8 s)";

        Assert.Null(QuotedOutput.Mismatch(quote, printed, abridged: true));
        Assert.NotNull(QuotedOutput.Mismatch(quote.Reverse().ToArray(), printed, abridged: true));
        Assert.NotNull(QuotedOutput.Mismatch(["Plan for tree 'www'"], printed, abridged: true));
    }

    [Fact]
    public void Examples_carry_their_output_and_plain_lines_are_commands_only()
    {
        const string markdown = """
            Prose. The run (output abridged):
            ```
            $ failover apply shop.json --yes
            run 1
            $ failover list   # every tree
            NAME

            ```
            ```sh
            failover import-traffic-policy p.json --name www \
              --zone-id Z1 -o out.json
            curl -s http://127.0.0.1:3000/trees
            ```
            """;

        var commands = DocumentedCommand.Extract("x.md", markdown);

        Assert.Equal(3, commands.Count);
        Assert.Equal(("apply shop.json --yes", true), (commands[0].Text, commands[0].Abridged));
        Assert.Equal(["run 1"], commands[0].Output!);
        Assert.Equal(["NAME"], commands[1].Output!);
        Assert.True(commands[1].Abridged); // the prose marks the whole block
        Assert.True(DocumentedCommand.Extract("y.md", "```\n$ failover list  # output abridged\nNAME\n```")[0].Abridged);
        Assert.False(DocumentedCommand.Extract("y.md", "```\n$ failover list\nNAME\n```")[0].Abridged);
        Assert.Equal("import-traffic-policy p.json --name www --zone-id Z1 -o out.json", commands[2].Text);
        Assert.False(commands[2].IsExample);
        Assert.Equal(5, commands[1].Line);
    }

    [Fact]
    public void A_shell_line_gives_the_words_and_says_where_output_goes()
    {
        var line = ShellCommand.Parse("""diagram "a b.json" --format 'dot' 2>/dev/null > www.mmd # comment""");
        Assert.Equal(["diagram", "a b.json", "--format", "dot"], line.Args);
        Assert.Equal(("www.mmd", true, "comment"), (line.StdoutFile, line.StderrDropped, line.Comment));

        var piped = ShellCommand.Parse("plan x.json --json | jq .layers");
        Assert.Equal(["plan", "x.json", "--json"], piped.Args);
        Assert.Equal("| jq .layers", piped.After);
        Assert.Equal(["status", "http://h/#/trees/x"], ShellCommand.Parse("status http://h/#/trees/x").Args);
    }
}
