import { describe, expect, it } from "vitest";
import { browserTimeZoneOr, canonicalTimeZone, isTimeZone, timeZoneCity, timeZoneField, timeZoneNames } from "./time-zone";

describe("time zones", () => {
  it.each(["UTC", "America/New_York", "Asia/Calcutta", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Australia/Lord_Howe"])("accepts %s", (zone) => {
    expect(canonicalTimeZone(zone)).not.toBeNull();
  });

  it.each(["", "Mars/Olympus_Mons", "america/new_york", "+05:30", "UTC; drop table users", "Europe/../../etc", "A".repeat(65), "Local"])(
    "refuses %j as stored",
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

  it("stores one spelling per zone, the runtime's: any case, and aliases, come out canonical", () => {
    expect(canonicalTimeZone("america/new_york")).toBe("America/New_York");
    expect(canonicalTimeZone("AMERICA/NEW_YORK")).toBe("America/New_York");
    expect(canonicalTimeZone("Etc/UTC")).toBe("UTC");
    expect(canonicalTimeZone(canonicalTimeZone("Asia/Kolkata")!)).toBe(canonicalTimeZone("Asia/Kolkata"));
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(timeZoneField().parse("europe/paris")).toBe("Europe/Paris");
    expect(browserTimeZoneOr("asia/tokyo", "UTC")).toBe("Asia/Tokyo");
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
