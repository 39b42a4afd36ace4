import { z } from "zod";
import { emailStatuses, type EmailStatus } from "@/db/schema";
import { idField, pageNumber, searchText } from "./input";

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxQuery {
  status?: EmailStatus;
  /** Part of the recipient's address. */
  q?: string;
  page: number;
}

/** The outbox list's URL: an unknown status or a malformed page is ignored (the first page, every status), never an error. */
export function parseOutboxQuery(params: Record<string, string | string[] | undefined>): OutboxQuery {
  const status = Array.isArray(params.status) ? params.status[0] : params.status;
  return {
    status: (emailStatuses as readonly string[]).includes(status ?? "") ? (status as EmailStatus) : undefined,
    q: searchText(params.q, 120),
    page: pageNumber(params.page),
  };
}

const confirmed = (message: string) => z.literal("on", { error: message });

export const retryJobSchema = z.object({
  jobId: idField("Choose a job from the list."),
  confirm: confirmed("Tick the box to confirm the retry."),
});

export const sendTestEmailSchema = z.object({
  confirm: confirmed("Tick the box to confirm: the test message goes to your own address."),
});
