import type { DiagramNode } from "../types";

// Our own layout of a tree, in two shapes:
//  - "tree": the classic top-down drawing. Leaves take consecutive slots left to right in depth-first order and
//    every rule sits centred over its children, so boxes never overlap and edges never cross.
//  - "outline": one node per row, indented by depth, for narrow screens (a phone), where a wide tree would need
//    sideways scrolling to read.

export type LayoutMode = "tree" | "outline";

export interface Placed {
  node: DiagramNode;
  depth: number;
  /** Top-left corner of the node's box. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Connector {
  from: Placed;
  to: Placed;
  label: string | undefined;
}

export interface Layout {
  mode: LayoutMode;
  nodes: Placed[];
  connectors: Connector[];
  width: number;
  height: number;
}

export const treeBox = { width: 196, height: 82, gap: 20, level: 60 };
export const outlineBox = { minWidth: 200, height: 70, gap: 12, indent: 22 };

interface Branch {
  node: DiagramNode;
  children: Branch[];
}

/** The nodes as a tree; the API lists parents before children. */
export function branches(nodes: DiagramNode[]): Branch | null {
  const byId = new Map<string, Branch>();
  let root: Branch | null = null;
  for (const node of nodes) {
    const branch: Branch = { node, children: [] };
    byId.set(node.id, branch);
    if (node.parentId === null) root = branch;
    else byId.get(node.parentId)?.children.push(branch);
  }
  return root;
}

export function layout(nodes: DiagramNode[], mode: LayoutMode, availableWidth = 0): Layout {
  const root = branches(nodes);
  if (!root) return { mode, nodes: [], connectors: [], width: 0, height: 0 };
  return mode === "tree" ? tree(root) : outline(root, availableWidth);
}

function tree(root: Branch): Layout {
  const placed: Placed[] = [];
  const connectors: Connector[] = [];
  let nextSlot = 0;
  let depthMax = 0;
  const slotWidth = treeBox.width + treeBox.gap;

  const place = (branch: Branch, depth: number): Placed => {
    depthMax = Math.max(depthMax, depth);
    const y = depth * (treeBox.height + treeBox.level);
    const children = branch.children.map((child) => place(child, depth + 1));
    const x = children.length === 0 ? nextSlot++ * slotWidth : (children[0]!.x + children[children.length - 1]!.x) / 2;
    const self: Placed = { node: branch.node, depth, x, y, width: treeBox.width, height: treeBox.height };
    for (const child of children) connectors.push({ from: self, to: child, label: child.node.edgeLabel });
    placed.push(self);
    return self;
  };
  place(root, 0);

  // Parents before children again, as the API gave them (the order screen readers and the tab order follow).
  const order = new Map(placed.map((p) => [p.node.id, p]));
  const nodes = flatten(root).map((branch) => order.get(branch.node.id)!);
  return {
    mode: "tree",
    nodes,
    connectors,
    width: Math.max(treeBox.width, nextSlot * slotWidth - treeBox.gap),
    height: (depthMax + 1) * treeBox.height + depthMax * treeBox.level,
  };
}

function outline(root: Branch, availableWidth: number): Layout {
  const rows = flatten(root);
  const depths = new Map<string, number>();
  const depthOf = (branch: Branch, depth: number) => {
    depths.set(branch.node.id, depth);
    branch.children.forEach((child) => depthOf(child, depth + 1));
  };
  depthOf(root, 0);
  const depthMax = Math.max(...depths.values());
  const width = Math.max(outlineBox.minWidth, availableWidth - depthMax * outlineBox.indent);
  const byId = new Map<string, Placed>();
  const nodes = rows.map((branch, index) => {
    const depth = depths.get(branch.node.id)!;
    const placed: Placed = {
      node: branch.node,
      depth,
      x: depth * outlineBox.indent,
      y: index * (outlineBox.height + outlineBox.gap),
      width,
      height: outlineBox.height,
    };
    byId.set(branch.node.id, placed);
    return placed;
  });
  const connectors = nodes
    .filter((p) => p.node.parentId !== null)
    .map((p) => ({ from: byId.get(p.node.parentId!)!, to: p, label: p.node.edgeLabel }));
  return {
    mode: "outline",
    nodes,
    connectors,
    width: depthMax * outlineBox.indent + width,
    height: rows.length * (outlineBox.height + outlineBox.gap) - outlineBox.gap,
  };
}

function flatten(branch: Branch): Branch[] {
  return [branch, ...branch.children.flatMap(flatten)];
}
