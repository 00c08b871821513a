import { ApiError } from "../api";
import { h } from "../dom";

/** A failed call, shown where its content would have been, with every error the problem document lists. */
export function errorBox(error: unknown, what: string): HTMLElement {
  const problem = error instanceof ApiError ? error.problem : null;
  const message = problem?.detail ?? (error instanceof Error ? error.message : String(error));
  return h("div", { class: "error", role: "alert" },
    h("p", {}, h("strong", {}, `Could not load ${what}: `), message),
    problem?.errors?.length
      ? h("ul", {}, problem.errors.map((e) => h("li", {}, h("code", {}, e.path ?? e.parameter ?? ""), " ", e.message)))
      : null);
}
