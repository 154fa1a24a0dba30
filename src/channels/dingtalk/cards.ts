// Our cards as the parameters of the two DingTalk card templates described in templates/dingtalk-cards.json.
// Buttons and inputs are all in the template and shown or hidden per card, so a tap names our own key
// (the button's actionId, the input's name) and needs no state kept between sending and tapping.
import { z } from "zod";
import { loadTemplate } from "../../templates/load.js";
import type { Card } from "../../cards/card.js";
import { say } from "../../cards/build.js";
import { getMetric, type MetricKey } from "../../domain/metrics.js";

const TemplatesSchema = z.object({
  buttons: z.object({ actions: z.record(z.string(), z.string()) }),
  form: z.object({ inputs: z.record(z.string(), z.string()) }),
});

export const DINGTALK_CARD_TEMPLATES = loadTemplate("dingtalk-cards", TemplatesSchema);
const ACTIONS = Object.keys(DINGTALK_CARD_TEMPLATES.buttons.actions);
const INPUTS = Object.keys(DINGTALK_CARD_TEMPLATES.form.inputs);

export type CardTemplateIds = { buttons?: string; form?: string };

const flag = (on: boolean) => (on ? "true" : "false");

function content(card: Card): string {
  return card.lines.map((l) => (l.key ? `**${l.key}** ${l.value}` : l.value)).join("\n\n");
}

/** The cardParamMap for a card; throws when the card uses a key the template does not have (a code/template mismatch). */
export function cardParams(card: Card): Record<string, string> {
  const params: Record<string, string> = { title: card.title, desc: card.desc, status: "" };
  if (card.type === "buttons") {
    const texts = new Map(card.buttons.map((b) => [b.key, b.text]));
    for (const key of texts.keys()) if (!ACTIONS.includes(key)) throw new Error(`button ${key} is not in the DingTalk buttons template`);
    for (const key of ACTIONS) Object.assign(params, { [`show_${key}`]: flag(texts.has(key)), [`${key}_text`]: texts.get(key) ?? "" });
    params.content = content(card);
    return params;
  }
  const shown = new Set(card.selects.map((s) => s.questionKey));
  for (const key of shown) if (!INPUTS.includes(key)) throw new Error(`input ${key} is not in the DingTalk form template`);
  for (const key of INPUTS) {
    const metric = getMetric(key as MetricKey);
    Object.assign(params, { [`show_${key}`]: flag(shown.has(key)), [`${key}_label`]: say("quick.input", { metric: metric.short, unit: metric.unit }) });
  }
  return Object.assign(params, { show_submit: "true", submit_text: card.submit.text });
}

/** After a tap: every button and input hidden, the outcome shown. Sent for both templates (unknown keys are ignored). */
export function doneParams(status: string): Record<string, string> {
  const params: Record<string, string> = { status, show_submit: "false" };
  for (const key of [...ACTIONS, ...INPUTS]) params[`show_${key}`] = "false";
  return params;
}

export function templateFor(card: Card, ids: CardTemplateIds): string | undefined {
  return card.type === "buttons" ? ids.buttons : ids.form;
}
