import { describe, expect, it } from "vitest";
import { parseReport, MAX_REPORT_LENGTH, type ParsedReport } from "../../src/bot/parse-report.js";

// Wednesday 15 May 2024; the posting runs 2024-03-01..2024-08-31.
const OPTIONS = { today: "2024-05-15", postingStart: "2024-03-01", postingEnd: "2024-08-31" };

/** "lectures:1 rounds:3@2024-05-14 specialties:1(中医康复)" — the items, in order. */
function describeItems(r: ParsedReport): string {
  return r.items
    .map((i) => `${i.metric}:${i.quantity}${i.label ? `(${i.label})` : ""}${i.date === OPTIONS.today ? "" : `@${i.date}`}`)
    .join(" ");
}

// [what a doctor typed, the items recorded] — messages that are read whole.
const READ: [string, string][] = [
  ["讲座+1 查房+3", "lectures:1 rounds:3"],
  // 中站: 每周出门诊不少于3个半天 — half-days of outpatient duty, apart from patients seen.
  ["出门诊半天+1 门诊+25", "outpatient_half_days:1 patients:25"],
  ["门诊半天2个 查房+1", "outpatient_half_days:2 rounds:1"],
  ["坐诊+1", "outpatient_half_days:1"],
  ["讲座+1，查房+3", "lectures:1 rounds:3"],
  ["讲座+1,查房+3", "lectures:1 rounds:3"],
  ["讲座+1、查房+3", "lectures:1 rounds:3"],
  ["讲座+1；查房+3", "lectures:1 rounds:3"],
  ["讲座+1;查房+3", "lectures:1 rounds:3"],
  ["讲座+1\n查房+3", "lectures:1 rounds:3"],
  ["讲座+1\r\n查房+3\r\n", "lectures:1 rounds:3"],
  ["讲座+1查房+3", "lectures:1 rounds:3"],
  ["  讲座+1   查房+3  ", "lectures:1 rounds:3"],
  ["讲座 +1 查房 +3", "lectures:1 rounds:3"],
  ["讲座＋１　查房＋３", "lectures:1 rounds:3"],
  ["讲座＋１，查房＋３。", "lectures:1 rounds:3"],
  ["查房 3", "rounds:3"],
  ["查房3", "rounds:3"],
  ["查房+3次", "rounds:3"],
  ["查房3次", "rounds:3"],
  ["查房 3 次", "rounds:3"],
  ["查房：3", "rounds:3"],
  ["查房:3", "rounds:3"],
  ["查房=3", "rounds:3"],
  ["查房加3", "rounds:3"],
  ["查房加三", "rounds:3"],
  ["查房+三", "rounds:3"],
  ["查房三次", "rounds:3"],
  ["查房两次", "rounds:2"],
  ["查房共3次", "rounds:3"],
  ["教学查房+2", "rounds:2"],
  ["组织查房1次", "rounds:1"],
  ["查房会诊+1", "consultations:1"],
  ["会诊 2", "consultations:2"],
  ["门诊：25人次", "patients:25"],
  ["门诊25人次", "patients:25"],
  ["门诊 25", "patients:25"],
  ["门诊人次+25", "patients:25"],
  ["诊疗人次＋２５", "patients:25"],
  ["诊疗+30", "patients:30"],
  ["诊疗病人 18人次", "patients:18"],
  ["接诊12人", "patients:12"],
  ["看诊二十五人次", "patients:25"],
  ["看病人+十二", "patients:12"],
  ["手术2例", "surgeries:2"],
  ["手术+2", "surgeries:2"],
  ["做手术1台", "surgeries:1"],
  ["开展手术3例", "surgeries:3"],
  ["两台手术", "surgeries:2"],
  ["手术示范1次", "surgery_demos:1"],
  ["示范手术+1", "surgery_demos:1"],
  ["巡诊+1", "circuits:1"],
  ["下乡巡诊 1次", "circuits:1"],
  ["巡回医疗+2", "circuits:2"],
  ["巡回诊疗1", "circuits:1"],
  ["讲座两次", "lectures:2"],
  ["讲座加一", "lectures:1"],
  ["讲课1次", "lectures:1"],
  ["授课+1", "lectures:1"],
  ["专题讲座+1", "lectures:1"],
  ["学术讲座 1", "lectures:1"],
  ["培训班+1", "lectures:1"],
  ["开展讲座1次", "lectures:1"],
  ["培训+20", "trainees:20"],
  ["培训人次 35", "trainees:35"],
  ["培训人数：15人", "trainees:15"],
  ["带教+2", "mentees:2"],
  // 中站: 带教至少1名本专业临床医师 — the mentee can be named, and the assessment lists them.
  ["带教+1 王医生", "mentees:1(王医生)"],
  ["带教+1 王医生 查房+2", "mentees:1(王医生) rounds:2"],
  ["带徒1人", "mentees:1"],
  ["病例讨论+1", "case_discussions:1"],
  ["病案讨论1次", "case_discussions:1"],
  ["健康教育+1", "health_talks:1"],
  ["宣教 2次", "health_talks:2"],
  ["健康宣传+1", "health_talks:1"],
  ["义诊宣传1场", "health_talks:1"],
  ["制度+1", "protocols:1"],
  ["建立完善相关制度 2项", "protocols:2"],
  ["特色科室+1 中医康复", "specialties:1(中医康复)"],
  ["特色科室 中医康复", "specialties:1(中医康复)"],
  ["特色专科+1 疼痛科", "specialties:1(疼痛科)"],
  ["适宜技术+1 针灸", "techniques:1(针灸)"],
  ["新技术1项 小针刀", "techniques:1(小针刀)"],
  ["适宜技术+1", "techniques:1"],
  ["特色科室+1 中医康复 查房+2", "specialties:1(中医康复) rounds:2"],
  ["援助 2.5万元", "donations:2.5"],
  ["援助2.5万", "donations:2.5"],
  ["援助25000元", "donations:2.5"],
  ["援助 3", "donations:3"],
  ["捐赠设备 1万元", "donations:1"],
  ["援助5000元", "donations:0.5"],
  ["其它 组织义诊一次", "other:1(组织义诊一次)"],
  ["其他：协助完成公卫体检", "other:1(协助完成公卫体检)"],
  ["rounds+3", "rounds:3"],
  ["Rounds+3", "rounds:3"],
  ["ROUNDS 3", "rounds:3"],
  ["lectures 1", "lectures:1"],
  ["lectures+1 rounds+2", "lectures:1 rounds:2"],
  ["patients 25", "patients:25"],
  ["surgeries 2", "surgeries:2"],
  ["consultations+1", "consultations:1"],
  ["case_discussions 1", "case_discussions:1"],
  ["昨天 查房+2", "rounds:2@2024-05-14"],
  ["昨天查房+2", "rounds:2@2024-05-14"],
  ["昨日 讲座1次", "lectures:1@2024-05-14"],
  ["前天 查房+1", "rounds:1@2024-05-13"],
  ["大前天 查房+1", "rounds:1@2024-05-12"],
  ["今天 查房+1", "rounds:1"],
  ["5月3日 讲座+1", "lectures:1@2024-05-03"],
  ["5月3号 讲座+1", "lectures:1@2024-05-03"],
  ["5/3 讲座+1", "lectures:1@2024-05-03"],
  ["2024-05-03 讲座+1", "lectures:1@2024-05-03"],
  ["2024/5/3 讲座+1", "lectures:1@2024-05-03"],
  ["2024年5月3日 讲座+1", "lectures:1@2024-05-03"],
  ["上周五 查房+2", "rounds:2@2024-05-10"],
  ["上周一 查房+2", "rounds:2@2024-05-06"],
  ["周一 查房+1", "rounds:1@2024-05-13"],
  ["星期二 查房+1", "rounds:1@2024-05-14"],
  ["本周三 查房+1", "rounds:1"],
  ["昨天 查房+2 讲座+1", "rounds:2@2024-05-14 lectures:1@2024-05-14"],
  ["5月3日\n查房+2\n讲座+1", "rounds:2@2024-05-03 lectures:1@2024-05-03"],
  ["查房+2\n昨天 讲座+1", "rounds:2 lectures:1@2024-05-14"],
  ["讲座1次查房2次", "lectures:1 rounds:2"],
  ["讲座+1 查房+3 门诊：25人次 手术2例", "lectures:1 rounds:3 patients:25 surgeries:2"],
  ["今天做了查房3次", "rounds:3"],
  ["开展了讲座1次", "lectures:1"],
  ["完成手术2例", "surgeries:2"],
  ["3次查房", "rounds:3"],
  ["查房十二次", "rounds:12"],
  ["门诊一百零五人次", "patients:105"],
  ["查房+二十", "rounds:20"],
  ["查房+100000", "rounds:100000"],
  ["讲座+1！", "lectures:1"],
  ["讲座+1。查房+2。", "lectures:1 rounds:2"],
  ["讲座+1|查房+2", "lectures:1 rounds:2"],
  ["讲座+1~", "lectures:1"],
  ["诊疗 25，手术 2，查房 3，讲座 1，带教 2", "patients:25 surgeries:2 rounds:3 lectures:1 mentees:2"],
];

