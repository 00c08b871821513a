import "./styles.css";
import { fill, h } from "./dom";
import { parse } from "./router";
import { TreeListView } from "./views/treeList";
import { NewTreePage } from "./views/newTreePage";
import { TreePage } from "./views/treePage";

// The dashboard: one page, hash routes, everything read from the API it is served by.

const main = document.getElementById("main")!;
let list: TreeListView | null = null;
let page: TreePage | null = null;
let creating: NewTreePage | null = null;

function route(): void {
  const target = parse(location.hash);
  if (target.view !== "tree" || page?.name !== target.name) {
    page?.dispose();
    page = null;
  }
  if (target.view !== "list") {
    list?.dispose();
    list = null;
  }
  if (target.view !== "new") {
    creating?.dispose();
    creating = null;
  }
  switch (target.view) {
    case "list":
      list ??= new TreeListView(main);
      break;
    case "new":
      creating ??= new NewTreePage(main);
      main.querySelector<HTMLElement>("h1")?.setAttribute("tabindex", "-1");
      main.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
      break;
    case "tree": {
      const first = page === null;
      page ??= new TreePage(main, target.name);
      void page.show(target.tab).then(() => {
        // Moving between panels keeps the reader where they were; a new page starts at its heading.
        if (first) main.querySelector<HTMLElement>("h1")?.setAttribute("tabindex", "-1");
        if (first) main.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
        else document.getElementById("panel")?.focus({ preventScroll: true });
      });
      break;
    }
    default:
      document.title = "failover — not found";
      fill(main, h("h1", {}, "Not found"), h("p", {}, "No page here. ", h("a", { href: "#/" }, "All trees")));
  }
}

window.addEventListener("hashchange", route);
route();
