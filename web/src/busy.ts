import type { TreeDetail } from "./types";

/**
 * A run is in progress, or has just ended and the tree has not caught up with it yet: the service ends a run in two
 * writes (the run, then the tree), so a read between them shows a finished run on a tree still APPLYING or DELETING.
 * Polling stops only once both agree, so the page never settles on a stale "applying, none applied".
 */
export function busy(tree: TreeDetail): boolean {
  return tree.lastRun?.status === "RUNNING" || tree.status === "APPLYING" || tree.status === "DELETING";
}