// [what a doctor typed, the fragment quoted back as not understood] — nothing is recorded.
const REJECTED: [string, string][] = [
  ["你好", "你好"],
  ["收到", "收到"],
  ["abc查房+3", "abc"],
  ["查房+3 xyz", "xyz"],
  ["查房-1", "查房-1"],
  ["查房+0", "查房+0"],
  ["查房", "查房"],
  ["讲座+1 查房", "查房"],
  ["查房+1.5", "查房+1.5"],
  ["十二", "十二"],
  ["13月5日 讲座+1", "13月5日"],
  ["2024-02-30 讲座+1", "2024-02-30"],
  ["明天 查房+1", "明天"],
  ["周五 查房+1", "周五"],
  ["5月20日 讲座+1", "5月20日"],
  ["2024-02-10 讲座+1", "2024-02-10"],
  ["2023-05-03 讲座+1", "2023-05-03"],
  ["讲座+1 吃饭+2", "吃饭+2"],
  ["👍", "👍"],
  ["讲座 +1 查房 + 一百万零一", "查房 + 一百万零一"],
];

describe("parseReport reads every form of SPEC §4", () => {
  it.each(READ)("%j → %s", (input, expected) => {
    const result = parseReport(input, OPTIONS);
    expect(result.unreadable).toEqual([]);
    expect(describeItems(result)).toBe(expected);
  });
});

