import { describe, expect, it } from "vitest";
import { calendarCovers, isQuiet, isWorkingDay, nextSendable, parseQuietHours, workingDaysBefore, workingDaysBetween } from "../../src/schedule/calendar.js";

const TZ = "Asia/Shanghai";
const quiet = parseQuietHours("21:00-08:00");
const at = (iso: string) => new Date(iso);

describe("working-day calendar", () => {
  it("knows 国庆 2021 and its 调休 Saturdays", () => {
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(`2021-10-0${d}`)).toBe(false);
    expect(isWorkingDay("2021-09-26")).toBe(true); // Sunday worked before 国庆
    expect(isWorkingDay("2021-10-09")).toBe(true); // Saturday worked after
    expect(isWorkingDay("2021-10-08")).toBe(true);
    expect(isWorkingDay("2021-10-10")).toBe(false);
  });

  it("covers the current year (2026): 春节 and its working Saturdays", () => {
    expect(calendarCovers(2026)).toBe(true);
    expect(isWorkingDay("2026-02-16")).toBe(false);
    expect(isWorkingDay("2026-02-14")).toBe(true);
    expect(isWorkingDay("2026-02-28")).toBe(true);
    expect(isWorkingDay("2026-10-10")).toBe(true);
  });

  it("says so when next year (2027) is not announced yet, and then counts only weekends as days off", () => {
    // When this fails, the package or templates/holidays.json has 2027: replace this test with 2027's days.
    expect(calendarCovers(2027)).toBe(false);
    expect(isWorkingDay("2027-01-01")).toBe(true); // a Friday: a holiday once the calendar knows 2027
    expect(isWorkingDay("2027-01-02")).toBe(false);
  });

  it("counts working days over a holiday", () => {
    expect(workingDaysBetween("2021-09-30", "2021-10-08")).toBe(1);
    expect(workingDaysBefore("2021-10-08", 1)).toBe("2021-09-30");
    expect(workingDaysBefore("2021-06-14", 1)).toBe("2021-06-11"); // 端午 2021-06-14 is a Monday holiday → Friday
  });
});

describe("quiet hours", () => {
  it("holds a reminder from the evening to the next working morning", () => {
    expect(isQuiet(at("2021-06-15T22:00:00+08:00"), TZ, quiet)).toBe(true);
    expect(isQuiet(at("2021-06-15T17:30:00+08:00"), TZ, quiet)).toBe(false);
    expect(nextSendable(at("2021-06-15T17:30:00+08:00"), TZ, quiet)).toEqual(at("2021-06-15T17:30:00+08:00"));
    expect(nextSendable(at("2021-06-15T22:00:00+08:00"), TZ, quiet)).toEqual(at("2021-06-16T08:00:00+08:00"));
    expect(nextSendable(at("2021-06-16T06:30:00+08:00"), TZ, quiet)).toEqual(at("2021-06-16T08:00:00+08:00"));
    // Friday night → Monday morning; 国庆 eve → 10月8日.
    expect(nextSendable(at("2021-06-18T21:30:00+08:00"), TZ, quiet)).toEqual(at("2021-06-21T08:00:00+08:00"));
    expect(nextSendable(at("2021-09-30T21:30:00+08:00"), TZ, quiet)).toEqual(at("2021-10-08T08:00:00+08:00"));
    expect(nextSendable(at("2021-10-03T10:00:00+08:00"), TZ, quiet)).toEqual(at("2021-10-08T08:00:00+08:00"));
  });
});

describe("period labels", () => {
  it("reads back the periods reminders are keyed by", async () => {
    const { periodOfLabel, quarterOf, halfYearOf, yearOf } = await import("../../src/infra/time.js");
    expect(periodOfLabel("2021Q2")).toEqual(quarterOf("2021-05-15"));
    expect(periodOfLabel("2021Q4")).toEqual({ label: "2021Q4", from: "2021-10-01", to: "2021-12-31" });
    expect(periodOfLabel("2021H2")).toEqual(halfYearOf("2021-09-01"));
    expect(periodOfLabel("2021")).toEqual(yearOf("2021-03-03"));
  });
});
