using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failover.Core.Contracts;

/// <summary>
/// The one serializer context of every record that crosses a wire: plan, drift report, diagram data, simulation
/// result, the API's resources and the CLI's status. Source-generated, so the AOT binaries serialize without reflection.
/// Members are camelCase unless a contract names them (the AWS CLI's PascalCase shapes); null members are left out
/// unless a contract says the member is always there (<see cref="JsonIgnoreCondition.Never"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(PlanDocument))]
[JsonSerializable(typeof(DryRunPlanResource))]
[JsonSerializable(typeof(DriftReportDocument))]
[JsonSerializable(typeof(DiagramDocument))]
[JsonSerializable(typeof(SimulationDocument))]
[JsonSerializable(typeof(SimulationRequestDocument))]
[JsonSerializable(typeof(TreeListResource))]
[JsonSerializable(typeof(TreeDetailResource))]
[JsonSerializable(typeof(VersionListResource))]
[JsonSerializable(typeof(VersionWithSpecResource))]
[JsonSerializable(typeof(ImportedSpecResource))]
[JsonSerializable(typeof(AdoptionRequestDocument))]
[JsonSerializable(typeof(AdoptionResource))]
[JsonSerializable(typeof(RunResource))]
[JsonSerializable(typeof(RunAcceptedResource))]
[JsonSerializable(typeof(RunListResource))]
[JsonSerializable(typeof(EventListResource))]
[JsonSerializable(typeof(DriftResource))]
[JsonSerializable(typeof(TreeHealthResource))]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(GatewayMessageDocument))]
[JsonSerializable(typeof(TreeStatusDocument))]
[JsonSerializable(typeof(Events.RunEventDetail))]
[JsonSerializable(typeof(Events.DriftEventDetail))]
[JsonSerializable(typeof(Events.AnswerChangedDetail))]
public sealed partial class FailoverJson : JsonSerializerContext
{
    /// <summary>For people and files: indented.</summary>
    public static FailoverJson Indented { get; } = new(OptionsFor(indented: true));

    /// <summary>For storage and embedding: one line.</summary>
    public static FailoverJson Compact { get; } = new(OptionsFor(indented: false));

    private static JsonSerializerOptions OptionsFor(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = indented,
        // Documents are read by programs and people, never embedded in HTML: "+", "&" and non-ASCII stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