describe("parseReport quotes back exactly what it could not read", () => {
  it.each(REJECTED)("%j → %j", (input, fragment) => {
    const result = parseReport(input, OPTIONS);
    expect(result.unreadable.map((u) => u.fragment)).toContain(fragment);
  });

  it("names why: future day, outside the posting, bad count, no count", () => {
    expect(parseReport("周五 查房+1", OPTIONS).unreadable[0].why).toBe("future_date");
    expect(parseReport("2024-02-10 讲座+1", OPTIONS).unreadable[0].why).toBe("outside_posting");
    expect(parseReport("查房-1", OPTIONS).unreadable[0].why).toBe("bad_count");
    expect(parseReport("查房", OPTIONS).unreadable[0].why).toBe("no_count");
  });

  it("keeps the original full-width text in the quote", () => {
    expect(parseReport("讲座＋１　ＡＢＣ", OPTIONS).unreadable[0].fragment).toBe("ＡＢＣ");
  });

  it("refuses overlong input without reading it", () => {
    const result = parseReport("查房+1 ".repeat(MAX_REPORT_LENGTH), OPTIONS);
    expect(result).toEqual({ items: [], unreadable: [], tooLong: true });
  });
});

describe("parseReport on random input", () => {
  // A small deterministic generator, so a failure is reproducible.
  function random(seed: number) {
    let state = seed;
    return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  }
  const ALPHABET = "讲座查房门诊手术+＋-=:：，,、；;\n 0123456789一二三十百万元次人例月日号/昨天前周五abcXYZ😀\u0000\t（）()";

  it("never throws on random strings", () => {
    const next = random(7);
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(next() * 60);
      let text = "";
      for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      expect(() => parseReport(text, OPTIONS)).not.toThrow();
    }
  });

  it("round-trips random valid reports to the same totals", () => {
    const next = random(11);
    const forms = [(k: string, n: number) => `${k}+${n}`, (k: string, n: number) => `${k} ${n}`, (k: string, n: number) => `${k}${n}次`, (k: string, n: number) => `${k}：${n}`];
    const keys: [string, string][] = [["讲座", "lectures"], ["查房", "rounds"], ["门诊", "patients"], ["手术", "surgeries"], ["会诊", "consultations"], ["带教", "mentees"], ["rounds", "rounds"]];
    const seps = [" ", "，", "、", "；", "\n", ","];
    for (let n = 0; n < 500; n++) {
      const expected = new Map<string, number>();
      const parts: string[] = [];
      const count = 1 + Math.floor(next() * 5);
      for (let i = 0; i < count; i++) {
        const [word, key] = keys[Math.floor(next() * keys.length)];
        const q = 1 + Math.floor(next() * 40);
        parts.push(forms[Math.floor(next() * forms.length)](word, q));
        expected.set(key, (expected.get(key) ?? 0) + q);
      }
      const text = parts.join(seps[Math.floor(next() * seps.length)]);
      const result = parseReport(text, OPTIONS);
      const totals = new Map<string, number>();
      for (const item of result.items) totals.set(item.metric, (totals.get(item.metric) ?? 0) + item.quantity);
      expect({ text, unreadable: result.unreadable, totals }).toEqual({ text, unreadable: [], totals: expected });
    }
  });
});
