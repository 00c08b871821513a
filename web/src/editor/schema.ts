// The spec's JSON Schema (schemas/tree.schema.json), imported at build time: the editor's forms, their limits and their
// help texts all come from it, so a field added to the schema appears in the editor without a second list here.
import treeSchema from "../../../schemas/tree.schema.json";

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
