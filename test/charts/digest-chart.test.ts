// The digest's chart: drawn on the server with a Chinese font (no browser, no system fonts), uploaded
// to WeCom or DingTalk as temporary media and sent as an image after the digest card; a failed upload loses the
// picture, never the digest.
import nock from "nock";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rasterize, renderBarChart, type BarChart } from "../../src/charts/bar-chart.js";
import { createWecomApi } from "../../src/channels/wecom/api.js";
import { sendChart } from "../../src/channels/send-chart.js";
import { createDingtalkApi } from "../../src/channels/dingtalk/api.js";
import { backendName, openTestStore } from "../helpers/backends.js";

const API = "https://qyapi.test";
const chart: BarChart = { title: "渝北区中医院 本周与上周工作量", categories: ["查房", "讲座", "诊疗"], series: [{ name: "本周", data: [12, 3, 80] }, { name: "上周", data: [9, 2, 75] }] };

/** Dark pixels in a band of rows: text and bars are dark on the white background. */
function darkPixels(image: ReturnType<typeof rasterize>, fromRow: number, toRow: number): number {
  let dark = 0;
  const pixels = image.pixels; // a getter that copies the whole image: read once
  for (let y = fromRow; y < toRow; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      if (pixels[i] < 128 && pixels[i + 1] < 128 && pixels[i + 2] < 128) dark++;
    }
  }
  return dark;
}

describe("digest chart", () => {
  it("draws a PNG twice the chart's size", () => {
    const png = renderBarChart(chart);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1440); // IHDR width
    expect(png.readUInt32BE(20)).toBe(800);
  });

  it("writes the Chinese title with the packaged font: its glyphs are on the image", () => {
    // The title is Chinese only, in the top 70 (of 800) rows; with no CJK font resvg would leave it blank.
    const titled = darkPixels(rasterize(chart), 0, 70);
    const untitled = darkPixels(rasterize({ ...chart, title: "" }), 0, 70);
    expect(untitled).toBe(0);
    expect(titled).toBeGreaterThan(500);
  });
});

/** nock hands a binary body over as hex. */
const multipart = (body: unknown) => (typeof body === "string" && /^[0-9a-f]+$/.test(body) ? Buffer.from(body, "hex").toString("latin1") : String(body));

describe(`digest chart over WeCom (${backendName})`, () => {
  const store = openTestStore();
  const lines: string[] = [];
  const log = pino({ level: "info" }, { write: (l: string) => void lines.push(l) });
  const api = () => createWecomApi({ base: API, corpId: `corp${Math.random()}`, secret: "S", agentId: 1000002, store, log, sleep: async () => undefined });
  const token = () => nock(API).get("/cgi-bin/gettoken").query(true).reply(200, { errcode: 0, access_token: "T", expires_in: 7200 });

  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => (nock.enableNetConnect(), await store.close()));
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  it("uploads the PNG as image media and sends it as an image message", async () => {
    token();
    const uploads: string[] = [];
    const sent: object[] = [];
    nock(API).post("/cgi-bin/media/upload", (body) => (uploads.push(multipart(body)), true))
      .query({ access_token: "T", type: "image" }).reply(200, { errcode: 0, type: "image", media_id: "MEDIA-1", created_at: "1" });
    nock(API).post("/cgi-bin/message/send", (body) => "touser" in body && (sent.push(body), true)).query({ access_token: "T" }).reply(200, { errcode: 0 });
    await sendChart(api().resending, log, "wecom", "wangyz", chart); // as the outbox sends it (channels/deliver.ts)
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toContain('name="media"; filename="chart.png"');
    expect(uploads[0]).toContain("image/png");
    expect(uploads[0]).toContain("PNG");
    expect(sent).toEqual([{ touser: "wangyz", agentid: 1000002, msgtype: "image", image: { media_id: "MEDIA-1" }, enable_duplicate_check: 1, duplicate_check_interval: 1800 }]);
  });

  it("logs a failed upload and sends no image, without throwing", async () => {
    token();
    nock(API).post("/cgi-bin/media/upload").query(true).reply(200, { errcode: 40005, errmsg: "invalid file type" });
    await expect(sendChart(api(), log, "wecom", "wangyz", chart)).resolves.toBeUndefined();
    expect(lines.some((l) => l.includes("chart not sent") && l.includes("40005"))).toBe(true);
  });
});

describe(`digest chart over DingTalk (${backendName})`, () => {
  const store = openTestStore();
  const lines: string[] = [];
  const log = pino({ level: "info" }, { write: (l: string) => void lines.push(l) });
  const DT = "https://dingtalk.test";
  const OAPI = "https://oapi.dingtalk.test";
  const api = () => createDingtalkApi({ base: DT, oapiBase: OAPI, appKey: `key${Math.random()}`, appSecret: "S", robotCode: "robot", store, log, sleep: async () => undefined });

  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => (nock.enableNetConnect(), await store.close()));
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  it("uploads the PNG to the legacy media host and sends it from the robot as sampleImageMsg", async () => {
    nock(DT).post("/v1.0/oauth2/accessToken").reply(200, { accessToken: "T", expireIn: 7200 });
    const uploads: string[] = [];
    const sent: { userIds: string[]; msgKey: string; msgParam: string }[] = [];
    nock(OAPI).post("/media/upload", (body) => (uploads.push(multipart(body)), true)).query({ access_token: "T", type: "image" })
      .reply(200, { errcode: 0, errmsg: "ok", type: "image", media_id: "@lADPMEDIA", created_at: 1 });
    nock(DT).post("/v1.0/robot/oToMessages/batchSend", (body) => "userIds" in body && (sent.push(body as never), true)).reply(200, { processQueryKey: "q" });
    await sendChart(api(), log, "dingtalk", "WangYuanZhang", chart);
    expect(uploads[0]).toContain('name="media"; filename="chart.png"');
    expect(uploads[0]).toContain("PNG");
    expect(sent.map((s) => [s.userIds, s.msgKey, JSON.parse(s.msgParam)])).toEqual([[["WangYuanZhang"], "sampleImageMsg", { photoURL: "@lADPMEDIA" }]]);
  });

  it("logs a failed upload and sends no image, without throwing", async () => {
    nock(DT).post("/v1.0/oauth2/accessToken").reply(200, { accessToken: "T", expireIn: 7200 });
    nock(OAPI).post("/media/upload").query(true).reply(200, { errcode: 40005, errmsg: "不合法的文件类型" });
    await expect(sendChart(api(), log, "dingtalk", "WangYuanZhang", chart)).resolves.toBeUndefined();
    expect(lines.some((l) => l.includes("chart not sent") && l.includes("40005"))).toBe(true);
  });
});
