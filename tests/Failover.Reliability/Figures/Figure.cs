namespace Failover.Reliability.Figures;

/// <summary>One counted figure of a scenario, with what it must be.</summary>
public sealed record Figure(string Scenario, string Name, long Value, Expectation Expect)
{
    public bool Ok => Expect switch
    {
        Expectation.Zero => Value == 0,
        Expectation.AboveZero => Value > 0,
        _ => true,
    };

    public string Rule => Expect switch
    {
        Expectation.Zero => "= 0",
        Expectation.AboveZero => "> 0",
        _ => "",
    };
}
