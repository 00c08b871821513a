using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Failover.Core.Simulation;

/// <summary>
/// Writes <c>{"answers":[{"nodeId","values","probability","decidedBy"}]}</c> (with <c>"undocumented": true</c> on an
/// answer a step of which no Route 53 page covers), plus <c>"noAnswerProbability"</c> when some queries get
/// no answer and <c>"notes"</c> when there are any. Probabilities are rounded to 6 digits.
/// </summary>
public static class SimulationJsonWriter
{
    private const int Digits = 6;

    public static string Write(SimulationResult result)
    {
        using var buffer = new MemoryStream();
        using (var json =
            new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("answers");
            foreach (var answer in result.Answers)
            {
                json.WriteStartObject();
                json.WriteString("nodeId", answer.NodeId);
                json.WriteStartArray("values");
                foreach (var value in answer.Values) json.WriteStringValue(value);
                json.WriteEndArray();
                json.WriteNumber("probability", Math.Round(answer.Probability, Digits));
                json.WriteStartArray("decidedBy");
                foreach (var step in answer.DecidedBy) json.WriteStringValue(step);
                json.WriteEndArray();
                if (answer.Undocumented) json.WriteBoolean("undocumented", true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (result.NoAnswerProbability > 0) json.WriteNumber("noAnswerProbability", Math.Round(result.NoAnswerProbability, Digits));
            if (result.Notes.Count > 0)
            {
                json.WriteStartArray("notes");
                foreach (var note in result.Notes) json.WriteStringValue(note);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
