import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, maskPhone } from "../../src/infra/logger.js";
import { waitFor } from "../helpers/wait.js";

describe("logger", () => {
  it("masks phone numbers down to the last four digits", () => {
    expect(maskPhone("张灵 13800000001 绑定")).toBe("张灵 1*******0001 绑定");
  });

  it("redacts secrets and phones in logged objects and messages", async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger("info", sink);
    log.info({ config: { secret: "s3cr3t", token: "t0k3n" }, person: { phone: "13800000001" } }, "call 13912345678");
    expect(await waitFor(() => lines.join("").includes("call"))).toBe(true);
    const text = lines.join("");
    expect(text).not.toMatch(/s3cr3t|t0k3n|13800000001|13912345678/);
    expect(text).toContain("1*******5678");
  });
});
