import { h } from "../dom";
import { conditionKeys, propertiesOff, resolve, type Schema } from "./schema";
import { isObject, type Json, type JsonObject } from "./specTree";

// Forms generated from the spec's JSON Schema: one field per property, its input chosen by the property's type, its
// limits (minimum, maximum, pattern, maxLength, enum) set on the input, its description as the field's help text.
// The browser's own constraint checks give instant hints; the service's validation (a dry run) is the judge.

export interface FormEvents {
  /** A value changed in place (typing): redraw what shows the spec, not the form. */
  changed(): void;
  /** An object field was added or removed, or a value that decides which fields apply changed: draw the form again. */
  reshaped(): void;
  /** Values an object at `path` takes from elsewhere when it does not set them (a health check's healthCheckDefaults). */
  inherited?(path: string): { values: JsonObject; from: string } | undefined;
}

/** Errors by JSON path, to show each under its field. */
export type FieldErrors = Map<string, string[]>;

let fieldCount = 0;

/**
 * The fields of `schema`'s properties (or only those in `only`) for `value`, at JSON path `path`. The object is changed
 * in place as the user edits.
 */
export function objectFields(schema: Schema, value: JsonObject, path: string, events: FormEvents, errors: FieldErrors,
  only?: string[]): HTMLElement[] {
  const resolved = resolve(schema);
  const properties = resolved.properties ?? {};
  const names = only ?? Object.keys(properties);
  const required = new Set(resolved.required ?? []);
  // Only the fields that apply to the object's values (a health check's type, its own or the inherited one); a field
  // set although it does not apply stays, so its error shows where it can be fixed.
  const inherited = resolved.allOf ? events.inherited?.(path) : undefined;
  const effective: JsonObject = { ...inherited?.values, ...value };
  const off = propertiesOff(resolved, effective);
  const deciding = conditionKeys(resolved);
  const shown = names.filter((name) => properties[name] && name !== "$schema" && (!off.has(name) || value[name] !== undefined));
  const fields = shown.map((name) =>
    field(name, resolve(properties[name]!), value, `${path}.${name}`, required.has(name), events, errors, deciding.has(name)));
  if (off.size === 0) return fields;
  const because = [...deciding].filter((name) => effective[name] !== undefined)
    .map((name) => `${name} ${String(effective[name])}${value[name] === undefined ? ` (from ${inherited?.from})` : ""}`).join(", ");
  return [h("p", { class: "hint fields-shown", "data-for": path }, `Showing the fields that apply with ${because}.`), ...fields];
}

