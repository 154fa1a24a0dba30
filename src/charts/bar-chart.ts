// Charts drawn on the server, no browser: ECharts renders an SVG string (its SSR mode), resvg turns it
// into a PNG with the CJK font shipped in assets/fonts (Noto Sans CJK SC, SIL OFL 1.1, its licence
// beside it; cut to the characters charts can show by scripts/subset-chart-font.sh), so the labels are
// Chinese on a machine with no Chinese fonts installed.
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";
import * as echarts from "echarts";
import { z } from "zod";

const FONT_FILE = fileURLToPath(new URL("../../assets/fonts/NotoSansSC-Regular-charts.otf", import.meta.url));
const FONT = "Noto Sans CJK SC";
const WIDTH = 720;
const HEIGHT = 400;

/** What a chart shows: stored in a reminder's payload and drawn when it is sent. */
export const BarChartSchema = z.object({
  title: z.string(),
  categories: z.array(z.string()).min(1),
  series: z.array(z.object({ name: z.string(), data: z.array(z.number()) })).min(1),
});
export type BarChart = z.infer<typeof BarChartSchema>;

function toSvg(chart: BarChart): string {
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    instance.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: FONT },
      title: { text: chart.title, left: "center", top: 8, textStyle: { fontFamily: FONT, fontSize: 18 } },
      legend: { top: 40, textStyle: { fontFamily: FONT } },
      grid: { top: 80, left: 48, right: 24, bottom: 40 },
      xAxis: { type: "category", data: chart.categories, axisLabel: { fontFamily: FONT, interval: 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: chart.series.map((s) => ({ name: s.name, type: "bar", data: s.data, label: { show: true, position: "top", fontFamily: FONT } })),
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** The chart at twice its size, sharp on a phone's screen (pixels and PNG). */
export function rasterize(chart: BarChart) {
  return new Resvg(toSvg(chart), {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT },
    fitTo: { mode: "width", value: WIDTH * 2 },
  }).render();
}

export function renderBarChart(chart: BarChart): Buffer {
  return Buffer.from(rasterize(chart).asPng());
}
