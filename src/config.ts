// The one place that knows the environment (SPEC §7). loadConfig fails with every problem at once.
import { hostname } from "node:os";
import { z } from "zod";
import { METRIC_KEYS, type MetricKey } from "./domain/metrics.js";
import { resolveFromProject } from "./infra/paths.js";

const WECOM_VARS = ["WECOM_CORP_ID", "WECOM_AGENT_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_AES_KEY"] as const;
const DINGTALK_VARS = ["DINGTALK_APP_KEY", "DINGTALK_APP_SECRET", "DINGTALK_ROBOT_CODE"] as const;

const optionalText = z.string().min(1).optional();
const url = z.url().optional();

export const EnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, "lower-case letters, digits and _").optional(),
  // Relative to the project folder, whatever folder a command is run from (infra/paths.ts).
  DATA_DIR: z.string().default("./data").transform(resolveFromProject),
  // Messages that arrive while the database is unavailable are journaled here (default DATA_DIR/journal),
  // one folder per instance; at most JOURNAL_MAX_MB, after which callbacks answer 503.
  JOURNAL_DIR: z.string().transform(resolveFromProject).optional(),
  JOURNAL_MAX_MB: z.coerce.number().int().min(1).max(10_240).default(256),
  INSTANCE_ID: z.string().regex(/^[\w.-]{1,64}$/, "letters, digits and _ . -").default(hostname().replace(/[^\w.-]/g, "_").slice(0, 64) || "duikou"),
  // How many messages one instance processes at once (the acknowledgements are not limited by it).
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  INBOUND_SWEEP_S: z.coerce.number().int().min(1).max(600).default(15),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// URL").optional(),
  REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, "letters, digits and _ : . -").default("duikou:"),
  WECOM_CORP_ID: optionalText,
  WECOM_AGENT_ID: z.string().regex(/^\d+$/, "must be the app's numeric AgentId").optional(),
  WECOM_SECRET: optionalText,
  WECOM_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/, "3-32 letters or digits").optional(),
  WECOM_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, "must be the 43-character EncodingAESKey").optional(),
  WECOM_API_BASE: url.default("https://qyapi.weixin.qq.com"),
  DINGTALK_APP_KEY: optionalText,
  DINGTALK_APP_SECRET: optionalText,
  DINGTALK_ROBOT_CODE: optionalText,
  DINGTALK_MODE: z.enum(["stream", "http"]).default("stream"),
  DINGTALK_API_BASE: url.default("https://api.dingtalk.com"),
  DINGTALK_OAPI_BASE: url.default("https://oapi.dingtalk.com"),
  DINGTALK_CARD_TEMPLATE_BUTTONS: optionalText,
  DINGTALK_CARD_TEMPLATE_FORM: optionalText,
  // DingTalk accepts an hour either side (PROTOCOLS §4a); its own pushes arrive within seconds, so we accept less.
  DINGTALK_SIGN_WINDOW_S: z.coerce.number().int().min(30).max(3600).default(300),
  DINGTALK_STREAM_WATCHDOG_S: z.coerce.number().int().min(1).max(3600).default(60),
  // Behind a reverse proxy that sets X-Forwarded-For: on. Otherwise anyone could name the address we log.
  TRUST_PROXY: z.enum(["on", "off"]).default("off"),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  // SIGTERM waits at most this long for replies in flight; what is left is finished after the next start.
  SHUTDOWN_GRACE_S: z.coerce.number().int().min(1).max(300).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ADMIN_TOKEN: z.string().min(16, "use at least 16 characters").optional(),
  // When set, /metrics answers only a scraper that sends it as a bearer token.
  METRICS_TOKEN: z.string().min(16, "use at least 16 characters").optional(),
  // The address people open the console at (sign-in links, WeCom's OAuth redirect); default http://localhost:PORT.
  PUBLIC_URL: z.url().refine((u) => /^https?:\/\//.test(u), "must be an http(s):// URL").optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TZ_NAME: z.string().refine(isTimeZone, "unknown time zone").default("Asia/Shanghai"),
  DAILY_LIMITS: z.string().regex(/^(\s*[a-z_]+\s*=\s*\d+(\.\d+)?\s*)(,\s*[a-z_]+\s*=\s*\d+(\.\d+)?\s*)*$/,
    "a list like patients=300,rounds=20").optional(),
  SCHEDULER: z.enum(["on", "off"]).default("on"),
  QUIET_HOURS: z.string().regex(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/, "a range like 21:00-08:00").default("21:00-08:00"),
  NUDGE_AFTER_WORKING_DAYS: z.coerce.number().int().min(1).max(20).default(2),
  NUDGE_ESCALATE_AFTER: z.coerce.number().int().min(1).max(50).default(3),
  ARRIVAL_DEADLINE_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  SNOOZE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  // Inbound messages (with the platforms' payloads) are kept this long, then pruned; the workload ledger
  // and the audit log are kept. 180: the 网络安全法 asks network logs to be kept at least six months.
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
});

export type Config = Readonly<z.infer<typeof EnvSchema> & {
  wecomEnabled: boolean;
  dingtalkEnabled: boolean;
  dailyLimits: Partial<Record<MetricKey, number>>;
  /** PUBLIC_URL without its trailing slash, or http://localhost:PORT. */
  publicUrl: string;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// An empty string counts as unset (SPEC §7): .env files often carry `KEY=`.
function dropEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));
}

function checkChannel(env: Record<string, string>, name: string, vars: readonly string[], problems: string[]): boolean {
  const present = vars.filter((v) => env[v] !== undefined);
  if (present.length === 0) return false;
  const missing = vars.filter((v) => env[v] === undefined);
  for (const v of missing) problems.push(`${v}: missing (${name} is half configured: ${present.join(", ")} set)`);
  return missing.length === 0;
}

function parseDailyLimits(spec: string | undefined, problems: string[]): Partial<Record<MetricKey, number>> {
  const limits: Partial<Record<MetricKey, number>> = {};
  for (const pair of spec?.split(",") ?? []) {
    const [key, value] = pair.split("=").map((s) => s.trim());
    if (!(METRIC_KEYS as readonly string[]).includes(key)) problems.push(`DAILY_LIMITS: unknown metric "${key}"`);
    else limits[key as MetricKey] = Number(value);
  }
  return limits;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw = dropEmpty(env);
  const parsed = EnvSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  const wecomEnabled = checkChannel(raw, "WeCom", WECOM_VARS, problems);
  const dingtalkEnabled = checkChannel(raw, "DingTalk", DINGTALK_VARS, problems);
  const dailyLimits = parseDailyLimits(raw.DAILY_LIMITS, problems);
  if (raw.DINGTALK_MODE === "http" && (raw.DINGTALK_CARD_TEMPLATE_BUTTONS || raw.DINGTALK_CARD_TEMPLATE_FORM)) {
    problems.push("DINGTALK_MODE: cards need stream mode. How DingTalk signs HTTP card callbacks is not documented, so their taps could not be verified; use DINGTALK_MODE=stream, or unset DINGTALK_CARD_TEMPLATE_BUTTONS and DINGTALK_CARD_TEMPLATE_FORM to send cards as text");
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const publicUrl = (parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, "");
  return Object.freeze({ ...parsed.data, wecomEnabled, dingtalkEnabled, dailyLimits, publicUrl });
}
