/**
 * One line for a planned health check, from its HealthCheckConfig as the AWS CLI takes it: endpoint checks by
 * address, port and path; CALCULATED checks by threshold and children; CLOUDWATCH_METRIC by alarm;
 * RECOVERY_CONTROL by routing control.
 */
export function healthCheckText(config: Record<string, unknown>): string {
  const type = String(config.Type ?? "");
  const inverted = config.Inverted === true ? " (inverted)" : "";
  if (type === "CALCULATED") {
    const children = Array.isArray(config.ChildHealthChecks) ? config.ChildHealthChecks.map(childName) : [];
    return `${type}: ${String(config.HealthThreshold ?? children.length)} of ${children.length} healthy [${children.join(", ")}]${inverted}`;
  }
  if (type === "CLOUDWATCH_METRIC") {
    const alarm = (config.AlarmIdentifier ?? {}) as Record<string, unknown>;
    const insufficient = config.InsufficientDataHealthStatus ? `, insufficient data: ${String(config.InsufficientDataHealthStatus)}` : "";
    return `${type}: alarm ${String(alarm.Name ?? "?")} in ${String(alarm.Region ?? "?")}${insufficient}${inverted}`;
  }
  if (type === "RECOVERY_CONTROL") return `${type}: routing control ${String(config.RoutingControlArn ?? "?")}${inverted}`;
  return `${type} ${String(config.IPAddress ?? config.FullyQualifiedDomainName ?? "")}:${String(config.Port ?? "")}${String(config.ResourcePath ?? "")}`;
}

/** A child not created yet is a placeholder naming its node: shown as "node &lt;id&gt;". */
function childName(child: unknown): string {
  const text = String(child);
  const match = /^\{\{healthcheck:(.+)\}\}$/.exec(text);
  return match ? `node ${match[1]}` : text;
}
