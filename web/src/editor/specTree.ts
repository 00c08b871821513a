// The spec as the editor holds it: plain JSON, walked by JSON path. Paths are the service's own ("$.root.primary",
// "$.root.children[1].weight"), so an error the service reports lands on the node it belongs to.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type NodeKind = "rule" | "endpoint" | "alias";

/** One node of the spec, where it is, and what its parent's policy asks of it. */
export interface SpecNode {
  path: string;
  node: JsonObject;
  parentPath: string | null;
  /** The parent's routing (null for the root). */
  parentRouting: string | null;
  /** "primary" or "secondary" under a failover rule. */
  role: "primary" | "secondary" | null;
  depth: number;
}

/** The attribute a child carries for its parent's policy (schema: node.weight, .region, .location, ...). */
export const childAttribute: Record<string, string | null> = {
  failover: null,
  weighted: "weight",
  latency: "region",
  geolocation: "location",
  multivalue: null,
  geoproximity: "geoproximity",
  "ip-based": "cidr",
  "az-affinity": "azAffinity",
};

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function kindOf(node: JsonObject): NodeKind {
  if (node.routing !== undefined) return "rule";
  if (node.alias !== undefined) return "alias";
  return "endpoint";
}

/** Every node, depth first, the root first. */
export function nodesOf(spec: JsonObject): SpecNode[] {
  const out: SpecNode[] = [];
  const visit = (node: Json | undefined, path: string, parent: SpecNode | null, role: SpecNode["role"]) => {
    if (!isObject(node)) return;
    const entry: SpecNode = {
      path, node, parentPath: parent?.path ?? null, parentRouting: parent ? String(parent.node.routing ?? "") : null, role,
      depth: parent ? parent.depth + 1 : 0,
    };
    out.push(entry);
    if (node.primary !== undefined) visit(node.primary, `${path}.primary`, entry, "primary");
    if (node.secondary !== undefined) visit(node.secondary, `${path}.secondary`, entry, "secondary");
    if (Array.isArray(node.children)) node.children.forEach((child, i) => visit(child, `${path}.children[${i}]`, entry, null));
  };
  visit(spec.root, "$.root", null, null);
  return out;
}

export function nodeAt(spec: JsonObject, path: string): SpecNode | undefined {
  return nodesOf(spec).find((entry) => entry.path === path);
}

/**
 * The node a service error belongs to: the deepest node whose path starts the error's path. Errors about the tree's own
 * fields ($.recordType) belong to no node.
 */
export function nodePathOf(spec: JsonObject, errorPath: string): string | null {
  let best: string | null = null;
  for (const { path } of nodesOf(spec)) {
    const within = errorPath === path || errorPath.startsWith(`${path}.`) || errorPath.startsWith(`${path}[`);
    if (within && (best === null || path.length > best.length)) best = path;
  }
  return best;
}

