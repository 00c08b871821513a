import { h } from "./dom";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** A timestamp for people, with the exact UTC instant in a <time> element. */
export function when(iso: string | undefined | null): HTMLElement | string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return h("time", { datetime: iso, title: iso }, `${dateTime.format(date)} (${ago(date)})`);
}

export function ago(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** UPPER_SNAKE → "upper snake", for status words. */
export function words(status: string): string {
  return status.toLowerCase().replace(/_/g, " ");
}

/** A status as a badge: the word is always there, the colour only repeats it. */
export function badge(status: string, kind = "status"): HTMLElement {
  return h("span", { class: `badge ${kind}-${status.toLowerCase().replace(/_/g, "-")}` }, words(status));
}

export function percent(probability: number): string {
  const value = probability * 100;
  return `${value >= 10 || value === 0 ? value.toFixed(0) : value.toFixed(1)}%`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
