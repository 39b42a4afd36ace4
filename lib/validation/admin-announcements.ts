import { z } from "zod";
import { multiLineTextField, textField } from "./input";

// The announcement composer of /admin/announcements. The body is plain
// paragraphs separated by a blank line; inside a paragraph, line breaks and
// runs of spaces read as one space (as they would in the email's HTML), so the
// preview, the in-app notification and the email read the same.

export const announcementFields = ["subject", "body"] as const;
export type AnnouncementField = (typeof announcementFields)[number];

export const SUBJECT_MAX = 120;
export const BODY_MAX = 5000;
export const PARAGRAPHS_MAX = 30;

/** "a\n b\n\n\nc" -> ["a b", "c"]. */
export function announcementParagraphs(body: string): string[] {
  return body
    .split(/\n[ \t\r]*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p.length > 0);
}

export const announcementSchema = z
  .object({
    subject: textField("Enter a subject.")
      .min(3, { error: "Write a subject of at least 3 characters." })
      .max(SUBJECT_MAX, { error: `Keep the subject to ${SUBJECT_MAX} characters.` }),
    body: multiLineTextField()
      .min(10, { error: "Write a message of at least 10 characters." })
      .max(BODY_MAX, { error: `Keep the message to ${BODY_MAX} characters.` }),
  })
  .transform((v, ctx) => {
    const paragraphs = announcementParagraphs(v.body.replace(/\r\n?/g, "\n"));
    if (paragraphs.length > PARAGRAPHS_MAX) {
      ctx.addIssue({ code: "custom", path: ["body"], message: `Use at most ${PARAGRAPHS_MAX} paragraphs.` });
      return z.NEVER;
    }
    return { subject: v.subject.replace(/\s+/g, " "), paragraphs };
  });

export type AnnouncementInput = z.infer<typeof announcementSchema>;
