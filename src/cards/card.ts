// A card, as the bot means it: a title, some lines, and either buttons or a small form. Channels render
// it in their own card format (WeCom template_card, DingTalk interactive card) or as plain text.
import { randomBytes } from "node:crypto";

export type CardKind = "arrival" | "month_end" | "quick_report" | "reminder" | "digest" | "assessment" | "leave";

export type CardButton = { key: string; text: string; style: "primary" | "danger" | "default" };
export type CardSelect = { questionKey: string; title: string; options: { id: string; text: string }[]; selectedId?: string };

type CardBase = {
  taskId: string;
  title: string;
  desc: string;
  lines: { key: string; value: string }[];
  /** The same message as plain text, for a channel without cards or a card that could not be sent. */
  fallback: string;
};
export type Card =
  | (CardBase & { type: "buttons"; buttons: CardButton[] })
  | (CardBase & { type: "form"; selects: CardSelect[]; submit: { key: string; text: string } });

/** What a tap carries back, whatever the channel. */
export type CardTap = { taskId: string; key: string; selections: { questionKey: string; optionIds: string[] }[] };

const PREFIX: Record<CardKind, string> = { arrival: "arr", month_end: "mon", quick_report: "qr", reminder: "rem", digest: "dig", assessment: "ass", leave: "lv" };
const KIND_OF: Record<string, CardKind> = { arr: "arrival", mon: "month_end", qr: "quick_report", rem: "reminder", dig: "digest", ass: "assessment", lv: "leave" };

/**
 * Task ids name the card's subject: WeCom wants them unique per app, 0-9a-zA-Z_-@ only, ≤128 bytes,
 * so each send adds a random tail. `arr_12_ab12cd34ef`, `mon_12_202106_…`, `qr_7_20210615_…`.
 */
export function newTaskId(kind: CardKind, subject: number, period?: string): string {
  const parts = [PREFIX[kind], String(subject), ...(period ? [period.replace(/-/g, "")] : []), randomBytes(6).toString("hex")];
  return parts.join("_");
}

export type ParsedTaskId = { kind: CardKind; subject: number; period?: string };

export function parseTaskId(taskId: string): ParsedTaskId | undefined {
  const m = /^(arr|mon|qr|rem|dig|ass|lv)_(\d{1,9})_(?:(\d{6}|\d{8})_)?[0-9a-f]{12}$/.exec(taskId);
  if (!m) return undefined;
  const digits = m[3];
  const period = !digits ? undefined
    : digits.length === 6 ? `${digits.slice(0, 4)}-${digits.slice(4)}` : `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`;
  return { kind: KIND_OF[m[1]], subject: Number(m[2]), period };
}
