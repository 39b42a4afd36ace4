import { describe, expect, it } from "vitest";
import { browserTimeZoneOr, isTimeZone, timeZoneCity, timeZoneField, timeZoneNames } from "./time-zone";

describe("time zones", () => {
  it.each(["UTC", "America/New_York", "Asia/Kolkata", "Asia/Calcutta", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Australia/Lord_Howe"])(
    "accepts %s",
    (zone) => {
      expect(isTimeZone(zone)).toBe(true);
    },
  );

  it.each(["", "Mars/Olympus_Mons", "america/new_york", "+05:30", "UTC; drop table users", "Europe/../../etc", "A".repeat(65), "Local"])(
    "refuses %j",
    (zone) => {
      expect(isTimeZone(zone)).toBe(false);
    },
  );

  it("offers UTC first and every zone the runtime knows, each of them accepted", () => {
    const zones = timeZoneNames();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Europe/Paris");
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones.every(isTimeZone)).toBe(true);
  });

  it("answers a bad form value with a message", () => {
    expect(timeZoneField().safeParse("Nowhere/Land").error?.issues[0]?.message).toBe(
      "Choose a time zone from the list, such as Europe/Paris or America/New_York.",
    );
    expect(timeZoneField().safeParse(" ").error?.issues[0]?.message).toBe("Choose a time zone.");
    expect(timeZoneField().parse(" Asia/Tokyo ")).toBe("Asia/Tokyo");
  });

  it("keeps a browser's zone when valid, else falls back to the company's", () => {
    expect(browserTimeZoneOr("Asia/Tokyo", "Europe/Paris")).toBe("Asia/Tokyo");
    expect(browserTimeZoneOr("", "Europe/Paris")).toBe("Europe/Paris");
    expect(browserTimeZoneOr("Not/AZone", "Europe/Paris")).toBe("Europe/Paris");
    expect(browserTimeZoneOr(null, "UTC")).toBe("UTC");
  });

  it("names a zone's city for sentences", () => {
    expect(timeZoneCity("America/New_York")).toBe("New York");
    expect(timeZoneCity("America/Argentina/Buenos_Aires")).toBe("Buenos Aires");
    expect(timeZoneCity("UTC")).toBe("UTC");
  });
});
