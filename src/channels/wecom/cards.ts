// Our cards as WeCom template_card payloads (PROTOCOLS §3.3): buttons → button_interaction,
// a form → multiple_interaction (1..3 select lists).
import { joinTotals } from "../../templates/phrases.js";
import type { Card } from "../../cards/card.js";

const BUTTON_STYLE = { primary: 1, default: 2, danger: 3 } as const;
const MAX_HORIZONTAL = 6;

function content(card: Card) {
  // WeCom shows at most six key/value lines; the rest go in the sub-title.
  const shown = card.lines.slice(0, MAX_HORIZONTAL);
  const rest = joinTotals(card.lines.slice(MAX_HORIZONTAL).map((l) => `${l.key} ${l.value}`));
  return {
    main_title: { title: card.title, desc: card.desc },
    ...(rest ? { sub_title_text: rest } : {}),
    ...(shown.length > 0 ? { horizontal_content_list: shown.map((l) => ({ keyname: l.key, value: l.value })) } : {}),
    task_id: card.taskId,
  };
}

export function toTemplateCard(card: Card): object {
  if (card.type === "buttons") {
    return {
      card_type: "button_interaction",
      ...content(card),
      button_list: card.buttons.map((b) => ({ type: 0, text: b.text, style: BUTTON_STYLE[b.style], key: b.key })),
    };
  }
  return {
    card_type: "multiple_interaction",
    ...content(card),
    select_list: card.selects.map((s) => ({
      question_key: s.questionKey, title: s.title, selected_id: s.selectedId, option_list: s.options.map((o) => ({ id: o.id, text: o.text })),
    })),
    submit_button: { text: card.submit.text, key: card.submit.key },
  };
}
