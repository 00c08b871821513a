import { api } from "../api";
import { announce, fill, h } from "../dom";
import { plural, when } from "../format";
import { Poller } from "../poller";
import type { TreeEvent } from "../types";
import { errorBox } from "./errors";
import type { Panel, TreeContext } from "./treePage";

/**
 * The tree's recent events in time order, oldest first (GET /trees/{name}/events answers newest first): runs started and
 * ended, drift found and repaired, and the answer changes Route 53 made when a health check moved. The service keeps them
 * as long as it keeps runs; the page reads them when the panel opens, every few seconds while it is open (a failover
 * appears without a click), and on request.
 */
/** How often an open timeline asks for new events. */
const refreshMs = 5000;

export class TimelinePanel implements Panel {
  readonly element: HTMLElement;
  private readonly body = h("div", { class: "timeline-body", "aria-live": "polite" });
  private readonly button = h("button", { type: "button", onclick: () => void this.load(true) }, "Read again");
  private readonly poller = new Poller(async () => {
    await this.load(false);
    return !this.disposed;
  }, refreshMs);
  private disposed = false;
  /** The events drawn, by id: a poll that finds the same list draws nothing (the list is a live region). */
  private shown: Set<string> | null = null;

  constructor(private readonly tree: TreeContext) {
    this.element = h("div", {},
      h("div", { class: "panel-head" }, h("h2", { id: "timeline-heading" }, "Timeline"), this.button),
      this.body);
    void this.load(false).then(() => this.poller.start());
  }

  dispose(): void {
    this.disposed = true;
    this.poller.dispose();
  }

  private async load(asked: boolean): Promise<void> {
    // A poll in the background shows nothing while it asks: disabling the button would throw its keyboard focus away.
    const shown = asked || this.shown === null;
    if (shown) {
      this.button.disabled = true;
      this.body.setAttribute("aria-busy", "true");
    }
    try {
      const list = await api.events(this.tree.name);
      if (this.disposed) return;
      const events = [...list.events].reverse();
      const before = this.shown;
      const added = before === null ? 0 : events.filter((event) => !before.has(event.eventId)).length;
      if (asked || before === null || added > 0 || before.size !== events.length) {
        this.shown = new Set(events.map((event) => event.eventId));
        fill(this.body, render(events));
        if (asked) announce(`${plural(events.length, "event")} on the timeline.`);
        else if (added > 0) announce(`${plural(added, "new event")} on the timeline.`);
      }
    } catch (error) {
      this.shown = null;
      if (!this.disposed) fill(this.body, errorBox(error, "the timeline"));
    } finally {
      if (shown) {
        this.button.disabled = false;
        this.body.setAttribute("aria-busy", "false");
      }
    }
  }
}

function render(events: TreeEvent[]): HTMLElement {
  if (events.length === 0) {
    return h("p", { class: "empty" }, "Nothing yet: runs, drift checks that find drift and answer changes appear here as they happen.");
  }
  return h("ol", { class: "timeline", "aria-labelledby": "timeline-heading", "data-count": events.length },
    events.map((event) =>
      h("li", { "data-detail-type": event.detailType, "data-event-id": event.eventId, "data-run-id": event.runId ?? "" },
        h("p", { class: "timeline-when" }, when(event.time)),
        h("p", { class: "timeline-what" },
          h("span", { class: `badge event-${event.detailType.toLowerCase().replace(/ /g, "-")}` }, event.detailType),
          event.version !== undefined ? ` v${event.version}` : ""),
        h("p", { class: "timeline-summary" }, event.summary),
        event.runId ? h("p", { class: "sub" }, "Run ", h("code", {}, event.runId)) : null)));
}
