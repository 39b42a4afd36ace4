import { z } from "zod";

// The edge's shared rules for untrusted input (forms, URL segments, query
// parameters): ids are plain decimal digits that fit a PostgreSQL integer, and
// text carries no control characters (a NUL byte, for one, fails in
// PostgreSQL's text type, and the rest have no business in a name or a search).

// Zod compiles object parsers with new Function() where it may, and probes for
// that by calling Function(""): in the browser, under the pages' Content
// Security Policy (no 'unsafe-eval'), the probe is a reported violation. Every
// schema the browser parses comes through this module, so it turns that off here.
z.config({ jitless: true });

/** One to nine decimal digits: no sign, exponent, hex, spaces or decimals, and always within int4. */
const ID = /^[0-9]{1,9}$/;

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A positive id from a URL segment, a query parameter or a form field; null for anything else. */
export function parseId(raw: unknown): number | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || !ID.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** A whole number written as 1 to 9 plain digits (no sign, exponent, hex or spaces), to pipe into a range check. */
export function digits() {
  return z
    .string()
    .regex(ID)
    .transform((s) => Number(s));
}

/** A form field holding an id: `message` for anything but a positive integer of 1 to 9 digits. */
export function idField(message: string) {
  return z.unknown().transform((value, ctx) => {
    const id = parseId(value);
    if (id === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });
}

/** Whether `text` holds a control character (multi-line text may hold tabs and line breaks). */
export function hasControlCharacters(text: string, { multiLine = false } = {}): boolean {
  return (multiLine ? CONTROL_BUT_LINES : CONTROL).test(text);
}

export const controlCharactersMessage = "Remove the invisible control characters from this text.";

/** A one-line text field: trimmed, no control characters; `missing`: the message when it is absent. */
export function textField(missing?: string) {
  return z
    .string(missing === undefined ? undefined : { error: missing })
    .trim()
    .refine((s) => !hasControlCharacters(s), { error: controlCharactersMessage });
}

/** A multi-line text field: trimmed, no control characters but tabs and line breaks. */
export function multiLineTextField() {
  return z
    .string()
    .trim()
    .refine((s) => !hasControlCharacters(s, { multiLine: true }), { error: controlCharactersMessage });
}

/**
 * A search box's text from a URL: trimmed, cut to `max` characters, control
 * characters dropped (a search for them could match nothing anyway);
 * undefined when nothing is left.
 */
export function searchText(raw: string | string[] | undefined, max = 80): string | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  const text = value
    ?.replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, max);
  return text || undefined;
}

/** A page number from a URL: 1 when absent or not a plain positive integer up to `max`. */
export function pageNumber(raw: string | string[] | undefined, max = 100_000): number {
  const page = parseId(raw);
  return page !== null && page <= max ? page : 1;
}

/** The `confirm=on` a confirmation dialog's button posts (components/ui/confirm-submit.tsx): a post without it changes nothing. */
export function confirmedField(message = "Confirm in the dialog first: nothing was changed.") {
  return z.literal("on", { error: message });
}
