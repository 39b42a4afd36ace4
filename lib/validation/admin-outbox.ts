import { z } from "zod";
import { emailStatuses, type EmailStatus } from "@/db/schema";
import { createLoader, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { idField } from "./input";
import { parseAsPage, parseAsSearch } from "./list-params";

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxQuery {
  status?: EmailStatus;
  /** Part of the recipient's address. */
  q?: string;
  page: number;
}

/** The outbox list's URL state: an unknown status or a malformed page is ignored (the first page, every status), never an error. */
export const outboxParams = {
  status: parseAsStringLiteral(emailStatuses),
  q: parseAsSearch(120),
  page: parseAsPage,
};
const loadOutboxParams = createLoader(outboxParams);
/** "/admin/outbox?status=failed&page=2", leaving defaults out. */
export const outboxHref = createSerializer(outboxParams);

export function parseOutboxQuery(params: Record<string, string | string[] | undefined>): OutboxQuery {
  const p = loadOutboxParams(params);
  const query: OutboxQuery = { page: p.page };
  if (p.status !== null) query.status = p.status;
  if (p.q !== null) query.q = p.q;
  return query;
}

const confirmed = (message: string) => z.literal("on", { error: message });

export const retryJobSchema = z.object({
  jobId: idField("Choose a job from the list."),
  confirm: confirmed("Tick the box to confirm the retry."),
});

export const sendTestEmailSchema = z.object({
  confirm: confirmed("Tick the box to confirm: the test message goes to your own address."),
});
