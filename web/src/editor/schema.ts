// The spec's JSON Schema (schemas/tree.schema.json), imported at build time: the editor's forms, their limits and their
// help texts all come from it, so a field added to the schema appears in the editor without a second list here.
import treeSchema from "../../../schemas/tree.schema.json";
import type { Json, JsonObject } from "./specTree";

export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: (string | number)[];
  const?: unknown;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  not?: Schema;
  $comment?: string;
  /** Conditions on the object's own values: "if the type is X, then these properties are off". */
  allOf?: Conditional[];
}

/** One `if`/`then` of an object's allOf: the form shows only the properties the object's values leave on. */
export interface Conditional {
  $comment?: string;
  if?: Schema;
  then?: { properties?: Record<string, Schema | boolean> };
}

const root = treeSchema as unknown as Schema & { $defs: Record<string, Schema> };

/** Follows a local $ref ("#/$defs/node"); the referring schema's own description wins over the target's. */
export function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace(/^#\/\$defs\//, "");
  const target = root.$defs[name];
  if (!target) throw new Error(`the schema has no $defs/${name}`);
  return { ...target, description: schema.description ?? target.description };
}

export const specSchema: Schema = root;
export const nodeSchema: Schema = resolve({ $ref: "#/$defs/node" });

/** The schema of a top-level spec property or a node property. */
export function specProperty(name: string): Schema {
  return resolve(root.properties?.[name] ?? {});
}

export function nodeProperty(name: string): Schema {
  return resolve(nodeSchema.properties?.[name] ?? {});
}

/** The routing policies the schema allows, in its order. */
export const routings: string[] = (nodeProperty("routing").enum ?? []).map(String);

/** The most children a list rule takes (children.maxItems). */
export const maxChildren: number = nodeProperty("children").maxItems ?? 100;

/**
 * The properties `schema`'s conditionals turn off for `value`: a `then` that allows them not at all (false), or only as
 * false (a switch that must stay off). The conditionals the schema uses are `if: { required, properties: { name: { enum,
 * const, not } } }`; a unit test holds the schema to that.
 */
export function propertiesOff(schema: Schema, value: JsonObject): Set<string> {
  const off = new Set<string>();
  for (const branch of schema.allOf ?? []) {
    if (!branch.if || !branch.then || !holds(branch.if, value)) continue;
    for (const [name, property] of Object.entries(branch.then.properties ?? {})) {
      if (property === false || (typeof property === "object" && property.const === false)) off.add(name);
    }
  }
  return off;
}

/** The properties the conditionals test (changing one can change which fields the form shows). */
export function conditionKeys(schema: Schema): Set<string> {
  return new Set((schema.allOf ?? []).flatMap((branch) => [...(branch.if?.required ?? []), ...Object.keys(branch.if?.properties ?? {})]));
}

function holds(condition: Schema, value: JsonObject): boolean {
  if ((condition.required ?? []).some((name) => value[name] === undefined)) return false;
  return Object.entries(condition.properties ?? {}).every(([name, property]) => value[name] === undefined || accepts(property, value[name]!));
}

function accepts(schema: Schema, value: Json): boolean {
  if (schema.enum && !schema.enum.some((option) => option === value)) return false;
  if (schema.const !== undefined && schema.const !== value) return false;
  return !(schema.not && accepts(schema.not, value));
}