/** A fresh id no node has (ids are unique ignoring case). */
export function freshId(spec: JsonObject, stem: string): string {
  const taken = new Set(nodesOf(spec).map((entry) => String(entry.node.id ?? "").toLowerCase()));
  for (let i = 1; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

const regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2", "eu-central-1", "ap-northeast-1", "sa-east-1"];
const countries = ["US", "DE", "JP", "GB", "FR", "BR", "AU", "IN"];

/** A value for the attribute a child of a `routing` rule needs, unlike its `siblings`' ones where that matters. */
export function defaultAttribute(routing: string, siblings: JsonObject[]): Json | undefined {
  switch (childAttribute[routing]) {
    case "weight":
      return 1;
    case "region": {
      const used = new Set(siblings.map((s) => s.region));
      return regions.find((r) => !used.has(r)) ?? regions[0]!;
    }
    case "location": {
      const used = new Set(siblings.map((s) => (isObject(s.location) ? s.location.country : undefined)));
      return siblings.some((s) => isObject(s.location) && s.location.default === true)
        ? { country: countries.find((c) => !used.has(c)) ?? "US" }
        : { default: true };
    }
    case "geoproximity": {
      const used = new Set(siblings.map((s) => (isObject(s.geoproximity) ? s.geoproximity.region : undefined)));
      return { region: regions.find((r) => !used.has(r)) ?? regions[0]! };
    }
    case "azAffinity":
      return siblings.some((s) => isObject(s.azAffinity) && s.azAffinity.type === "global")
        ? { type: "availability-zone", id: `use1-az${siblings.length}` }
        : { type: "global" };
    case "cidr":
      return siblings.some((s) => isObject(s.cidr) && s.cidr.default === true)
        ? { location: `loc${siblings.length}`, blocks: ["192.0.2.0/24"] }
        : { default: true };
    default:
      return undefined;
  }
}

export function clone<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Returns the container and key of a node path, to replace or remove it. */
function slot(spec: JsonObject, path: string): { parent: JsonObject; key: "primary" | "secondary" | "children"; index?: number } | null {
  const entry = nodeAt(spec, path);
  if (!entry || entry.parentPath === null) return null;
  const parent = nodeAt(spec, entry.parentPath)!.node;
  const match = /\.children\[(\d+)\]$/.exec(path);
  if (match) return { parent, key: "children", index: Number(match[1]) };
  return { parent, key: path.endsWith(".primary") ? "primary" : "secondary" };
}

export type NewLeaf = "endpoint" | "alias" | "rule";

/**
 * Adds a child to the rule at `path`: into the empty side of a failover rule, else at the end of its children.
 * Returns the new node's path, or an error to show.
 */
export function addChild(spec: JsonObject, path: string, what: NewLeaf): { path: string } | { error: string } {
  const entry = nodeAt(spec, path);
  if (!entry || kindOf(entry.node) !== "rule") return { error: "select a rule to add a node under it" };
  const rule = entry.node;
  const routing = String(rule.routing);
  const id = freshId(spec, what === "rule" ? "rule" : what === "alias" ? "alias" : "endpoint");
  const child: JsonObject = { id };
  if (what === "endpoint") child.endpoint = { values: Array.isArray(spec.recordTypes) ? ["192.0.2.1", "2001:db8::1"]
    : [String(spec.recordType ?? "A") === "AAAA" ? "2001:db8::1" : "192.0.2.1"] };
  else if (what === "alias") child.alias = { dnsName: `target.${String(spec.zoneName ?? "example.com")}`, hostedZoneId: String(spec.hostedZoneId ?? "") };
  else {
    child.routing = "weighted";
    child.children = [{ id: `${id}-a`, weight: 1, endpoint: { values: ["192.0.2.1"] } }];
  }
  if (routing === "failover") {
    const side = rule.primary === undefined ? "primary" : rule.secondary === undefined ? "secondary" : null;
    if (!side) return { error: "a failover rule has one primary and one secondary: remove one, or change the rule's policy" };
    rule[side] = child;
    return { path: `${path}.${side}` };
  }
  const children = Array.isArray(rule.children) ? rule.children : (rule.children = []);
  const attribute = childAttribute[routing];
  const value = defaultAttribute(routing, children.filter(isObject));
  if (attribute && value !== undefined) {
    // The attribute first, after the id, as people write it.
    const ordered: JsonObject = { id, [attribute]: value };
    Object.assign(ordered, child);
    children.push(ordered);
  } else children.push(child);
  return { path: `${path}.children[${children.length - 1}]` };
}

/** Removes the node at `path` (not the root). Returns its parent's path. */
export function removeNode(spec: JsonObject, path: string): { path: string } | { error: string } {
  const where = slot(spec, path);
  if (!where) return { error: "the root rule cannot be removed: change its policy, or make a new tree" };
  const parentPath = nodeAt(spec, path)!.parentPath!;
  if (where.key === "children") (where.parent.children as Json[]).splice(where.index!, 1);
  else delete where.parent[where.key];
  return { path: parentPath };
}

/**
 * Changes a rule's policy, carrying its children over: failover's two sides become the first two children and back, and
 * each child's attribute for the old policy gives way to one for the new.
 */
export function changeRouting(spec: JsonObject, path: string, routing: string): { path: string } | { error: string } {
  const entry = nodeAt(spec, path);
  if (!entry || kindOf(entry.node) !== "rule") return { error: "only a rule has a policy" };
  const rule = entry.node;
  const old = String(rule.routing);
  if (old === routing) return { path };
  let children: JsonObject[] = old === "failover"
    ? [rule.primary, rule.secondary].filter(isObject)
    : (Array.isArray(rule.children) ? rule.children : []).filter(isObject);
  if (routing === "failover" && children.length > 2)
    return { error: `a failover rule takes two nodes, primary and secondary; this rule has ${children.length}: remove some first` };
  const oldAttribute = childAttribute[old];
  children = children.map((child) => {
    const copy: JsonObject = { ...child };
    if (oldAttribute) delete copy[oldAttribute];
    return copy;
  });
  const attribute = childAttribute[routing];
  const placed: JsonObject[] = [];
  for (const child of children) {
    const value = attribute ? defaultAttribute(routing, placed) : undefined;
    placed.push(attribute && value !== undefined ? { id: child.id ?? "", [attribute]: value, ...withoutId(child) } : child);
  }
  delete rule.primary;
  delete rule.secondary;
  delete rule.children;
  rule.routing = routing;
  if (routing === "failover") {
    if (placed[0]) rule.primary = placed[0];
    if (placed[1]) rule.secondary = placed[1];
  } else rule.children = placed;
  return { path };
}

function withoutId(node: JsonObject): JsonObject {
  const { id: _id, ...rest } = node;
  return rest;
}
