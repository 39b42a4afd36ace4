import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

// The error pages are only worth having if they work in a production build, and
// no real request fails on purpose. With LINEAGE_E2E_FAULTS=1 (the e2e server
// only: off unless set to exactly "1", so a deployment never has it by default),
// a request can ask for an error at one of these points with a header; without
// the variable the header is never even read.

// The e2e spec (e2e/error-pages.spec.ts) spells both out: it cannot import a server-only module.
const faultHeader = "x-lineage-fault";

/**
 * root-layout: the root layout fails (global-error.tsx). portal-layout: the
 * signed-in frame fails, as when the database is down (app/error.tsx).
 * page: a page fails inside its frame (the dashboard's data, /join).
 */
export type FaultPoint = "root-layout" | "portal-layout" | "page";

/** The injected error's message: the e2e spec checks it never reaches the browser. */
const faultMessage = "Injected fault (LINEAGE_E2E_FAULTS): this message must stay in the server log";

export async function injectFault(point: FaultPoint): Promise<void> {
  if (!env.e2eFaults) return;
  if ((await headers()).get(faultHeader) !== point) return;
  throw new Error(`${faultMessage} [${point}]`);
}
