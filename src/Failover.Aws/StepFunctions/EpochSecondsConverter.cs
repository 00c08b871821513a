using Failover.Service.Ports;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failover.Aws.StepFunctions;

/// <summary>
/// JSON 1.0 timestamps are epoch seconds with a fraction (<c>1735689600.123</c>); emulators sometimes send ISO 8601
/// strings instead, which are read too.
/// </summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(reader.GetDecimal() * TimeSpan.TicksPerSecond)),
            JsonTokenType.String when decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture,
                out var seconds) =>
                DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)),
            JsonTokenType.String => DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            _ => throw new JsonException($"A timestamp must be a number of seconds or an ISO 8601 string, not {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((decimal)(value - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerSecond);
}
