import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../src/config.js";
import { ROOT } from "./helpers/processes.js";

const WECOM = { WECOM_CORP_ID: "ww1436e0e65a779aee", WECOM_AGENT_ID: "1000002", WECOM_SECRET: "s", WECOM_TOKEN: "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo", WECOM_AES_KEY: "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt" };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe("loadConfig", () => {
  it("runs on the embedded default with nothing set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, TZ_NAME: "Asia/Shanghai", DINGTALK_MODE: "stream", DATA_DIR: join(ROOT, "data"), wecomEnabled: false, dingtalkEnabled: false });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads a relative DATA_DIR against the project folder, not the current one", () => {
    expect(loadConfig({ DATA_DIR: "var/db", JOURNAL_DIR: "var/journal" })).toMatchObject({ DATA_DIR: join(ROOT, "var/db"), JOURNAL_DIR: join(ROOT, "var/journal") });
    expect(loadConfig({ DATA_DIR: "/srv/duikou" }).DATA_DIR).toBe("/srv/duikou");
  });

  it("treats empty strings as unset", () => {
    const config = loadConfig({ DATABASE_URL: "", REDIS_URL: "", PORT: "", WECOM_CORP_ID: "" });
    expect([config.DATABASE_URL, config.REDIS_URL, config.PORT, config.wecomEnabled]).toEqual([undefined, undefined, 3000, false]);
  });

  it("turns a channel on only with all its credentials", () => {
    expect(loadConfig(WECOM).wecomEnabled).toBe(true);
    expect(problems({ WECOM_CORP_ID: "ww1" })).toEqual(expect.arrayContaining([expect.stringMatching(/^WECOM_SECRET: missing/)]));
  });

  it("lists every bad variable at once", () => {
    const found = problems({ PORT: "eighty", DATABASE_URL: "mysql://x", WECOM_AES_KEY: "short", TZ_NAME: "Mars/Base", DINGTALK_MODE: "socket", DAILY_LIMITS: "naps=3" });
    const names = new Set(found.map((p) => p.split(":")[0]));
    for (const name of ["DAILY_LIMITS", "DATABASE_URL", "DINGTALK_MODE", "PORT", "TZ_NAME", "WECOM_AES_KEY"]) expect(names).toContain(name);
    // A half-configured channel names what it still lacks.
    expect(found).toContain("WECOM_TOKEN: missing (WeCom is half configured: WECOM_AES_KEY set)");
  });

  it("refuses DingTalk cards in HTTP mode, saying why", () => {
    const dingtalk = { DINGTALK_APP_KEY: "k", DINGTALK_APP_SECRET: "s", DINGTALK_ROBOT_CODE: "r", DINGTALK_MODE: "http" };
    expect(problems({ ...dingtalk, DINGTALK_CARD_TEMPLATE_BUTTONS: "tpl" })).toEqual([expect.stringMatching(/^DINGTALK_MODE: cards need stream mode.*not documented/)]);
    expect(loadConfig(dingtalk).DINGTALK_MODE).toBe("http");
  });

  it("reads per-metric daily limits", () => {
    expect(loadConfig({ DAILY_LIMITS: "patients=300, rounds=20" }).dailyLimits).toEqual({ patients: 300, rounds: 20 });
  });
});

describe(".env.example", () => {
  it("documents exactly the variables the config schema reads", async () => {
    const { readFileSync } = await import("node:fs");
    const { EnvSchema } = await import("../src/config.js");
    const text = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
    const documented = [...text.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(EnvSchema.shape).sort());
  });
});
