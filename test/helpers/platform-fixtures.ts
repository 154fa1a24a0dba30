// The platforms' documented sample payloads, hand-copied into test/fixtures/platform/ (each file names
// its source), for the channel tests to read.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const DIR = fileURLToPath(new URL("../fixtures/platform/", import.meta.url));
const json = <T>(name: string): T => JSON.parse(readFileSync(DIR + name, "utf8")) as T;

export const wecomCallbackSetA = () => json<{
  token: string; encodingAesKey: string; corpId: string; query: Record<string, string>; body: string; plaintext: string;
}>("wecom-callback-set-a.json");
export const wecomCardEventXml = () => readFileSync(DIR + "wecom-template-card-event.xml", "utf8");
export const dingtalkRobotMessage = () => json<{ headers: Record<string, string>; body: Record<string, unknown> }>("dingtalk-robot-message.json");
export const dingtalkCardCallback = () => json<{ data: Record<string, unknown> }>("dingtalk-card-callback.json");
