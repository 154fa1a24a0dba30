// What WeCom does with a message/send it has accepted, as its documentation words it. Both WeCom fakes
// (nock in-process, the loopback server) apply it, so a test sees what a member would receive.
//
// - Duplicate check, doc 90236 (发送应用消息): "enable_duplicate_check 表示是否开启重复消息检查，0表示否，
//   1表示是，默认0"; "duplicate_check_interval 表示是否重复消息检查的时间间隔，默认1800s，最大不超过4小时";
//   "在一定时间间隔内，同样内容（请求json）的消息，不会重复收到". Where the text is silent we take the less
//   forgiving reading: the answer is still errcode 0 (a sender cannot tell), the request JSON is compared
//   as a value without the two check fields, and against every message accepted within the interval.
// - Per member, doc 90454 (访问频率限制): "每应用对同一个成员不可超过30次/分钟，1000次/小时，超过部分会被丢弃
//   不下发". Silent on calendar or rolling windows: rolling (the less forgiving); every accepted send counts.

export type Verdict = "delivered" | "duplicate" | "over_minute" | "over_hour";
export const PER_MINUTE = 30;
export const PER_HOUR = 1000;
const DEFAULT_INTERVAL_S = 1800;
const MAX_INTERVAL_S = 4 * 3600;

/** The request as a value: keys sorted at every depth, the duplicate-check fields left out. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k]) => k !== "enable_duplicate_check" && k !== "duplicate_check_interval")
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function createWecomDelivery() {
  const accepted: { key: string; at: number }[] = [];
  const perMember = new Map<string, number[]>();

  function overLimit(member: string, at: number): Verdict | undefined {
    const times = (perMember.get(member) ?? []).filter((t) => t > at - 3600_000);
    perMember.set(member, [...times, at]);
    if (times.filter((t) => t > at - 60_000).length >= PER_MINUTE) return "over_minute";
    if (times.length >= PER_HOUR) return "over_hour";
    return undefined;
  }

  return {
    /** What becomes of a message/send WeCom answered with errcode 0. */
    judge(body: Record<string, unknown>, at = Date.now()): Verdict {
      const key = canonical(body);
      const interval = Math.min(Number(body.duplicate_check_interval ?? DEFAULT_INTERVAL_S), MAX_INTERVAL_S) * 1000;
      const seen = Number(body.enable_duplicate_check) === 1 && accepted.some((a) => a.key === key && a.at > at - interval);
      accepted.push({ key, at });
      if (seen) return "duplicate";
      const members = String(body.touser ?? "").split("|").filter(Boolean);
      return members.map((m) => overLimit(m, at)).find(Boolean) ?? "delivered";
    },
  };
}

/**
 * What message/send answers for a request it accepted, the `n`th: errcode 0 and a msgid, and for an
 * interactive card a response_code for updating it later (doc 90236; usable once, doc 94888).
 */
export function sendAnswer(body: Record<string, unknown>, n: number): Record<string, unknown> {
  return { errcode: 0, errmsg: "ok", msgid: String(n), ...(body.msgtype === "template_card" ? { response_code: `send-code-${n}` } : {}) };
}
