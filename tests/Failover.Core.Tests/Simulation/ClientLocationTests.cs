using Failover.Core.Simulation;

namespace Failover.Core.Tests.Simulation;

/// <summary>The simulator places clients with the same ListGeoLocations table that validation uses.</summary>
[Trait("Category", "Unit")]
public class ClientLocationTests
{
    [Theory]
    [InlineData("UA-30", "EU", "UA", "30")]
    [InlineData("US-DC", "NA", "US", "DC")]
    [InlineData("PR", "NA", "PR", null)]
    [InlineData("GB", "EU", "GB", null)]
    public void Places_listed_by_ListGeoLocations_are_read(string text, string continent, string country, string? subdivision)
    {
        var location = ClientLocation.TryParse(text, out var error, out _);

        Assert.Null(error);
        Assert.Equal(new ClientLocation(continent, country, subdivision), location);
    }

    [Theory]
    [InlineData("UK", "neither a country code")]
    [InlineData("US-PR", "not a subdivision of US")]
    [InlineData("DE-BY", "lists no subdivisions of DE")]
    [InlineData("UA-99", "not a subdivision of UA")]
    public void Places_ListGeoLocations_does_not_list_are_refused(string text, string fragment)
    {
        var location = ClientLocation.TryParse(text, out var error, out _);

        Assert.Null(location);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }
}
