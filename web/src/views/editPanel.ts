import { api } from "../api";
import { Editor } from "../editor/editor";
import { fill, h } from "../dom";
import { treeHref } from "../router";
import type { JsonObject } from "../editor/specTree";
import { errorBox } from "./errors";
import type { Panel, TreeContext } from "./treePage";

/**
 * Edit mode: the tree's latest stored version in the visual editor, drawn on the page's own diagram. Applying stores a
 * new version and starts a run; the page then follows the run node by node.
 */
export class EditPanel implements Panel {
  readonly element = h("div", { class: "edit-panel" }, h("p", { class: "loading" }, "Loading the latest version…"));
  private editor: Editor | null = null;
  private disposed = false;

  constructor(private readonly tree: TreeContext) {
    void this.load();
  }

  dispose(): void {
    this.disposed = true;
    this.editor?.dispose();
  }

  private async load(): Promise<void> {
    this.editor?.dispose();
    this.editor = null;
    const detail = this.tree.detail;
    let spec: JsonObject;
    try {
      spec = (await api.version(this.tree.name, detail.latestVersion)).spec as JsonObject;
    } catch (error) {
      if (!this.disposed) fill(this.element, errorBox(error, "the latest version"));
      return;
    }
    if (this.disposed) return;
    this.editor = new Editor(spec, {
      tree: this.tree.name,
      baseVersion: detail.latestVersion,
      currentVersion: detail.currentVersion,
      host: this.tree.host,
      applied: (name) => {
        location.hash = treeHref(name);
        void this.tree.follow();
      },
      reload: () => void this.tree.reload().then(() => this.load()),
    });
    fill(this.element,
      detail.currentVersion !== null && detail.currentVersion !== detail.latestVersion
        ? h("p", { class: "hint" }, `v${detail.latestVersion} is the latest stored version, v${detail.currentVersion} the applied one: the edit starts from v${detail.latestVersion}.`)
        : null,
      this.editor.element);
  }
}
