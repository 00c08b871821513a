// Hash routes, so the API serves one page at GET / and a reload keeps the place:
//   #/                       the trees
//   #/trees/NAME[/TAB]       one tree; TAB is what-if (default), plan, drift, versions, timeline or edit
//   #/new                    a new tree, from a template or a pasted Traffic Flow document

export const tabs = ["what-if", "plan", "drift", "versions", "timeline", "edit"] as const;
export type Tab = (typeof tabs)[number];

export type Route = { view: "list" } | { view: "new" } | { view: "tree"; name: string; tab: Tab } | { view: "missing"; hash: string };

export function parse(hash: string): Route {
  const path = hash.replace(/^#/, "") || "/";
  if (path === "/" || path === "") return { view: "list" };
  if (path === "/new") return { view: "new" };
  const match = /^\/trees\/([^/]+)(?:\/([a-z-]+))?\/?$/.exec(path);
  if (!match) return { view: "missing", hash };
  const tab = (match[2] ?? "what-if") as Tab;
  if (!tabs.includes(tab)) return { view: "missing", hash };
  return { view: "tree", name: decodeURIComponent(match[1]!), tab };
}

export function treeHref(name: string, tab?: Tab): string {
  return `#/trees/${encodeURIComponent(name)}${tab && tab !== "what-if" ? `/${tab}` : ""}`;
}
