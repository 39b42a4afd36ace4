import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>: what SMTP_URL or smtpTransport takes. */
  url: string;
  /** Every message accepted so far, parsed. */
  received: ParsedMail[];
  /** Resolves once `count` messages have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free local port (smtp-server), for tests: messages
 * really go over SMTP and are parsed back with mailparser. `reject` makes it
 * refuse messages with a temporary error while it returns true; `delayMs`
 * holds each message before accepting it (a slow server, to stop a sender
 * mid-send); `onData` is told each time a message has arrived in full, before
 * the server answers (the sender does not know yet that it was taken). A
 * message whose sender hung up while it was held is kept all the same, as a
 * real server that had queued it would.
 */
export async function startSmtpServer(options: { reject?: () => boolean; delayMs?: number; onData?: (arrived: number) => void } = {}): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  let arrived = 0;
  const waiters: { count: number; resolve: (m: ParsedMail[]) => void }[] = [];
  const config: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        options.onData?.(++arrived);
        void (async () => {
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          if (options.reject?.()) {
            const error = new Error("Try again later") as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          received.push(await simpleParser(Buffer.concat(chunks)));
          for (const w of [...waiters]) {
            if (received.length >= w.count) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(received.slice());
            }
          }
          callback();
        })();
      });
    },
  };
  const server = new SMTPServer(config);
  // A sender killed mid-conversation resets its connection: not the test's failure.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor(count, timeoutMs = 10_000) {
      if (received.length >= count) return Promise.resolve(received.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${count} messages arrived`)), timeoutMs);
        waiters.push({
          count,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