function field(name: string, schema: Schema, owner: JsonObject, path: string, required: boolean, events: FormEvents,
  errors: FieldErrors, reshapes = false): HTMLElement {
  const id = `field-${++fieldCount}`;
  const hintId = `${id}-hint`;
  const current = owner[name];
  const hint = schema.description ? h("span", { class: "field-hint", id: hintId }, schema.description) : null;
  const problems = errors.get(path) ?? [];
  // The service's errors on this field: read with the field (aria-describedby), not announced on every redraw; the
  // editor's status says how many there are.
  const problemBox = problems.length
    ? h("span", { class: "field-error", id: `${id}-error`, "data-path": path }, problems.map((p) => `${path}: ${p}`).join(" · "))
    : null;
  const describedBy = [problemBox ? `${id}-error` : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  const set = (next: Json | undefined) => {
    if (next === undefined) delete owner[name];
    else owner[name] = next;
    events.changed();
    if (reshapes) events.reshaped();
  };
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];

  if (schema.type === "object" || schema.properties) {
    if (!isObject(current)) {
      return h("div", { class: "field field-object", "data-path": path },
        h("button", { type: "button", class: "secondary add-field", "aria-describedby": describedBy, onclick: () => {
          owner[name] = {};
          events.changed();
          events.reshaped();
        } }, `Add ${name}`), hint, problemBox);
    }
    return h("fieldset", { class: "field field-object", "data-path": path },
      h("legend", {}, name, required ? null : h("button", { type: "button", class: "link remove-field", onclick: () => {
        delete owner[name];
        events.changed();
        events.reshaped();
      } }, `Remove ${name}`)),
      hint, problemBox,
      objectFields(schema, current, path, events, errors));
  }

  if (schema.type === "array" && (resolve(schema.items ?? {}).type === "object" || resolve(schema.items ?? {}).properties)) {
    return objectListField(name, schema, owner, path, events, errors, hint, problemBox);
  }

  let input: HTMLElement;
  const common = { id, name: path, "aria-describedby": describedBy, "aria-invalid": problems.length ? "true" : undefined, "data-path": path };
  if (schema.const === true) {
    input = h("input", { ...common, type: "checkbox", checked: current === true, onchange: (e: Event) =>
      set((e.target as HTMLInputElement).checked ? true : undefined) });
  } else if (schema.enum) {
    input = h("select", { ...common, onchange: (e: Event) => {
      const text = (e.target as HTMLSelectElement).value;
      set(text === "" ? undefined : typeof schema.enum![0] === "number" ? Number(text) : text);
    } },
    h("option", { value: "" }, required ? "(choose)" : schema.default !== undefined ? `(not set: ${String(schema.default)})` : "(not set)"),
    schema.enum.map((option) => h("option", { value: String(option), selected: current === option }, String(option))));
  } else if (types.includes("boolean")) {
    input = h("select", { ...common, onchange: (e: Event) => {
      const text = (e.target as HTMLSelectElement).value;
      set(text === "" ? undefined : text === "true");
    } },
    h("option", { value: "" }, schema.default !== undefined ? `(not set: ${String(schema.default)})` : "(not set)"),
    h("option", { value: "true", selected: current === true }, "true"),
    h("option", { value: "false", selected: current === false }, "false"));
  } else if (types.includes("integer") || (types.includes("number") && !types.includes("string"))) {
    input = h("input", { ...common, type: "number", inputmode: "numeric", step: types.includes("integer") ? 1 : "any",
      min: schema.minimum, max: schema.maximum, required, value: typeof current === "number" ? current : "",
      placeholder: schema.default !== undefined ? String(schema.default) : undefined,
      oninput: (e: Event) => {
        const text = (e.target as HTMLInputElement).value.trim();
        // An unparsable number goes to the service as text, so its error names the field.
        set(text === "" ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);
      } });
  } else if (schema.type === "array") {
    const items = resolve(schema.items ?? {});
    if (items.enum && schema.uniqueItems) {
      const chosen = new Set(Array.isArray(current) ? current.map(String) : []);
      input = h("div", { class: "check-group", role: "group", "aria-labelledby": `${id}-label`, "data-path": path },
        items.enum.map((option) => h("label", {}, h("input", { type: "checkbox", value: String(option), checked: chosen.has(String(option)),
          onchange: (e: Event) => {
            const box = e.target as HTMLInputElement;
            if (box.checked) chosen.add(box.value);
            else chosen.delete(box.value);
            set(chosen.size === 0 ? undefined : items.enum!.map(String).filter((o) => chosen.has(o)));
          } }), ` ${String(option)}`)));
    } else {
      input = h("textarea", { ...common, rows: 2, spellcheck: "false", required: required || undefined,
        oninput: (e: Event) => {
          const lines = (e.target as HTMLTextAreaElement).value.split("\n").map((line) => line.trim()).filter((line) => line !== "");
          set(lines.length === 0 && !required ? undefined : lines);
        } }, Array.isArray(current) ? current.map(String).join("\n") : "");
    }
  } else {
    input = h("input", { ...common, type: "text", autocomplete: "off", spellcheck: "false", required,
      // The schema's pattern is shown, not set as the input's pattern: HTML reads patterns with the v flag, under which
      // some of the schema's classes ([A-Za-z0-9_-]) are not valid; the service checks it.
      title: schema.pattern ? `pattern ${schema.pattern}` : undefined,
      maxlength: schema.maxLength, minlength: schema.minLength,
      value: current === undefined || current === null ? "" : String(current),
      oninput: (e: Event) => {
        const text = (e.target as HTMLInputElement).value;
        set(text === "" ? undefined : types.includes("number") && text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : text);
      } });
  }
  const limits = [
    schema.minimum !== undefined || schema.maximum !== undefined ? `${schema.minimum ?? "…"}–${schema.maximum ?? "…"}` : null,
    schema.type === "array" && !(resolve(schema.items ?? {}).enum) ? "one per line" : null,
  ].filter(Boolean).join(", ");
  return h("div", { class: `field${problems.length ? " field-invalid" : ""}`, "data-path": path },
    h("label", { for: schema.type === "array" && resolve(schema.items ?? {}).enum ? undefined : id, id: `${id}-label` },
      name, required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null,
      limits ? h("span", { class: "sub" }, ` (${limits})`) : null),
    input, hint, problemBox);
}

/** An array of objects (a tree's attachments): one fieldset per item, each removable, and a button to add one. */
function objectListField(name: string, schema: Schema, owner: JsonObject, path: string, events: FormEvents, errors: FieldErrors,
  hint: HTMLElement | null, problemBox: HTMLElement | null): HTMLElement {
  const items = resolve(schema.items ?? {});
  const list = Array.isArray(owner[name]) ? (owner[name] as Json[]) : [];
  const reshape = () => {
    events.changed();
    events.reshaped();
  };
  return h("fieldset", { class: "field field-object field-list", "data-path": path },
    h("legend", {}, name),
    hint, problemBox,
    list.map((item, i) => isObject(item)
      ? h("fieldset", { class: "field field-object", "data-path": `${path}[${i}]` },
        h("legend", {}, `${name}[${i}]`, h("button", { type: "button", class: "link remove-field", onclick: () => {
          list.splice(i, 1);
          if (list.length === 0) delete owner[name];
          reshape();
        } }, "Remove")),
        objectFields(items, item, `${path}[${i}]`, events, errors))
      : null),
    h("button", { type: "button", class: "secondary add-field", onclick: () => {
      owner[name] = [...list, {}];
      reshape();
    } }, `Add to ${name}`));
}
