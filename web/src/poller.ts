/**
 * Calls `tick` every `intervalMs` until it returns false or the poller is stopped. A tick never overlaps the previous
 * one, and a hidden tab is not polled (it catches up when shown again).
 */
export class Poller {
  private timer: number | undefined;
  private stopped = false;
  private readonly onVisible = () => {
    if (!document.hidden && this.timer === undefined && !this.stopped) this.schedule(0);
  };

  constructor(private readonly tick: () => Promise<boolean>, private readonly intervalMs: number) {
    document.addEventListener("visibilitychange", this.onVisible);
  }

  start(delayMs = this.intervalMs): void {
    this.stopped = false;
    if (this.timer === undefined) this.schedule(delayMs);
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stop();
    document.removeEventListener("visibilitychange", this.onVisible);
  }

  private schedule(delayMs: number): void {
    this.timer = window.setTimeout(async () => {
      if (document.hidden) {
        this.timer = undefined;
        return;
      }
      let again = false;
      try {
        again = await this.tick();
      } catch {
        // The tick shows its own errors; a failed poll is tried again.
        again = true;
      }
      this.timer = undefined;
      if (again && !this.stopped) this.schedule(this.intervalMs);
    }, delayMs);
  }
}
