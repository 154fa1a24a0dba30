// The card templates an admin builds (templates/dingtalk-cards.json) and the parameters the code sends.
import { describe, expect, it } from "vitest";
import { arrivalCard, digestCard, nudgeCard, withSnooze } from "../../../src/cards/build.js";
import { cardParams, DINGTALK_CARD_TEMPLATES, doneParams } from "../../../src/channels/dingtalk/cards.js";
import { METRICS } from "../../../src/domain/metrics.js";
import type { Card } from "../../../src/cards/card.js";

const posting = { id: 12, doctorName: "李医生", supportingOrgName: "县医院", recipientOrgName: "乡卫生院", startDate: new Date("2026-11-20") } as never;

describe("DingTalk card templates", () => {
  it("the form template has an input for every counted metric, and only those", () => {
    const counted = METRICS.filter((m) => !m.named && !m.money && !m.freeText).map((m) => m.key);
    expect(Object.keys(DINGTALK_CARD_TEMPLATES.form.inputs)).toEqual(counted);
  });

  it("the buttons template has every button our cards use", () => {
    const cards: Card[] = [arrivalCard(posting), withSnooze(nudgeCard({ personId: 1, name: "李医生", days: 3, lastReport: null })), digestCard({ header: "周报", lines: [{ key: "本周合计", value: "查房 3 次" }] }, 1, "2026-11-23")];
    const keys = cards.flatMap((c) => (c.type === "buttons" ? c.buttons.map((b) => b.key) : []));
    expect(keys.filter((k) => !(k in DINGTALK_CARD_TEMPLATES.buttons.actions))).toEqual([]);
    // The month-end card's buttons.
    expect(Object.keys(DINGTALK_CARD_TEMPLATES.buttons.actions)).toEqual(expect.arrayContaining(["submit", "revise"]));
  });

  it("an arrival card shows its two buttons and hides the rest", () => {
    const params = cardParams(arrivalCard(posting));
    expect(params).toMatchObject({ title: "到岗确认：李医生", status: "", show_arrived: "true", arrived_text: "到岗确认", show_not_arrived: "true", show_read: "false", read_text: "" });
    expect(params.content).toContain("**派驻医生** 李医生");
    expect(Object.values(params).every((v) => typeof v === "string")).toBe(true);
  });

  it("a form card shows the doctor's metrics as labelled inputs", () => {
    const form: Card = { type: "form", taskId: "qr_7_20261123_0123456789ab", title: "今日工作量填报", desc: "", lines: [], fallback: "",
      selects: [{ questionKey: "rounds", title: "查房", options: [] }, { questionKey: "patients", title: "诊疗", options: [] }], submit: { key: "submit", text: "提交" } };
    expect(cardParams(form)).toMatchObject({ show_rounds: "true", rounds_label: "查房（次）", show_patients: "true", patients_label: "诊疗（人次）", show_lectures: "false", submit_text: "提交", show_submit: "true" });
    expect(() => cardParams({ ...form, selects: [{ questionKey: "donations", title: "援助", options: [] }] })).toThrow(/not in the DingTalk form template/);
  });

  it("after a tap every button and input is hidden and the outcome shown", () => {
    const done = doneParams("已确认 · 王院长 · 11月23日 10:00");
    expect(done.status).toBe("已确认 · 王院长 · 11月23日 10:00");
    expect(Object.entries(done).filter(([k, v]) => k.startsWith("show_") && v !== "false")).toEqual([]);
    expect(done.show_arrived).toBe("false");
    expect(done.show_rounds).toBe("false");
  });
});
