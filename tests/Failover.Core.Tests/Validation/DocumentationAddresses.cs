using Failover.Core.Diagnostics;
using Failover.Core.Validation;

namespace Failover.Core.Tests.Validation;

/// <summary>
/// The examples and most test specs health-check addresses of the documentation ranges (RFC 5737, RFC 3849), and
/// validation warns that Route 53 refuses to check them (API reference, HealthCheckConfig.IPAddress). A test that
/// expects a clean spec sets exactly that warning aside, nothing else; AddressRuleTests asserts the warning is given.
/// </summary>
internal static class DocumentationAddresses
{
    public static bool IsWarning(SpecDiagnostic diagnostic) =>
        diagnostic.Severity == Severity.Warning && diagnostic.Message.Contains(AddressRanges.DocumentationNote, StringComparison.Ordinal);

    public static IReadOnlyList<SpecDiagnostic> Aside(IEnumerable<SpecDiagnostic> diagnostics) =>
        diagnostics.Where(d => !IsWarning(d)).ToList();
}
