import type { DiagramNode } from "../types";
import { childAttribute, isObject, kindOf, nodesOf, type Json, type JsonObject } from "./specTree";

// The draft drawn with the dashboard's own diagram: nodes as the service's diagram data names them (id, parent, kind,
// the record each becomes), so the editor draws over the same picture the tree page shows.

/** The id a drawn node goes by: the spec's id when it is usable and unique, else its path (a node being written). */
export function drawnIds(spec: JsonObject): Map<string, string> {
  const ids = new Map<string, string>();
  const seen = new Set<string>();
  for (const entry of nodesOf(spec)) {
    const id = typeof entry.node.id === "string" ? entry.node.id : "";
    const usable = id !== "" && !seen.has(id.toLowerCase());
    seen.add(id.toLowerCase());
    ids.set(entry.path, usable ? id : entry.path);
  }
  return ids;
}

export function draftNodes(spec: JsonObject): DiagramNode[] {
  const ids = drawnIds(spec);
  const recordName = String(spec.recordName ?? "");
  return nodesOf(spec).map((entry) => {
    const node = entry.node;
    const kind = kindOf(node);
    const attribute = entry.parentRouting ? childAttribute[entry.parentRouting] : null;
    const routedBy = entry.role ? entry.role.toUpperCase() : attribute ? describeAttribute(attribute, node[attribute]) : null;
    const record = entry.parentRouting
      ? `${entry.parentRouting} ${kind === "endpoint" ? "record" : "alias"}${routedBy ? ` (${routedBy})` : ""}`
      : `${String(node.routing ?? kind)} rule`;
    const endpoint = isObject(node.endpoint) ? node.endpoint : null;
    const alias = isObject(node.alias) ? node.alias : null;
    const checked = endpoint ? endpoint.healthCheck !== undefined || endpoint.healthCheckId !== undefined
      : node.healthCheck !== undefined || node.healthCheckId !== undefined || (alias?.evaluateTargetHealth ?? true) === true;
    const drawn: DiagramNode = {
      id: ids.get(entry.path)!,
      parentId: entry.parentPath ? ids.get(entry.parentPath)! : null,
      kind,
      recordKind: kind === "rule" && entry.parentRouting ? `${String(node.routing)} rule · ${record}` : record,
      recordName: entry.parentPath ? `_${String(node.id ?? "")}.${recordName}` : recordName,
      detail: entry.path,
      canFail: kind !== "rule" && checked,
    };
    if (kind === "rule") drawn.routing = String(node.routing);
    if (routedBy && entry.parentRouting !== "failover") drawn.edgeLabel = routedBy;
    if (entry.role) drawn.edgeLabel = entry.role;
    if (endpoint && Array.isArray(endpoint.values)) drawn.values = endpoint.values.map(String);
    if (alias) drawn.aliasTarget = String(alias.dnsName ?? "");
    if (attribute === "region" && typeof node.region === "string") drawn.region = node.region;
    return drawn;
  });
}

function describeAttribute(attribute: string, value: Json | undefined): string | null {
  if (value === undefined) return `no ${attribute}`;
  if (attribute === "weight") return `w=${String(value)}`;
  if (isObject(value)) {
    if (value.default === true) return "default";
    return Object.entries(value).map(([, v]) => (Array.isArray(v) ? v.join(" ") : String(v))).join(" ");
  }
  return String(value);
}
