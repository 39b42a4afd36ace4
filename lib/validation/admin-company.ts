import { z } from "zod";
import { timeZoneField } from "@/lib/time-zone";
import { textField } from "./input";

// The company's identity form (/admin/company): the name everyone sees and the
// colour of its emails' header, which carries white text, and its time zone.

export const companyFields = ["name", "brandColor", "timeZone"] as const;
export type CompanyField = (typeof companyFields)[number];

export interface CompanyIdentityInput {
  name: string;
  brandColor: string;
  timeZone: string;
}

/** WCAG relative luminance of an sRGB colour "#rrggbb". */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The contrast ratio of white text on `hex` (1 to 21). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

export const companyIdentitySchema = z.object({
  name: textField("Enter the company's name.")
    .min(2, { error: "Enter the company's name (at least 2 characters)." })
    .max(80, { error: "Keep the name to 80 characters." }),
  brandColor: z
    .string({ error: "Choose a colour." })
    .trim()
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, { error: "Give the colour as # and six hex digits, like #047857." })
    // The email header's white text must stay readable (WCAG AA, 4.5:1).
    .refine((hex) => contrastWithWhite(hex) >= 4.5, { error: "Too light: white text on it would be hard to read. Choose a darker colour." }),
  timeZone: timeZoneField(),
});

export function companyFormValues(formData: FormData): Record<CompanyField, string> {
  const text = (name: CompanyField) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.slice(0, 200) : "";
  };
  return { name: text("name"), brandColor: text("brandColor"), timeZone: text("timeZone") };
}
