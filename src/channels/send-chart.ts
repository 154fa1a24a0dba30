// A chart as an image message, on either platform: drawn, uploaded as temporary media, sent. It
// illustrates a message already sent, so a failure is logged and the message stands.
import type { BarChart } from "../charts/bar-chart.js";
import type { Logger } from "../infra/logger.js";
import type { Platform } from "../infra/records.js";

export type ImageApi = { uploadImage(png: Buffer, fileName: string): Promise<string>; sendImage(userId: string, mediaId: string): Promise<unknown> };

export async function sendChart(api: ImageApi, log: Logger, platform: Platform, userId: string, chart: BarChart): Promise<void> {
  try {
    // ECharts and resvg are loaded when the first chart is drawn, not when the server starts.
    const { renderBarChart } = await import("../charts/bar-chart.js");
    await api.sendImage(userId, await api.uploadImage(renderBarChart(chart), "chart.png"));
  } catch (error) {
    log.warn({ err: (error as Error).message, platform }, "chart not sent");
  }
}
