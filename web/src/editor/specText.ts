import { fill, h } from "../dom";
import { isObject, type JsonObject } from "./specTree";
import { parseYaml, toYaml, YamlError } from "./yaml";

// The spec as text beside the form, as JSON or as YAML (the service reads both). Both views are kept in sync with the
// draft: the form writes them, and text typed into either becomes the draft once it reads as a spec object.

export type SpecFormat = "json" | "yaml";

interface Format {
  label: string;
  write(spec: JsonObject): string;
  /** The text as a value; throws with a message naming the line (and column) where it cannot read it. */
  read(text: string): unknown;
}

const formats: Record<SpecFormat, Format> = {
  json: {
    label: "JSON",
    write: (spec) => JSON.stringify(spec, null, 2),
    read: (text) => {
      try {
        return JSON.parse(text);
      } catch (error) {
        throw new Error(withJsonLine(text, (error as Error).message));
      }
    },
  },
  yaml: {
    label: "YAML",
    write: (spec) => toYaml(spec),
    read: (text) => {
      try {
        return parseYaml(text);
      } catch (error) {
        if (error instanceof YamlError) throw new Error(`Line ${error.line}, column ${error.column}: ${error.reason}`);
        throw error;
      }
    },
  },
};

/** JSON.parse names a position; people look for a line. Browsers that already name the line are left as they are. */
function withJsonLine(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (!position || /line \d+/i.test(message)) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `Line ${line}, column ${column}: ${message}`;
}

/** One text view of the spec: its label, its textarea, and a line saying whether it is in sync. */
export class SpecTextView {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly state: HTMLElement;
  private timer: number | undefined;

  constructor(readonly format: SpecFormat, private readonly parsed: (spec: JsonObject) => void) {
    const { label } = formats[format];
    const id = `editor-${format}`;
    this.state = h("p", { id: `${id}-state`, class: "hint spec-text-state", "aria-live": "polite" }, "In sync with the form.");
    this.textarea = h("textarea", {
      id, class: "spec-json", rows: 24, spellcheck: "false", autocomplete: "off", autocapitalize: "off", "aria-describedby": `${id}-state`,
      "data-format": format, oninput: () => this.typed(),
    });
    this.element = h("div", { class: "spec-text", "data-format": format },
      h("label", { for: id }, `The spec as ${label} (edit here or in the form)`),
      this.textarea, this.state);
  }

  /** Shows the draft, unless someone is typing here (their text, even half-written, is not replaced under them). */
  write(spec: JsonObject): void {
    if (document.activeElement === this.textarea) return;
    this.textarea.value = formats[this.format].write(spec);
    this.textarea.removeAttribute("aria-invalid");
    fill(this.state, "In sync with the form.");
  }

  dispose(): void {
    window.clearTimeout(this.timer);
  }

  private typed(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.read(), 300);
  }

  private read(): void {
    const { label } = formats[this.format];
    let value: unknown;
    try {
      value = formats[this.format].read(this.textarea.value);
    } catch (error) {
      this.refuse(`Not ${label} yet. ${(error as Error).message}. The form keeps the last valid spec.`);
      return;
    }
    if (!isObject(value)) {
      this.refuse(`The spec is a ${label} mapping of its fields (name, hostedZoneId, root…). The form keeps the last valid spec.`);
      return;
    }
    this.textarea.removeAttribute("aria-invalid");
    fill(this.state, "In sync with the form.");
    this.parsed(value);
  }

  private refuse(message: string): void {
    this.textarea.setAttribute("aria-invalid", "true");
    fill(this.state, h("span", { class: "field-error" }, message));
  }
}
