import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface MailTransport {
  kind: "smtp" | "outbox";
  /** Resolves once the SMTP server accepted the message (or at once for the outbox). */
  send(mail: OutgoingMail): Promise<void>;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * SMTP through nodemailer. smtps:// is TLS from the start; smtp:// upgrades
 * with STARTTLS and refuses to send in the clear, except to a relay on this
 * machine (loopback), which is how a local MTA or the tests' server is reached.
 */
export function smtpTransport(url: string): MailTransport {
  const parsed = new URL(url);
  const transporter: Transporter = nodemailer.createTransport({
    url,
    requireTLS: parsed.protocol === "smtp:" && !LOOPBACK.has(parsed.hostname),
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  return {
    kind: "smtp",
    async send(mail) {
      await transporter.sendMail({ ...mail });
    },
  };
}

// The embedded demo's "transport": the message stays in the emails table, where
// /admin/outbox shows it. Nothing leaves the machine.
const outbox: MailTransport = { kind: "outbox", send: async () => {} };

let configured: MailTransport | undefined;

/** SMTP when SMTP_URL is set, else the outbox. */
export function configuredTransport(): MailTransport {
  configured ??= env.smtpUrl ? smtpTransport(env.smtpUrl) : outbox;
  return configured;
}
