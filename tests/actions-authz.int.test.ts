// Every server action, found by scanning the code, is called directly (as a
// forged POST would call it) under the rule the policy table below gives it:
//
//   admin   the signed-out are sent to sign-in, a distributor gets a 404, and
//           nothing is written; an admin's call of the same form goes through.
//   member  the signed-out are sent to sign-in; a distributor acts only on
//           their own data: someone else's resource is refused, nothing written.
//   public  prospects and guests may call it (the entry says why); what they
//           could abuse (a bound referral code, a forged field) writes nothing.
//
// Each refused call leaves every table of the database as it was, and each
// entry has a positive control: the allowed call does what it should. A new
// action (a new "use server" file, or a new export of one) without an entry
// fails here, as does an entry whose action is gone, or an inline "use server"
// function in a page or component (no test could call it on its own).
import { randomUUID } from "node:crypto";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import {
  commissionPeriods,
  distributors,
  emails,
  jobs,
  notificationPreferences,
  notifications,
  paymentMethods,
  orders,
  pendingEnrolments,
  products,
  referralCodeAliases,
  referralCodeChanges,
  users,
} from "@/db/schema";
import { issueAccountToken } from "@/lib/accounts/tokens";
import { signManageToken } from "@/lib/autoship/manage-token";
import { signSkipToken } from "@/lib/autoship/skip-token";
import { authSecret, env } from "@/lib/env";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { unsubscribeToken } from "@/lib/mail/unsubscribe";
import { createAdmin, databaseFingerprint } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { actionKey, findServerActions, scanSource, type ServerAction } from "@/tests/server-actions";
import { StripeStandIn, standInSecretKey, standInWebhookSecret } from "@/tests/stripe-stand-in";

// The requests carry the TCP peer in the header server.mjs sets; lib/env.ts is told so, as server.mjs tells it.
vi.hoisted(() => {
  process.env.LINEAGE_PEER_HEADER = "1";
});

const state = vi.hoisted(() => ({
  db: null as Database | null,
  /** The signed-in user's id; null: signed out. */
  userId: null as number | null,
  /** What lib/clock's now() answers: one day after the test orders, so within their cooling-off window. */
  now: new Date("2026-11-16T12:00:00Z"),
  ip: "203.0.113.7",
  /** The request's Host header (the origin a provider's return URLs are made from); null: none, as by default. */
  host: null as string | null,
  /** Sessions opened and ended by next-auth's signIn and signOut (user ids). */
  signedIn: [] as number[],
  signedOut: [] as (number | null)[],
}));

vi.mock("@/lib/auth/current-session", () => ({
  // A token signed in now: it carries the user's current session version (lib/auth/sessions.ts).
  currentSession: async () => {
    if (state.userId === null) return null;
    const { eq } = await import("drizzle-orm");
    const { users } = await import("@/db/schema");
    const [user] = await state.db!.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, state.userId));
    return { user: { id: String(state.userId), sv: user?.sv ?? null } };
  },
}));
vi.mock("@/lib/auth/index", () => ({
  // next-auth's credentials sign-in: the real password check, then a session and the redirect Next follows.
  signIn: async (provider: string, options: { email: string; password: string; redirectTo: string }) => {
    const { CredentialsSignin } = await import("@auth/core/errors");
    const { authenticate } = await import("@/lib/auth/authenticate");
    const { redirect } = await import("next/navigation");
    const user = provider === "credentials" ? await authenticate(options.email, options.password) : null;
    if (!user) throw new CredentialsSignin();
    state.signedIn.push(user.id);
    redirect(options.redirectTo);
  },
  signOut: async (options: { redirectTo: string }) => {
    const { redirect } = await import("next/navigation");
    state.signedOut.push(state.userId);
    redirect(options.redirectTo);
  },
}));
// next-auth's own module needs Next's bundler to load (it imports "next/server"); the actions only take its error classes, which it re-exports from @auth/core.
vi.mock("next-auth", async () => {
  const { AuthError, CredentialsSignin } = await import("@auth/core/errors");
  return { AuthError, CredentialsSignin };
});
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("@/lib/clock", () => ({ now: () => new Date(state.now) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/server", () => ({ after: vi.fn(), connection: async () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-lineage-peer": state.ip, ...(state.host ? { host: state.host } : {}) }),
  cookies: async () => ({ get: () => undefined, delete: () => {} }),
}));
// The same special errors Next throws: they carry a digest its router reads.
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw Object.assign(new Error("NEXT_HTTP_ERROR_FALLBACK;404"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  },
  redirect: (url: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), { digest: `NEXT_REDIRECT;replace;${url};307;` });
  },
}));

const root = path.resolve(import.meta.dirname, "..");
const thisFile = "tests/actions-authz.int.test.ts";

// ---------------------------------------------------------------------------
// Calling an action, and what it answered

type ServerActionFn = (...args: unknown[]) => Promise<unknown>;

/** What an action answered: its result, or the digest of the error Next turns into a response (a redirect, a 404). */
interface Outcome {
  result?: unknown;
  digest?: string;
}

async function call(fn: ServerActionFn, args: unknown[]): Promise<Outcome> {
  try {
    return { result: await fn(...args) };
  } catch (error) {
    const digest = (error as { digest?: unknown } | null)?.digest;
    if (typeof digest === "string") return { digest };
    throw error;
  }
}

/** Where a redirect goes, or null. */
function redirectUrl(outcome: Outcome): string | null {
  return /^NEXT_REDIRECT;replace;(.*);307;$/.exec(outcome.digest ?? "")?.[1] ?? null;
}

function parseKey(key: string): ServerAction {
  const [file, name] = key.split("#") as [string, string];
  return { file, name };
}

/** The action, through the module's real path (the same path the scan found). */
async function load(action: ServerAction): Promise<ServerActionFn> {
  const mod = (await import(/* @vite-ignore */ path.join(root, action.file))) as Record<string, unknown>;
  const fn = mod[action.name];
  if (typeof fn !== "function") throw new Error(`${actionKey(action)} is not a function at run time`);
  return fn as ServerActionFn;
}

function form(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  return fd;
}

const planForm = () =>
  form({
    activeMinPv: "60",
    personalPct: "15",
    levelPct: ["10", "5"],
    compression: "on",
    rankName: ["Member"],
    rankMinPv: ["0"],
    rankMinGv: ["0"],
    rankPaidLevels: ["2"],
    confirm: "on",
  });
const productForm = (sku: string) => form({ name: "Authz Product", sku, description: "", imageUrl: "", price: "10.00", pv: "5", cv: "", active: "on" });

// ---------------------------------------------------------------------------
// The company: member 0 is the root; team A is the chain 1 -> 2 -> 3 -> 4
// (the admin actions work on it), team B is 5 -> 6, member 7 is terminated,
// member 8 is a team of one (another team's distributor for B's resources).
// "Member 9" is a signup whose email is not verified yet: no distributor record.

const sponsors = [null, 0, 1, 2, 3, 0, 5, 0, 0];
let t: TestDatabase;
let co: TestCompany;
let adminId: number;
const userIds: number[] = [];
const ids = {
  archived: 0,
  spare: 0,
  order: 0,
  open: 0,
  closed: 0,
  cancellable: 0,
  /** Member 6's other order of this month, for the cancel dialog's preview (the one above is cancelled by its policy). */
  previewable: 0,
  pending: 0,
  guestPending: 0,
  notification5: 0,
  notification6: 0,
  failedJob: 0,
  /** Members 6's and 5's autoships (the 20th). */
  autoship6: 0,
  autoship5: 0,
  /** A card member 6 saved with Stripe (not yet used by an autoship). */
  stripeCard6: 0,
  /** Retail customers' autoships on member 6's shop: one changed through its manage link, one whose link is emailed again from its receipt. */
  customerAutoship: 0,
  customerAutoshipVersion: 0,
  relinkAutoship: 0,
  /** The guest orders of startReceipt and of customerAutoship. */
  startOrder: 0,
  customerOrder: 0,
  /** Unverified signups: one an admin verifies, one verified by its link (with the link's token). */
  adminSignup: 0,
  linkSignup: 0,
  verifyToken: "",
  /** Terminated member 7's paid orders: returned by an admin's request, and by their own; buyback requests (over two more) to approve and to decline. */
  return7ByAdmin: 0,
  return7ByMember: 0,
  buybackToApprove: 0,
  buybackToReject: 0,
};
/** Links from emails: member 1's password reset, member 3's email change (issued in beforeAll). */
const links = { reset: "", email: "" };
const password = "correct horse battery staple";

/** Who calls: nobody, the admin, or member N of the company (a distributor). */
type Caller = "signed-out" | "admin" | `member-${number}`;

function userIdOf(caller: Caller): number | null {
  if (caller === "signed-out") return null;
  if (caller === "admin") return adminId;
  return userIds[Number(caller.slice("member-".length))]!;
}

/** Runs `fn` with `caller`'s session. */
async function signedInAs<T>(caller: Caller, fn: () => Promise<T>): Promise<T> {
  state.userId = userIdOf(caller);
  try {
    return await fn();
  } finally {
    state.userId = null;
  }
}

/**
 * A paid personal order of one product at `at`; its id. Made through the
 * domain service (created, then paid with the demo success card), so this
 * setup does not depend on the checkout form's fields: the checkout actions
 * themselves are exercised by their own policies below.
 */
async function buy(member: number, at: Date): Promise<number> {
  const { placeDemoPaidOrder } = await import("@/lib/payments/demo");
  const paid = await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[member]!,
    kind: "personal",
    items: [{ productId: co.productIds[2]!, quantity: 1 }],
    idempotencyKey: randomUUID(),
    at,
  });
  return paid.orderId;
}

async function notificationRow(id: number) {
  const [row] = await t.db.select().from(notifications).where(eq(notifications.id, id));
  return row!;
}

async function orderRow(id: number) {
  const [row] = await t.db.select().from(orders).where(eq(orders.id, id));
  return row!;
}

// ---------------------------------------------------------------------------
// The policy table

/** What the action must answer: a result (its `ok`, and the message when given), a redirect, or a 404. */
type Answer = { ok: boolean; message?: string | RegExp; fieldErrors?: Record<string, string> } | { redirect: string | RegExp } | "404";

interface Case {
  as: Caller;
  /** What the caller tries, and why the verdict is right. */
  does: string;
  args: () => unknown[];
  verdict: "refused" | "allowed";
  answer: Answer;
  /** Whether the database changes: by default nothing when refused, something when allowed. */
  writes?: "nothing" | "something";
  /** Tables left out of "nothing changed", each with its reason in `does`. */
  except?: readonly string[];
  /** More checks of the outcome (who owns what was written, the session). */
  then?: (outcome: Outcome) => Promise<void> | void;
  /** Called with Stripe (a local stand-in, tests/stripe-stand-in.ts) as the active provider and a Host header, for this call only. */
  stripe?: true;
}

/** The stand-in of the last call made with Stripe active (its requests and sessions, for `then`). */
let lastStand: StripeStandIn | null = null;

/** Runs one call with Stripe's stand-in as the active provider and a Host header; both are put back after it. */
async function withStripe<T>(run: () => Promise<T>): Promise<T> {
  const stand = await new StripeStandIn().listen();
  const previous = env.stripe;
  env.stripe = { secretKey: standInSecretKey, webhookSecret: standInWebhookSecret, apiUrl: stand.url };
  state.host = "portal.test";
  try {
    return await run();
  } finally {
    env.stripe = previous;
    state.host = null;
    lastStand = stand;
    await stand.close();
  }
}

type Policy =
  /** Admin only. `args`: a form an admin would send, valid when its turn comes in the admins' run below. */
  | { rule: "admin"; args: () => unknown[]; readOnly?: true }
  /** A signed-in distributor's action on their own data; the signed-out case is added from the first allowed case's arguments. */
  | { rule: "member"; cases: Case[] }
  /** Callable without a session, for the reason given. */
  | { rule: "public"; why: string; cases: Case[] };

const refusedCancel = { ok: false, message: "This order cannot be cancelled." } as const;
const myBuybackForm = () => [{ ok: true }, form({ orderId: String(ids.return7ByMember), confirm: "on" })];
const cancelForm = () => [{ ok: true }, form({ orderId: String(ids.cancellable), confirm: "on" })];
const signUpForm = (extra: Record<string, string> = {}) =>
  form({ name: "New Prospect", email: "prospect@test.example", password, country: "US", agreement: "on", ...extra });
/** A shipping address the test company ships to (tests/fixtures/company.ts: US, free). */
const address = { shipName: "Pat Buyer", shipLine1: "1 Test Street", shipCity: "Springfield", shipRegion: "IL", shipPostalCode: "62701", shipCountry: "US" };
/** The receipt token of the guest order beforeAll creates unpaid for payGuestOrder. */
const payToken = "p".repeat(43);
const retailForm = (extra: Record<string, string> = {}) =>
  form({
    customerName: "Guest Buyer",
    customerEmail: "guest@test.example",
    items: `${co.productIds[0]}:2`,
    idempotencyKey: randomUUID(),
    ...address,
    ...extra,
  });
/** The demo success card, as the pay form sends it. */
const cardForm = () => form({ cardNumber: "4242 4242 4242 4242", cardExpiry: "12/30", cardCvc: "123", idempotencyKey: randomUUID() });
/** The autoship form: a product, the 20th, the test address, the demo success card. */
const autoshipForm = (extra: Record<string, string> = {}) =>
  form({ [`qty-${co.productIds[1]}`]: "2", dayOfMonth: "20", ...address, cardNumber: "4242 4242 4242 4242", cardExpiry: "12/30", cardCvc: "123", ...extra });
/** A customer's autoship from their receipt: the 20th, the demo success card. */
const autoshipCustomerForm = () => form({ dayOfMonth: "20", cardNumber: "4242 4242 4242 4242", cardExpiry: "12/30", cardCvc: "123" });
const customerWhy =
  "A retail customer has no account: the manage link we email them, signed with the portal's secret over the autoship and its link version, " +
  "is their key; it reaches that one customer autoship, and a new link makes the old ones stop working.";
/** The autoship form with Stripe active: the card is one saved with Stripe before, named by its id. */
const autoshipStripeForm = (paymentMethodId: number) =>
  form({ [`qty-${co.productIds[1]}`]: "2", dayOfMonth: "20", ...address, paymentMethodId: String(paymentMethodId) });
const cardFor = (subscriptionId: number) =>
  form({ subscriptionId: String(subscriptionId), cardNumber: "4242 4242 4242 4242", cardExpiry: "12/30", cardCvc: "123" });
/** Member 8 sends member 6's subscription id (a hidden field, forged): refused, nothing written (no card saved either). */
const foreignAutoship = (fields: () => FormData): Case[] => [
  {
    as: "member-8",
    does: "another team's distributor sends member 6's autoship id",
    args: () => [{ ok: true }, fields()],
    verdict: "refused",
    answer: { ok: false, message: "This autoship does not exist or is cancelled. Reload the page." },
  },
];
/** Member 5's reminder link for their next order (the 20th). */
const skipToken5 = () => signSkipToken(authSecret(), ids.autoship5, "2026-11-20");
/** Receipt links of paid guest orders on member 6's shop: one starts an autoship, one already has one (relinkAutoship). */
const startReceipt = "s".repeat(43);
const relinkReceipt = "r".repeat(43);
/** The manage link of the customer autoship the change cases act on. */
const customerToken = () => signManageToken(authSecret(), ids.customerAutoship, ids.customerAutoshipVersion);
/** Customer cases: a link altered, and a correctly signed link for a member's autoship (manage links open customers' only). */
const foreignManageLink = (more: () => unknown[]): Case[] => [
  {
    as: "signed-out",
    does: "someone sends the customer's manage link with its signature altered",
    args: () => [customerToken().slice(0, -3) + "AAA", ...more()],
    verdict: "refused",
    answer: { ok: false, message: /does not work any more/ },
  },
  {
    as: "member-6",
    does: "a link signed for member 6's own autoship (the shop's distributor): a manage link reaches a customer's autoship only",
    args: () => [signManageToken(authSecret(), ids.autoship6, 1), ...more()],
    verdict: "refused",
    answer: { ok: false, message: /does not work any more/ },
  },
];

const policies: Record<string, Policy> = {
  // The admin back office, in an order that lets each admin call succeed.
  "lib/actions/admin/create-product.ts#createProductAsAdmin": { rule: "admin", args: () => [{ ok: true }, productForm("AUTHZ-NEW")] },
  "lib/actions/admin/update-product.ts#updateProductAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ ...Object.fromEntries(productForm("T-SMALL")), productId: String(co.productIds[0]) })],
  },
  "lib/actions/admin/archive-product.ts#archiveProductAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ productId: String(co.productIds[1]), confirm: "on" })],
  },
  "lib/actions/admin/restore-product.ts#restoreProductAsAdmin": { rule: "admin", args: () => [{ ok: true }, form({ productId: String(ids.archived) })] },
  "lib/actions/admin/delete-product.ts#deleteProductAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ productId: String(ids.spare), confirm: "on" })],
  },
  "lib/actions/admin/preview-plan.ts#previewPlanAsAdmin": { rule: "admin", args: () => [{ ok: true }, planForm()], readOnly: true },
  "lib/actions/admin/publish-plan.ts#publishPlanAsAdmin": { rule: "admin", args: () => [{ ok: true }, planForm()] },
  "lib/actions/admin/terminate-distributor.ts#terminateDistributorAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ distributorId: String(co.ids[3]), confirm: "on" })],
  },
  "lib/actions/admin/reactivate-distributor.ts#reactivateDistributorAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ distributorId: String(co.ids[4]), confirm: "on" })],
  },
  "lib/actions/admin/move-distributor.ts#moveDistributorAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ distributorId: String(co.ids[2]), sponsor: "member-0", confirm: "on" })],
  },
  "lib/actions/admin/verify-signup.ts#verifySignupAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ userId: String(ids.adminSignup), confirm: "on" })],
  },
  "lib/actions/admin/request-buyback.ts#requestBuybackAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ distributorId: String(co.ids[7]), orderId: String(ids.return7ByAdmin), confirm: "on" })],
  },
  "lib/actions/admin/approve-buyback.ts#approveBuybackAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ requestId: String(ids.buybackToApprove), confirm: "on" })],
  },
  "lib/actions/admin/reject-buyback.ts#rejectBuybackAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ requestId: String(ids.buybackToReject), reason: "Opened boxes", confirm: "on" })],
  },
  "lib/actions/admin/refund-order.ts#refundOrderAsAdmin": { rule: "admin", args: () => [{ ok: true }, form({ orderId: String(ids.order), confirm: "on" })] },
  "lib/actions/admin/mark-payouts-paid.ts#markPayoutsPaidAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ periodId: String(ids.closed), confirm: "on" })],
  },
  "lib/actions/admin/reconcile-periods.ts#reconcilePeriodsAsAdmin": { rule: "admin", args: () => [], readOnly: true },
  "lib/actions/admin/close-period.ts#closePeriodAsAdmin": { rule: "admin", args: () => [{ ok: true }, form({ periodId: String(ids.open), confirm: "on" })] },
  "lib/actions/admin/publish-income-statement.ts#publishIncomeStatementAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ fromPeriodId: String(ids.closed), toPeriodId: String(ids.closed), confirm: "on" })],
  },
  "lib/actions/admin/set-shipping-rate.ts#setShippingRateAsAdmin": { rule: "admin", args: () => [{ ok: true }, form({ country: "GB", rate: "12.50" })] },
  "lib/actions/admin/remove-shipping-rate.ts#removeShippingRateAsAdmin": { rule: "admin", args: () => [{ ok: true }, form({ country: "CA", confirm: "on" })] },
  "lib/actions/admin/update-checkout-settings.ts#updateCheckoutSettingsAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ windowAmount: "2", windowUnit: "hours", guestMaxTotal: "500.00", guestMaxUnits: "20" })],
  },
  "lib/actions/admin/update-company.ts#updateCompanyAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ name: "Authz Company", brandColor: "#1d4ed8", timeZone: "Europe/Paris" })],
  },
  // Added, then removed by the next entry.
  "lib/actions/admin/add-reserved-word.ts#addReservedWordAsAdmin": { rule: "admin", args: () => [{ ok: true }, form({ word: "Authz Word", kind: "word" })] },
  "lib/actions/admin/remove-reserved-word.ts#removeReservedWordAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ word: "authz-word", confirm: "on" })],
  },
  "lib/actions/admin/preview-announcement.ts#previewAnnouncementAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ subject: "Authz news", body: "A message for every distributor." })],
    readOnly: true,
  },
  "lib/actions/admin/send-announcement.ts#sendAnnouncementAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ subject: "Authz news", body: "A message for every distributor.", confirm: "on" })],
  },
  "lib/actions/admin/send-test-email.ts#sendTestEmailAsAdmin": { rule: "admin", args: () => [{ ok: true }, form({ confirm: "on" })] },
  "lib/actions/admin/retry-job.ts#retryJobAsAdmin": { rule: "admin", args: () => [{ ok: true }, form({ jobId: String(ids.failedJob), confirm: "on" })] },
  // Member 5's autoship: its November 20 order skipped by its link above, the December 20 one is next.
  "lib/actions/admin/run-autoship-now.ts#runAutoshipNowAsAdmin": {
    rule: "admin",
    args: () => [{ ok: true }, form({ subscriptionId: String(ids.autoship5), cycle: "2026-12-20" })],
  },

  "lib/actions/orders/cancel-order.ts#cancelOrder": {
    rule: "member",
    cases: [
      {
        as: "admin",
        does: "an admin (no distributor record) cancels member 6's order: admins refund from the back office",
        args: cancelForm,
        verdict: "refused",
        answer: refusedCancel,
      },
      { as: "member-8", does: "another team's distributor cancels member 6's order", args: cancelForm, verdict: "refused", answer: refusedCancel },
      {
        as: "member-5",
        does: "member 6's own sponsor cancels member 6's order: only its seller may",
        args: cancelForm,
        verdict: "refused",
        answer: refusedCancel,
      },
      {
        as: "member-6",
        does: "the seller cancels their own order within the cooling-off window",
        args: cancelForm,
        verdict: "allowed",
        answer: { redirect: /^\/dashboard\/orders\/\d+\?cancelled=1$/ },
        then: async () => expect((await orderRow(ids.cancellable)).status).toBe("cancelled"),
      },
    ],
  },
  "lib/actions/orders/preview-cancel.ts#previewMyOrderCancel": {
    rule: "member",
    cases: [
      {
        as: "admin",
        does: "an admin (no distributor record) asks what cancelling member 6's order would do",
        args: () => [String(ids.previewable)],
        verdict: "refused",
        answer: refusedCancel,
      },
      {
        as: "member-5",
        does: "member 6's own sponsor asks what cancelling member 6's order would do: it would show member 6's figures",
        args: () => [String(ids.previewable)],
        verdict: "refused",
        answer: refusedCancel,
      },
      { as: "member-6", does: "a malformed order id", args: () => [{ id: ids.previewable }], verdict: "refused", answer: refusedCancel },
      {
        as: "member-6",
        does: "the seller asks what cancelling their own order would do: their PV, rank and estimate, read only",
        args: () => [String(ids.previewable)],
        verdict: "allowed",
        answer: { ok: true },
        writes: "nothing",
        then: (outcome) => expect((outcome.result as { effect?: string[] }).effect?.[0]).toMatch(/PV drops from \d+ to \d+/),
      },
    ],
  },
  "lib/actions/orders/request-buyback.ts#requestMyBuyback": {
    rule: "member",
    cases: [
      {
        as: "admin",
        does: "an admin (no distributor record) asks as a member: admins ask on a distributor's behalf from the back office",
        args: myBuybackForm,
        verdict: "refused",
        answer: { ok: false, message: "Only a distributor can return orders." },
      },
      {
        as: "member-8",
        does: "an active distributor of another team asks to return terminated member 7's order",
        args: myBuybackForm,
        verdict: "refused",
        answer: { ok: false, message: /must be ended first/ },
      },
      {
        as: "member-4",
        does: "another terminated distributor asks to return member 7's order: only their own orders can be",
        args: myBuybackForm,
        verdict: "refused",
        answer: { ok: false, message: /cannot be returned/ },
      },
      {
        as: "member-7",
        does: "the terminated distributor asks to return their own order",
        args: myBuybackForm,
        verdict: "allowed",
        answer: { ok: true, message: /return request #\d+ is sent/ },
      },
    ],
  },
  "lib/actions/orders/place-order.ts#placePersonalOrder": {
    rule: "member",
    cases: [
      {
        as: "admin",
        does: "an admin (no distributor record) places a personal order",
        args: () => [{ ok: true }, form({ items: `${co.productIds[0]}:1`, idempotencyKey: randomUUID(), ...address })],
        verdict: "refused",
        answer: { ok: false, message: "Only distributors can place personal orders." },
      },
      {
        as: "member-7",
        does: "a terminated distributor (still holding a session) places a personal order",
        args: () => [{ ok: true }, form({ items: `${co.productIds[0]}:1`, idempotencyKey: randomUUID(), ...address })],
        verdict: "refused",
        answer: { ok: false },
      },
      {
        as: "member-8",
        does: "a distributor orders with a forged sellerId naming member 6 (another team): the order is their own",
        args: () => [
          { ok: true },
          form({ items: `${co.productIds[0]}:1`, idempotencyKey: randomUUID(), sellerId: String(co.ids[6]), kind: "retail", status: "paid", ...address }),
        ],
        verdict: "allowed",
        answer: { redirect: /^\/dashboard\/orders\/\d+\/pay$/ },
        then: async (outcome) => {
          const order = await orderRow(Number(/\d+/.exec(redirectUrl(outcome)!)![0]));
          // Recorded unpaid, to be paid on the next page: it counts nowhere yet.
          expect(order).toMatchObject({ sellerId: co.ids[8], kind: "personal", status: "pending_payment", totalCents: 1000, periodId: null });
        },
      },
    ],
  },
  "lib/actions/referrals/change-referral-code.ts#changeReferralCode": {
    rule: "member",
    cases: [
      {
        as: "admin",
        does: "an admin (no distributor record) changes a referral code",
        args: () => [{ ok: true }, form({ code: "admin-code", distributorId: String(co.ids[6]) })],
        verdict: "refused",
        answer: { ok: false, message: "Only distributors have a referral link." },
      },
      {
        as: "member-8",
        does: "another team's distributor takes member 6's current code",
        args: () => [{ ok: true }, form({ code: "member-6" })],
        verdict: "refused",
        answer: { ok: false, fieldErrors: { code: "That code is taken. Try another." } },
      },
      {
        as: "member-8",
        does: "a distributor takes a role word for their code (issue 16, point 8: 'ceo')",
        args: () => [{ ok: true }, form({ code: "ceo" })],
        verdict: "refused",
        answer: { ok: false, fieldErrors: { code: "That code contains “ceo”, which is reserved. Try another." } },
      },
      {
        as: "member-6",
        does: "a distributor who changed their code 3 times in the last 30 days changes it again",
        args: () => [{ ok: true }, form({ code: "six-again" })],
        verdict: "refused",
        answer: {
          ok: false,
          message: "You have changed your code 3 times in the last 30 days, the most allowed. You can change your code again on Dec 15, 2026, from 12:00 UTC.",
        },
      },
      {
        as: "member-7",
        does: "a terminated distributor (still holding a session) changes their code",
        args: () => [{ ok: true }, form({ code: "seven-again" })],
        verdict: "refused",
        answer: { ok: false, message: "Your account cannot change its link right now." },
      },
      {
        as: "member-5",
        does: "a distributor changes their own code, with a forged distributorId naming member 6: only their own code changes",
        args: () => [{ ok: true }, form({ code: "five-renamed", distributorId: String(co.ids[6]) })],
        verdict: "allowed",
        answer: { ok: true },
        then: async () => {
          const rows = await t.db.select({ id: distributors.id, code: distributors.referralCode }).from(distributors).where(inArray(distributors.id, co.ids));
          const expected = co.ids.map((id, i) => ({ id, code: i === 5 ? "five-renamed" : `member-${i}` }));
          expect(rows.sort((a, b) => a.id - b.id)).toEqual(expected);
          expect(await t.db.select({ code: referralCodeAliases.code, distributorId: referralCodeAliases.distributorId }).from(referralCodeAliases)).toEqual([
            { code: "member-5", distributorId: co.ids[5] },
          ]);
        },
      },
      {
        as: "member-8",
        does: "another team's distributor takes member 5's retired code (it stays theirs for the grace period: old links keep working)",
        args: () => [{ ok: true }, form({ code: "member-5" })],
        verdict: "refused",
        answer: { ok: false, fieldErrors: { code: "That code is taken. Try another." } },
      },
    ],
  },

  "lib/actions/notifications/mark-notification-read.ts#markNotificationRead": {
    rule: "member",
    cases: [
      {
        as: "member-8",
        does: "a distributor marks member 6's notification read",
        args: () => [{ ok: true }, form({ notificationId: String(ids.notification6) })],
        verdict: "refused",
        answer: { ok: false, message: "This notification was not found." },
      },
      {
        as: "member-6",
        does: "a distributor marks their own notification read",
        args: () => [{ ok: true }, form({ notificationId: String(ids.notification6) })],
        verdict: "allowed",
        answer: { ok: true },
        then: async () => expect((await notificationRow(ids.notification6)).readAt).not.toBeNull(),
      },
    ],
  },
  "lib/actions/notifications/mark-all-notifications-read.ts#markAllNotificationsRead": {
    rule: "member",
    cases: [
      {
        as: "member-8",
        does: "a distributor with nothing unread marks all read, with a forged userId naming member 5 and member 5's newest id: member 5's stay unread",
        args: () => [{ ok: true }, form({ upTo: String(ids.notification5), userId: String(userIds[5]) })],
        verdict: "refused",
        answer: { ok: true, message: "Nothing was unread." },
      },
      {
        as: "member-5",
        does: "a distributor marks all their own notifications read",
        args: () => [{ ok: true }, form({ upTo: String(ids.notification5) })],
        verdict: "allowed",
        answer: { ok: true, message: "1 notification marked as read." },
        then: async () => expect((await notificationRow(ids.notification5)).readAt).not.toBeNull(),
      },
    ],
  },
  "lib/actions/notifications/save-notification-preferences.ts#saveNotificationPreferences": {
    rule: "member",
    cases: [
      {
        as: "member-8",
        does: "a distributor turns off an essential kind's email (receipts always go)",
        args: () => [{ ok: true }, form({ "order_receipt.email": "off", "announcement.email": "off" })],
        verdict: "refused",
        answer: { ok: false, message: /could not be saved/ },
      },
      {
        as: "member-8",
        does: "a distributor saves their settings with a forged userId naming member 6: only their own change",
        args: () => [{ ok: true }, form({ "announcement.email": "digest", "announcement.in_app": "instant", userId: String(userIds[6]) })],
        verdict: "allowed",
        answer: { ok: true },
        then: async () => {
          const rows = await t.db.select().from(notificationPreferences);
          expect(rows.map((r) => [r.userId, r.kind, r.channel, r.mode])).toEqual([[userIds[8], "announcement", "email", "digest"]]);
        },
      },
    ],
  },
  "lib/actions/notifications/unsubscribe-with-token.ts#unsubscribeWithToken": {
    rule: "public",
    why:
      "An email's unsubscribe link must work without signing in (RFC 8058, and people read mail where they are not signed in). The token, " +
      "signed with the portal's secret, names the user and the kind: it is the only authority, and it cannot be made for anyone else.",
    cases: [
      {
        as: "signed-out",
        does: "a guest sends member 6's token with its signature altered",
        args: () => [{ ok: true }, form({ token: unsubscribeToken(userIds[6]!, "announcement").slice(0, -3) + "AAA" })],
        verdict: "refused",
        answer: { ok: false, message: /not valid/ },
      },
      {
        as: "signed-out",
        does: "a guest sends a signed token for an essential kind (receipts have no unsubscribe)",
        args: () => [{ ok: true }, form({ token: unsubscribeToken(userIds[6]!, "order_receipt") })],
        verdict: "refused",
        answer: { ok: false, message: /always sent/ },
      },
      {
        as: "signed-out",
        does: "member 6, not signed in, follows their email's link for announcements: that email is off",
        args: () => [{ ok: true }, form({ token: unsubscribeToken(userIds[6]!, "announcement") })],
        verdict: "allowed",
        answer: { ok: true },
        then: async () => {
          const rows = await t.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userIds[6]!));
          expect(rows.map((r) => [r.kind, r.channel, r.mode])).toEqual([["announcement", "email", "off"]]);
        },
      },
    ],
  },

  "lib/actions/orders/place-retail-order.ts#placeRetailOrder": {
    rule: "public",
    why:
      "A retail customer buys as a guest on a distributor's shop (/join/[code]/shop), with no account. The seller comes only from the code " +
      "bound on the server from the URL (a tampered code is just another code), prices and volumes only from the catalog.",
    cases: [
      {
        as: "signed-out",
        does: "a guest orders through a code nobody has",
        args: () => ["no-such-shop", { ok: true }, retailForm()],
        verdict: "refused",
        answer: { ok: false, message: "This shop is no longer available." },
      },
      {
        as: "signed-out",
        does: "a guest orders through a terminated distributor's code",
        args: () => ["member-7", { ok: true }, retailForm()],
        verdict: "refused",
        answer: { ok: false, message: "This shop is no longer available." },
      },
      {
        as: "signed-out",
        does: "a guest orders through member 6's code with forged sellerId and price fields: the order is member 6's, at the catalog's price",
        args: () => ["member-6", { ok: true }, retailForm({ sellerId: String(co.ids[8]), priceCents: "1", totalCents: "1", pv: "999" })],
        verdict: "allowed",
        answer: { redirect: /^\/receipt\/[A-Za-z0-9_-]{43}$/ },
        then: async () => {
          const [order] = await t.db.select().from(orders).where(eq(orders.customerEmail, "guest@test.example"));
          expect(order).toMatchObject({ sellerId: co.ids[6], kind: "retail", status: "pending_payment", totalCents: 2000, pv: 40 });
        },
      },
    ],
  },
  "lib/actions/orders/pay-order.ts#payMyOrder": {
    rule: "member",
    cases: [
      {
        as: "admin",
        does: "an admin (no distributor record) pays member 8's unpaid order",
        args: () => [ids.pending, { ok: true }, cardForm()],
        verdict: "refused",
        answer: { ok: false, message: "This order cannot be paid here." },
      },
      {
        as: "member-6",
        does: "another team's distributor pays member 8's unpaid order (a bound id sent back forged)",
        args: () => [ids.pending, { ok: true }, cardForm()],
        verdict: "refused",
        answer: { ok: false, message: "This order cannot be paid here." },
      },
      {
        as: "member-8",
        does: "the buyer pays their own order with the demo card: it is paid and counts",
        args: () => [ids.pending, { ok: true }, cardForm()],
        verdict: "allowed",
        answer: { redirect: /^\/dashboard\/orders\/\d+\?placed=1$/ },
        then: async () => expect((await orderRow(ids.pending)).status).toBe("paid"),
      },
    ],
  },
  "lib/actions/orders/pay-order.ts#payGuestOrder": {
    rule: "public",
    why: "A guest pays their own order from its receipt link; the link's unguessable token is their only key (no account), and only its hash is stored.",
    cases: [
      {
        as: "signed-out",
        does: "a guest pays with a malformed token",
        args: () => ["not-a-token", { ok: true }, cardForm()],
        verdict: "refused",
        answer: { ok: false, message: "This order cannot be paid here." },
      },
      {
        as: "signed-out",
        does: "a guest pays with a well-formed token no order has",
        args: () => ["h".repeat(43), { ok: true }, cardForm()],
        verdict: "refused",
        answer: { ok: false, message: "This order cannot be paid here." },
      },
      {
        as: "signed-out",
        does: "the guest pays their order from its receipt link with the demo card: it is paid",
        args: () => [payToken, { ok: true }, cardForm()],
        verdict: "allowed",
        answer: { redirect: new RegExp(`^/receipt/${payToken}\\?paid=1$`) },
        then: async () => expect((await orderRow(ids.guestPending)).status).toBe("paid"),
      },
    ],
  },
  "lib/actions/autoship/manage-autoship.ts#startAutoship": {
    rule: "member",
    cases: [
      {
        as: "admin",
        does: "an admin without a distributor record starts an autoship",
        args: () => [{ ok: true }, autoshipForm()],
        verdict: "refused",
        answer: { ok: false, message: "Only distributors can have an autoship." },
      },
      {
        as: "member-7",
        does: "a terminated distributor starts an autoship",
        args: () => [{ ok: true }, autoshipForm()],
        verdict: "refused",
        answer: { ok: false, message: "Only distributors can have an autoship." },
      },
      {
        as: "member-6",
        does: "a distributor who has an autoship starts a second one (no card is saved for it)",
        args: () => [{ ok: true }, autoshipForm()],
        verdict: "refused",
        answer: { ok: false, message: /already have an autoship/ },
      },
      {
        as: "member-8",
        does: "with Stripe, member 8 starts an autoship on a card member 6 saved with Stripe (a forged paymentMethodId): refused, nothing written",
        args: () => [{ ok: true }, autoshipStripeForm(ids.stripeCard6)],
        verdict: "refused",
        answer: { ok: false, message: "This card is not saved on your account. Save it again." },
        stripe: true,
      },
      {
        as: "member-8",
        does: "member 8 starts an autoship of a product no longer sold: refused, and the card typed into the form is not kept",
        args: () => [{ ok: true }, autoshipForm({ [`qty-${co.productIds[1]}`]: "0", [`qty-${ids.archived}`]: "1" })],
        verdict: "refused",
        answer: { ok: false, message: /no longer available/ },
      },
      {
        as: "member-8",
        does: "member 8 starts their own autoship: it is theirs, at the catalog's prices",
        args: () => [{ ok: true }, autoshipForm()],
        verdict: "allowed",
        answer: { redirect: "/dashboard/autoship?started=1" },
        then: async () => {
          const rows = await queryRows<{ distributor_id: number; status: string }>(
            t.db,
            sql`select distributor_id, status from subscriptions where distributor_id = ${co.ids[8]!}`,
          );
          expect(rows).toEqual([{ distributor_id: co.ids[8], status: "active" }]);
        },
      },
    ],
  },
  "lib/actions/autoship/manage-autoship.ts#changeAutoshipItems": {
    rule: "member",
    cases: [
      ...foreignAutoship(() => form({ subscriptionId: String(ids.autoship6), [`qty-${co.productIds[0]}`]: "4" })),
      {
        as: "member-6",
        does: "member 6 changes their own autoship's items",
        args: () => [{ ok: true }, form({ subscriptionId: String(ids.autoship6), [`qty-${co.productIds[0]}`]: "4" })],
        verdict: "allowed",
        answer: { ok: true },
        then: async () => {
          const rows = await queryRows(t.db, sql`select product_id, quantity from subscription_items where subscription_id = ${ids.autoship6}`);
          expect(rows).toEqual([{ product_id: co.productIds[0], quantity: 4 }]);
        },
      },
    ],
  },
  "lib/actions/autoship/manage-autoship.ts#changeAutoshipDay": {
    rule: "member",
    cases: [
      ...foreignAutoship(() => form({ subscriptionId: String(ids.autoship6), dayOfMonth: "25" })),
      {
        as: "member-6",
        does: "member 6 moves their own autoship to the 25th",
        args: () => [{ ok: true }, form({ subscriptionId: String(ids.autoship6), dayOfMonth: "25" })],
        verdict: "allowed",
        answer: { ok: true, message: /November 25, 2026/ },
      },
    ],
  },
  "lib/actions/autoship/manage-autoship.ts#changeAutoshipAddress": {
    rule: "member",
    cases: [
      ...foreignAutoship(() => form({ subscriptionId: String(ids.autoship6), ...address })),
      {
        as: "member-6",
        does: "member 6 changes their own autoship's address",
        args: () => [{ ok: true }, form({ subscriptionId: String(ids.autoship6), ...address })],
        verdict: "allowed",
        answer: { ok: true },
      },
    ],
  },
  "lib/actions/autoship/manage-autoship.ts#changeAutoshipCard": {
    rule: "member",
    cases: [
      ...foreignAutoship(() => cardFor(ids.autoship6)),
      {
        as: "member-6",
        does: "member 6 saves a new card for their own autoship: the card is theirs",
        args: () => [{ ok: true }, cardFor(ids.autoship6)],
        verdict: "allowed",
        answer: { ok: true },
        then: async () => {
          const owners = await queryRows(
            t.db,
            sql`select m.distributor_id from subscriptions s join payment_methods m on m.id = s.payment_method_id where s.id = ${ids.autoship6}`,
          );
          expect(owners).toEqual([{ distributor_id: co.ids[6] }]);
        },
      },
    ],
  },
  "lib/actions/autoship/save-card-with-provider.ts#saveAutoshipCardWithProvider": {
    rule: "member",
    cases: [
      {
        ...foreignAutoship(() => form({ subscriptionId: String(ids.autoship5), cardSaveKey: randomUUID() }))[0]!,
        answer: { ok: false, message: "This autoship does not exist or is cancelled. Reload the page." },
        does: "with Stripe, another team's distributor asks to save a card for member 5's autoship: refused before Stripe is asked",
        stripe: true,
        then: () => expect(lastStand?.requests).toEqual([]),
      },
      {
        as: "member-5",
        does: "with Stripe, member 5 saves a card for their own autoship: sent to a setup session naming them and their autoship (nothing written until it is saved)",
        args: () => [{ ok: true }, form({ subscriptionId: String(ids.autoship5), cardSaveKey: randomUUID() })],
        verdict: "allowed",
        answer: { redirect: /^https:\/\/checkout\.stripe\.test\/c\/setup\/cs_test_/ },
        writes: "nothing",
        stripe: true,
        then: () => {
          const [session] = [...lastStand!.sessions.values()];
          expect(session).toMatchObject({
            mode: "setup",
            metadata: { distributor_id: String(co.ids[5]), subscription_id: String(ids.autoship5) },
            success_url: expect.stringMatching(/^http:\/\/portal\.test\/dashboard\/autoship\?card_session=cs_test_/),
          });
        },
      },
    ],
  },
  "lib/actions/autoship/manage-autoship.ts#skipAutoshipRun": {
    rule: "member",
    cases: [
      ...foreignAutoship(() => form({ subscriptionId: String(ids.autoship6) })),
      {
        as: "member-6",
        does: "member 6 skips their own next order",
        args: () => [{ ok: true }, form({ subscriptionId: String(ids.autoship6) })],
        verdict: "allowed",
        answer: { ok: true, message: /November 25, 2026 run is skipped/ },
      },
    ],
  },
  "lib/actions/autoship/manage-autoship.ts#pauseAutoship": {
    rule: "member",
    cases: [
      ...foreignAutoship(() => form({ subscriptionId: String(ids.autoship6) })),
      {
        as: "member-6",
        does: "member 6 pauses their own autoship",
        args: () => [{ ok: true }, form({ subscriptionId: String(ids.autoship6) })],
        verdict: "allowed",
        answer: { ok: true },
      },
    ],
  },
  "lib/actions/autoship/manage-autoship.ts#resumeAutoship": {
    rule: "member",
    cases: [
      ...foreignAutoship(() => form({ subscriptionId: String(ids.autoship6) })),
      {
        as: "member-6",
        does: "member 6 resumes their own autoship",
        args: () => [{ ok: true }, form({ subscriptionId: String(ids.autoship6) })],
        verdict: "allowed",
        answer: { ok: true },
      },
    ],
  },
  "lib/actions/autoship/manage-autoship.ts#cancelAutoship": {
    rule: "member",
    cases: [
      ...foreignAutoship(() => form({ subscriptionId: String(ids.autoship6) })),
      {
        as: "member-6",
        does: "member 6 cancels their own autoship",
        args: () => [{ ok: true }, form({ subscriptionId: String(ids.autoship6) })],
        verdict: "allowed",
        answer: { ok: true },
        then: async () => {
          const [row] = await queryRows<{ status: string }>(t.db, sql`select status from subscriptions where id = ${ids.autoship6}`);
          expect(row!.status).toBe("cancelled");
        },
      },
    ],
  },
  "lib/actions/autoship/skip-by-link.ts#skipAutoshipByLink": {
    rule: "public",
    why:
      "A reminder email's skip link works without signing in: its token, signed with the portal's secret, names one subscription and one date, " +
      "so it can skip that one order and nothing else, and cannot be made for anyone else's autoship.",
    cases: [
      {
        as: "signed-out",
        does: "a guest sends member 5's skip token with its signature altered",
        args: () => [skipToken5().slice(0, -3) + "AAA"],
        verdict: "refused",
        answer: { ok: false, message: /not valid/ },
      },
      {
        as: "signed-out",
        does: "a guest sends a correctly signed token for a date that is not member 5's next order",
        args: () => [signSkipToken(authSecret(), ids.autoship5, "2026-12-20")],
        verdict: "refused",
        answer: { ok: false, message: /not the next one/ },
      },
      {
        as: "signed-out",
        does: "member 5, not signed in, follows their reminder's link: that one order is skipped",
        args: () => [skipToken5()],
        verdict: "allowed",
        answer: { ok: true, message: /November 20, 2026/ },
        then: async () => {
          const rows = await queryRows(t.db, sql`select cycle::text as cycle, status from subscription_runs where subscription_id = ${ids.autoship5}`);
          expect(rows).toEqual([{ cycle: "2026-11-20", status: "skipped" }]);
        },
      },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#customerSaveCardFromReceipt": {
    rule: "public",
    why: "With Stripe, a customer saves the card for the autoship they are about to start from their paid order's receipt link, their only key; the card is saved for that order.",
    cases: [
      {
        as: "signed-out",
        does: "with Stripe, a malformed receipt token: refused before Stripe is asked",
        args: () => ["not-a-token", { ok: true }, form({ cardSaveKey: randomUUID() })],
        verdict: "refused",
        answer: { ok: false, message: /Autoship starts from a paid order/ },
        stripe: true,
        then: () => expect(lastStand?.requests).toEqual([]),
      },
      {
        as: "signed-out",
        does: "with Stripe, the receipt of an order that already has its autoship",
        args: () => [relinkReceipt, { ok: true }, form({ cardSaveKey: randomUUID() })],
        verdict: "refused",
        answer: { ok: false, message: /Autoship starts from a paid order/ },
        stripe: true,
      },
      {
        as: "signed-out",
        does: "with Stripe, the customer saves a card from their receipt: a setup session naming their order only (nothing written until it is saved)",
        args: () => [startReceipt, { ok: true }, form({ cardSaveKey: randomUUID() })],
        verdict: "allowed",
        answer: { redirect: /^https:\/\/checkout\.stripe\.test\/c\/setup\/cs_test_/ },
        writes: "nothing",
        stripe: true,
        then: () => {
          const [session] = [...lastStand!.sessions.values()];
          expect(session).toMatchObject({
            mode: "setup",
            metadata: { order_id: String(ids.startOrder) },
            success_url: expect.stringMatching(new RegExp(`^http://portal\\.test/receipt/${startReceipt}\\?card_session=cs_test_`)),
          });
        },
      },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#startCustomerAutoship": {
    rule: "public",
    why:
      "A retail customer has no account: the receipt link of their paid order (an unguessable token, only its hash stored) is their key, " +
      "and it starts an autoship of that order only, sold by that order's distributor.",
    cases: [
      {
        as: "signed-out",
        does: "a guest sends a malformed receipt token",
        args: () => ["not-a-token", { ok: true }, autoshipCustomerForm()],
        verdict: "refused",
        answer: { ok: false, message: "This receipt link does not work." },
      },
      {
        as: "member-6",
        does: "the shop's distributor sends a well-formed token no order has",
        args: () => ["u".repeat(43), { ok: true }, autoshipCustomerForm()],
        verdict: "refused",
        answer: { ok: false, message: "This receipt link does not work." },
      },
      {
        as: "signed-out",
        does: "the order's receipt link asks again for the autoship it already has",
        args: () => [relinkReceipt, { ok: true }, autoshipCustomerForm()],
        verdict: "refused",
        answer: { ok: false, message: /already has an autoship/ },
      },
      {
        as: "signed-out",
        does: "the customer starts monthly delivery from their paid order's receipt: it is theirs, sold by member 6, and its manage link opens",
        args: () => [startReceipt, { ok: true }, autoshipCustomerForm()],
        verdict: "allowed",
        answer: { redirect: /^\/autoship\/manage\/\d+\.1\.[A-Za-z0-9_-]{43}\?started=1$/ },
        then: async () => {
          const [row] = await queryRows<{ distributor_id: number | null; seller_id: number; email: string }>(
            t.db,
            sql`select s.distributor_id, s.seller_id, o.customer_email as email from subscriptions s join orders o on o.id = s.source_order_id
                where o.customer_email = 'starter@test.example'`,
          );
          expect(row).toEqual({ distributor_id: null, seller_id: co.ids[6], email: "starter@test.example" });
        },
      },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#emailManageLinkFromReceipt": {
    rule: "public",
    why: "The receipt link of the order an autoship started from is the customer's key: it can have the manage link emailed to the order's address, nowhere else.",
    cases: [
      {
        as: "signed-out",
        does: "a guest sends a malformed receipt token",
        args: () => ["not-a-token"],
        verdict: "refused",
        answer: { ok: false, message: "This order has no autoship." },
      },
      {
        as: "signed-out",
        does: "the receipt of a guest order without autoship",
        args: () => [payToken],
        verdict: "refused",
        answer: { ok: false, message: "This order has no autoship." },
      },
      {
        as: "signed-out",
        does: "the customer asks for a new link from the receipt: emailed to the order's address (the request counts against its hourly limit)",
        args: () => [relinkReceipt],
        verdict: "allowed",
        answer: { ok: true, message: /emailed you a new link/ },
        then: async () => {
          const sent = await queryRows<{ to_address: string }>(
            t.db,
            sql`select to_address from emails where event_key like ${`customer:autoship:${ids.relinkAutoship}:manage-link:%`}`,
          );
          expect(sent.map((e) => e.to_address)).toEqual(["relink@test.example", "relink@test.example"]);
        },
      },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#customerChangeItems": {
    rule: "public",
    why: customerWhy,
    cases: [
      ...foreignManageLink(() => [{ ok: true }, form({ [`qty-${co.productIds[1]}`]: "1" })]),
      {
        as: "signed-out",
        does: "the customer changes the items through their link",
        args: () => [customerToken(), { ok: true }, form({ [`qty-${co.productIds[1]}`]: "1" })],
        verdict: "allowed",
        answer: { ok: true },
      },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#customerChangeDay": {
    rule: "public",
    why: customerWhy,
    cases: [
      ...foreignManageLink(() => [{ ok: true }, form({ dayOfMonth: "9" })]),
      {
        as: "signed-out",
        does: "the customer moves it to the 9th through their link",
        args: () => [customerToken(), { ok: true }, form({ dayOfMonth: "9" })],
        verdict: "allowed",
        answer: { ok: true, message: /the next order is on/ },
      },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#customerChangeAddress": {
    rule: "public",
    why: customerWhy,
    cases: [
      ...foreignManageLink(() => [{ ok: true }, form(address)]),
      {
        as: "signed-out",
        does: "the customer changes the shipping address through their link",
        args: () => [customerToken(), { ok: true }, form(address)],
        verdict: "allowed",
        answer: { ok: true },
      },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#customerChangeCard": {
    rule: "public",
    why: customerWhy,
    cases: [
      ...foreignManageLink(() => [{ ok: true }, form({ cardNumber: "4242 4242 4242 4242", cardExpiry: "12/30", cardCvc: "123" })]),
      {
        as: "signed-out",
        does: "the customer saves another card through their link: it is saved as theirs (the order's), not any member's",
        args: () => [customerToken(), { ok: true }, form({ cardNumber: "4242 4242 4242 4242", cardExpiry: "12/30", cardCvc: "123" })],
        verdict: "allowed",
        answer: { ok: true },
        then: async () => {
          const [card] = await queryRows<{ distributor_id: number | null; order_id: number | null }>(
            t.db,
            sql`select m.distributor_id, m.order_id from subscriptions s join payment_methods m on m.id = s.payment_method_id where s.id = ${ids.customerAutoship}`,
          );
          expect(card!.distributor_id).toBeNull();
          expect(card!.order_id).not.toBeNull();
        },
      },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#customerSaveCardWithProvider": {
    rule: "public",
    why: customerWhy,
    cases: [
      ...foreignManageLink(() => [{ ok: true }, form({ cardSaveKey: randomUUID() })]),
      {
        as: "signed-out",
        does: "with Stripe, the customer saves another card through their link: a setup session naming their order and autoship (nothing written until it is saved)",
        args: () => [customerToken(), { ok: true }, form({ cardSaveKey: randomUUID() })],
        verdict: "allowed",
        answer: { redirect: /^https:\/\/checkout\.stripe\.test\/c\/setup\/cs_test_/ },
        writes: "nothing",
        stripe: true,
        then: () => {
          const [session] = [...lastStand!.sessions.values()];
          expect(session).toMatchObject({ mode: "setup", metadata: { order_id: String(ids.customerOrder), subscription_id: String(ids.customerAutoship) } });
        },
      },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#customerSkip": {
    rule: "public",
    why: customerWhy,
    cases: [
      ...foreignManageLink(() => []),
      { as: "signed-out", does: "the customer skips the next order", args: () => [customerToken()], verdict: "allowed", answer: { ok: true } },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#customerPause": {
    rule: "public",
    why: customerWhy,
    cases: [
      ...foreignManageLink(() => []),
      { as: "signed-out", does: "the customer pauses it", args: () => [customerToken()], verdict: "allowed", answer: { ok: true } },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#customerResume": {
    rule: "public",
    why: customerWhy,
    cases: [
      ...foreignManageLink(() => []),
      { as: "signed-out", does: "the customer resumes it", args: () => [customerToken()], verdict: "allowed", answer: { ok: true } },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#customerCancel": {
    rule: "public",
    why: customerWhy,
    cases: [
      ...foreignManageLink(() => []),
      { as: "signed-out", does: "the customer cancels it", args: () => [customerToken()], verdict: "allowed", answer: { ok: true } },
    ],
  },
  "lib/actions/autoship/customer-autoship.ts#customerNewLink": {
    rule: "public",
    why: customerWhy,
    cases: [
      ...foreignManageLink(() => []),
      {
        as: "signed-out",
        does: "the customer replaces their link: a new one is emailed, and this one stops working (the request counts against its hourly limit)",
        args: () => [customerToken()],
        verdict: "allowed",
        answer: { ok: true, message: /emailed you a new link/ },
        then: async () => {
          const { subscriptionOfManageToken } = await import("@/lib/autoship/customer");
          expect(await subscriptionOfManageToken(t.db, customerToken())).toBeNull();
        },
      },
    ],
  },
  "lib/actions/referrals/sign-up-distributor.ts#signUpDistributor": {
    rule: "public",
    why:
      "A prospect has no account yet: joining is the way in. The sponsor comes only from the link code bound on the server from the URL " +
      "(or the company's root on /join), never from a form field; a signed-in member cannot open a second account.",
    cases: [
      {
        as: "member-8",
        does: "a signed-in distributor signs up again",
        args: () => ["member-6", { ok: true }, signUpForm()],
        verdict: "refused",
        answer: { ok: false, message: /already signed in/ },
      },
      {
        as: "signed-out",
        does: "a prospect joins through a code nobody has (the attempt counts against the per-IP rate limit, by design: rate_limits changes)",
        args: () => ["no-such-link", { ok: true }, signUpForm()],
        verdict: "refused",
        answer: { ok: false, message: /not valid any more/ },
        except: ["rate_limits"],
      },
      {
        as: "signed-out",
        does: "a prospect joins through a terminated distributor's code (the attempt counts against the rate limit: rate_limits changes)",
        args: () => ["member-7", { ok: true }, signUpForm()],
        verdict: "refused",
        answer: { ok: false, message: /not valid any more/ },
        except: ["rate_limits"],
      },
      {
        as: "signed-out",
        does: "a prospect joins through member 6's code with forged sponsor and role fields: the sponsor is member 6, the role distributor",
        args: () => ["member-6", { ok: true }, signUpForm({ sponsorId: String(co.ids[8]), sponsor: "member-8", linkCode: "member-8", role: "admin" })],
        verdict: "allowed",
        answer: { ok: true },
        then: async (outcome) => {
          expect(outcome.result).toMatchObject({ checkInbox: "prospect@test.example" });
          // Waiting for its email: a pending enrolment under member 6, no distributor yet, and no session.
          const [joined] = await t.db
            .select({ userId: users.id, role: users.role, sponsorId: pendingEnrolments.sponsorId, distributorId: distributors.id })
            .from(users)
            .innerJoin(pendingEnrolments, eq(pendingEnrolments.userId, users.id))
            .leftJoin(distributors, eq(distributors.userId, users.id))
            .where(eq(users.email, "prospect@test.example"));
          expect(joined).toMatchObject({ role: "distributor", sponsorId: co.ids[6], distributorId: null });
          expect(state.signedIn).not.toContain(joined!.userId);
        },
      },
      {
        as: "signed-out",
        does: "a prospect signs up with member 8's email: the same answer as a new signup (nothing says the account exists), no account, only an email to member 8",
        args: () => ["member-6", { ok: true }, signUpForm({ email: "member8@test.example" })],
        verdict: "refused",
        answer: { ok: true },
        except: ["rate_limits", "emails", "jobs"],
        then: async (outcome) => {
          expect(outcome.result).toMatchObject({ checkInbox: "member8@test.example" });
          // Member 8 may have other mail from other cases (a password reset): this signup added exactly one "someone tried" email.
          const notices = await t.db
            .select({ template: emails.template })
            .from(emails)
            .where(and(eq(emails.toAddress, "member8@test.example"), eq(emails.template, "email_in_use")));
          expect(notices).toEqual([{ template: "email_in_use" }]);
        },
      },
    ],
  },
  "lib/actions/accounts/verify-email.ts#verifyEmail": {
    rule: "public",
    why: "A new member confirms their email from the link they were sent, signed in or not: the link's unguessable single-use token is the only key (only its hash is stored).",
    cases: [
      {
        as: "signed-out",
        does: "someone posts a malformed token",
        args: () => [{ ok: true }, form({ token: "not-a-token" })],
        verdict: "refused",
        answer: { ok: false, message: /does not work/ },
      },
      {
        as: "signed-out",
        does: "someone posts a well-formed token nobody was sent",
        args: () => [{ ok: true }, form({ token: "v".repeat(43) })],
        verdict: "refused",
        answer: { ok: false, message: /does not work/ },
      },
      {
        as: "signed-out",
        does: "the new member confirms with their link: they are placed under their sponsor and sent to sign in",
        args: () => [{ ok: true }, form({ token: ids.verifyToken })],
        verdict: "allowed",
        answer: { redirect: /^\/sign-in\?verified=1/ },
        then: async () => {
          const [placed] = await t.db.select({ sponsorId: distributors.sponsorId }).from(distributors).where(eq(distributors.userId, ids.linkSignup));
          expect(placed).toEqual({ sponsorId: co.ids[5] });
        },
      },
    ],
  },
  "lib/actions/accounts/resend-verification.ts#resendVerification": {
    rule: "member",
    cases: [
      {
        as: "member-8",
        does: "a verified distributor asks for a verification link: there is nothing to verify",
        args: () => [{ ok: true }],
        verdict: "refused",
        answer: { ok: false, message: /already confirmed/ },
      },
      {
        as: "member-9",
        does: "the unverified signup asks for a new link to their own address (the rate limit counts it)",
        args: () => [{ ok: true }],
        verdict: "allowed",
        answer: { ok: true, message: /pending9@test\.example/ },
      },
    ],
  },
  "lib/actions/auth/sign-in.ts#signInWithPassword": {
    rule: "public",
    why: "Signing in is how a guest gets a session. It writes nothing but the failed-attempt count of the email and address it was given (the session is a signed cookie); only a correct password opens one, and only on this site.",
    cases: [
      {
        as: "signed-out",
        does: "a guest signs in as member 8 with a wrong password",
        args: () => [{ ok: true }, form({ email: "member8@test.example", password: "not the password" })],
        verdict: "refused",
        except: ["sign_in_throttles"],
        answer: { ok: false, message: /do not match/ },
        then: () => expect(state.signedIn).not.toContain(userIds[8]),
      },
      {
        as: "signed-out",
        does: "a guest signs in with an email nobody has",
        args: () => [{ ok: true }, form({ email: "nobody@test.example", password })],
        verdict: "refused",
        except: ["sign_in_throttles"],
        answer: { ok: false, message: /do not match/ },
      },
      {
        as: "signed-out",
        does: "member 8 signs in with the right password and a callback to another site: the session opens, the redirect stays here",
        args: () => [{ ok: true }, form({ email: "member8@test.example", password, callbackUrl: "https://evil.example/dashboard" })],
        verdict: "allowed",
        answer: { redirect: "/dashboard" },
        writes: "nothing",
        // The success forgets member 8's failed attempt above.
        except: ["sign_in_throttles"],
        then: () => expect(state.signedIn).toContain(userIds[8]),
      },
    ],
  },
  "lib/actions/account/request-password-reset-link.ts#requestPasswordResetLink": {
    rule: "public",
    why: "A person who forgot their password cannot sign in: asking for a reset link is how they get back. The link goes only to the account's own address, and the answer is the same whether or not an account has it.",
    cases: [
      {
        as: "signed-out",
        does: "a guest asks for a reset link for an email nobody has: the same answer, nothing queued (the request counts against the limits: rate_limits changes)",
        args: () => [{ ok: false }, form({ email: "nobody@test.example" })],
        verdict: "refused",
        answer: { ok: true, message: /^If an account uses that address/ },
        except: ["rate_limits"],
      },
      {
        as: "signed-out",
        does: "a guest asks for member 8's reset link, with a forged recipient field: the link goes only to member 8's own address",
        args: () => [{ ok: false }, form({ email: "MEMBER8@test.example", to: "attacker@evil.example", userId: String(userIds[1]) })],
        verdict: "allowed",
        answer: { ok: true, message: /^If an account uses that address/ },
        then: async () => {
          const mails = await t.db.select({ to: emails.toAddress, userId: emails.userId }).from(emails).where(eq(emails.template, "reset_password"));
          expect(mails).toEqual([{ to: "member8@test.example", userId: userIds[8] }]);
        },
      },
    ],
  },
  "lib/actions/account/reset-forgotten-password.ts#resetForgottenPassword": {
    rule: "public",
    why: "The person resetting is signed out: the link's single-use token (bound on the server from the URL, only its hash stored) is their only key, and it opens only its own account.",
    cases: [
      {
        as: "signed-out",
        does: "a guest resets with a malformed token",
        args: () => ["not-a-token", { ok: false }, form({ password: "a brand new password", confirm: "a brand new password" })],
        verdict: "refused",
        answer: { ok: false, message: /expired or was already used/ },
      },
      {
        as: "signed-out",
        does: "a guest resets with a well-formed token no link has",
        args: () => ["r".repeat(43), { ok: false }, form({ password: "a brand new password", confirm: "a brand new password" })],
        verdict: "refused",
        answer: { ok: false, message: /expired or was already used/ },
      },
      {
        as: "signed-out",
        does: "member 1 follows their reset link, with a forged userId naming member 8: member 1's password changes, and every session of theirs ends",
        args: () => [links.reset, { ok: false }, form({ password: "a brand new password", confirm: "a brand new password", userId: String(userIds[8]) })],
        verdict: "allowed",
        answer: { redirect: "/sign-in?reset=1" },
        then: async () => {
          const rows = await t.db
            .select({ id: users.id, hash: users.passwordHash })
            .from(users)
            .where(inArray(users.id, [userIds[1]!, userIds[8]!]));
          expect(await verifyPassword(rows.find((r) => r.id === userIds[1])!.hash, "a brand new password")).toBe(true);
          expect(await verifyPassword(rows.find((r) => r.id === userIds[8])!.hash, password)).toBe(true);
        },
      },
    ],
  },
  "lib/actions/account/confirm-new-email.ts#confirmNewEmail": {
    rule: "public",
    why: "The link sent to a new address proves that inbox, whoever opens it, signed in or not: its single-use token (bound on the server from the URL) is the key, and it changes only its own account's email to the address it was issued for.",
    cases: [
      {
        as: "signed-out",
        does: "a guest confirms with a malformed token",
        args: () => ["nope"],
        verdict: "refused",
        answer: { ok: false, message: /expired/ },
      },
      {
        as: "member-8",
        does: "member 8 opens member 3's confirmation link: member 3's email changes to the address it was issued for, member 8's stays",
        args: () => [links.email],
        verdict: "allowed",
        answer: { ok: true, message: "Done: your account now signs in with member3.new@test.example." },
        then: async () => {
          const rows = await t.db
            .select({ id: users.id, email: users.email })
            .from(users)
            .where(inArray(users.id, [userIds[3]!, userIds[8]!]));
          expect(rows.sort((a, b) => a.id - b.id)).toEqual([
            { id: userIds[3], email: "member3.new@test.example" },
            { id: userIds[8], email: "member8@test.example" },
          ]);
        },
      },
    ],
  },
  "lib/actions/account/change-my-password.ts#changeMyPassword": {
    rule: "member",
    cases: [
      {
        as: "member-2",
        does: "a distributor changes their password with a wrong current password (the wrong try is counted: rate_limits changes)",
        args: () => [{ ok: false }, form({ current: "not the password", password: "a brand new password", confirm: "a brand new password" })],
        verdict: "refused",
        answer: { ok: false, fieldErrors: { current: "That is not your current password." } },
        except: ["rate_limits"],
      },
      {
        as: "member-2",
        does: "a distributor changes their own password, with a forged userId naming member 8: only theirs changes, and this session is signed in again",
        args: () => [{ ok: false }, form({ current: password, password: "a brand new password", confirm: "a brand new password", userId: String(userIds[8]) })],
        verdict: "allowed",
        answer: { redirect: "/dashboard/account?changed=password" },
        then: async () => {
          expect(state.signedIn.at(-1)).toBe(userIds[2]);
          const [eight] = await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userIds[8]!));
          expect(await verifyPassword(eight!.hash, password)).toBe(true);
        },
      },
    ],
  },
  "lib/actions/account/change-my-email.ts#changeMyEmail": {
    rule: "member",
    cases: [
      {
        as: "member-5",
        does: "a distributor asks to change their email with a wrong current password (the wrong try is counted: rate_limits changes)",
        args: () => [{ ok: false }, form({ current: "not the password", email: "five.new@test.example" })],
        verdict: "refused",
        answer: { ok: false, fieldErrors: { current: "That is not your current password." } },
        except: ["rate_limits"],
      },
      {
        as: "member-5",
        does: "a distributor asks to change their own email, with a forged userId naming member 8: the link is for their own account, and nothing changes yet",
        args: () => [{ ok: false }, form({ current: password, email: "five.new@test.example", userId: String(userIds[8]) })],
        verdict: "allowed",
        answer: { ok: true, message: /^We sent a link to five\.new@test\.example/ },
        then: async () => {
          const [link] = await t.db.select({ to: emails.toAddress, userId: emails.userId }).from(emails).where(eq(emails.template, "change_email"));
          expect(link).toEqual({ to: "five.new@test.example", userId: userIds[5] });
          const [five] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, userIds[5]!));
          expect(five!.email).toBe("member5@test.example");
        },
      },
    ],
  },
  "lib/actions/account/update-my-time-zone.ts#updateMyTimeZone": {
    rule: "member",
    cases: [
      {
        as: "member-6",
        does: "a distributor picks a zone that does not exist: told so, nothing changes",
        args: () => [{ ok: true }, form({ timeZone: "Mars/Olympus_Mons" })],
        verdict: "refused",
        answer: { ok: false, fieldErrors: { timeZone: "Choose a time zone from the list, such as Europe/Paris or America/New_York." } },
      },
      {
        as: "member-6",
        does: "a distributor sets their zone, with a forged userId naming member 8: only theirs changes",
        args: () => [{ ok: true }, form({ timeZone: "Asia/Tokyo", userId: String(userIds[8]) })],
        verdict: "allowed",
        answer: { ok: true },
        then: async () => {
          const rows = await t.db
            .select({ id: users.id, timeZone: users.timeZone })
            .from(users)
            .where(inArray(users.id, [userIds[6]!, userIds[8]!]));
          expect(rows.sort((a, b) => a.id - b.id)).toEqual([
            { id: userIds[6], timeZone: "Asia/Tokyo" },
            { id: userIds[8], timeZone: "UTC" },
          ]);
          // Back to UTC: other cases assert member 6's times in words.
          await t.db.update(users).set({ timeZone: "UTC" }).where(eq(users.id, userIds[6]!));
        },
      },
    ],
  },
  "lib/actions/auth/sign-out.ts#signOutAction": {
    rule: "public",
    why: "It ends the caller's own sessions (the cookie, and every token of theirs by raising their session version): it takes no argument, so there is nothing of anyone else's it could touch.",
    cases: [
      { as: "signed-out", does: "a guest signs out: back to sign-in", args: () => [], verdict: "allowed", answer: { redirect: "/sign-in" }, writes: "nothing" },
      {
        as: "member-8",
        does: "member 8 signs out: their session ends, and so does every token of theirs (their session version goes up)",
        args: () => [],
        verdict: "allowed",
        answer: { redirect: "/sign-in" },
        writes: "something",
        then: async () => {
          expect(state.signedOut).toContain(userIds[8]);
          const versions = await state.db!.select({ id: users.id, sv: users.sessionVersion }).from(users);
          expect(versions.filter((u) => u.sv !== 1).map((u) => u.id)).toContain(userIds[8]);
        },
      },
    ],
  },
};

/** The cases a policy runs: its own, after the ones its rule implies. */
function casesOf(policy: Policy): Case[] {
  const toSignIn = { redirect: "/sign-in" } as const;
  switch (policy.rule) {
    case "admin":
      return [
        { as: "member-1", does: "a distributor calls an admin action", args: policy.args, verdict: "refused", answer: "404" },
        { as: "signed-out", does: "a guest calls an admin action", args: policy.args, verdict: "refused", answer: toSignIn },
      ];
    case "member": {
      const allowed = policy.cases.find((c) => c.verdict === "allowed");
      const args = allowed?.args ?? (() => []);
      return [
        { as: "signed-out", does: "a guest calls a member action (with a form its owner would send)", args, verdict: "refused", answer: toSignIn },
        ...policy.cases,
      ];
    }
    case "public":
      return policy.cases;
  }
}

/** The messages for actions without a policy, and policies without an action. */
function policyGaps(actions: readonly ServerAction[], table: Record<string, unknown>): string[] {
  const found = new Set(actions.map(actionKey));
  return [
    ...[...found].filter((key) => !(key in table)).map((key) => `add ${key} to the policy table of ${thisFile} with its authorization rule`),
    ...Object.keys(table)
      .filter((key) => !found.has(key))
      .map((key) => `${key} is in the policy table of ${thisFile} but is no longer a server action: remove its entry`),
  ];
}

async function runCase(fn: ServerActionFn, key: string, c: Case) {
  const label = `${key}, ${c.as}: ${c.does}`;
  const before = await databaseFingerprint(t.db, c.except);
  const outcome = await signedInAs(c.as, () => (c.stripe ? withStripe(() => call(fn, c.args())) : call(fn, c.args())));
  if (c.answer === "404") expect(outcome.digest, label).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
  else if ("redirect" in c.answer) {
    const url = redirectUrl(outcome);
    expect(url, `${label} (answered ${JSON.stringify(outcome)})`).not.toBeNull();
    if (typeof c.answer.redirect === "string") expect(url, label).toBe(c.answer.redirect);
    else expect(url, label).toMatch(c.answer.redirect);
  } else {
    const { ok, message, fieldErrors } = c.answer;
    expect(outcome.result, `${label} (answered ${JSON.stringify(outcome)})`).toMatchObject({
      ok,
      ...(message === undefined ? {} : { message: typeof message === "string" ? message : expect.stringMatching(message) }),
      ...(fieldErrors === undefined ? {} : { fieldErrors }),
    });
  }
  const writes = c.writes ?? (c.verdict === "refused" ? "nothing" : "something");
  const after = await databaseFingerprint(t.db, c.except);
  if (writes === "nothing") expect(after, `${label}: nothing may be written`).toEqual(before);
  else expect(after, `${label}: the allowed call must write`).not.toEqual(before);
  await c.then?.(outcome);
}

// ---------------------------------------------------------------------------

const scan = findServerActions(root);

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  co = await createCompany(t.db, sponsors);
  adminId = await createAdmin(t.db);
  for (let i = 0; i < sponsors.length; i++) {
    const [u] = await t.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, `member${i}@test.example`));
    userIds.push(u!.id);
  }
  await t.db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(inArray(users.id, [userIds[2]!, userIds[5]!, userIds[8]!]));
  links.reset = await issueAccountToken(t.db, { userId: userIds[1]!, purpose: "reset_password", ttlMs: 3_600_000, at: state.now });
  links.email = await issueAccountToken(t.db, {
    userId: userIds[3]!,
    purpose: "change_email",
    ttlMs: 86_400_000,
    at: state.now,
    newEmail: "member3.new@test.example",
  });
  // Signups waiting for their email (lib/accounts/verify.ts).
  const { createPendingAccount } = await import("@/lib/accounts/verify");
  const signup = async (n: string, sponsor: number) => {
    const made = await createPendingAccount(t.db, {
      name: `Pending ${n}`,
      email: `pending${n}@test.example`,
      passwordHash: "x",
      country: "US",
      sponsorId: co.ids[sponsor]!,
      enrolledVia: "link",
      agreementVersion: "test",
      at: state.now,
    });
    if (!made.ok) throw new Error("pending signup not created");
    return made.userId;
  };
  userIds.push(await signup("9", 6));
  ids.adminSignup = await signup("-admin", 6);
  ids.linkSignup = await signup("-link", 5);
  ids.verifyToken = await issueAccountToken(t.db, { userId: ids.linkSignup, purpose: "verify_email", ttlMs: 86_400_000, at: state.now });
  const [archived] = await t.db.insert(products).values({ sku: "OLD", name: "Old", priceCents: 100, pv: 1, cvCents: 100, active: false }).returning();
  const [spare] = await t.db.insert(products).values({ sku: "SPARE", name: "Spare", priceCents: 100, pv: 1, cvCents: 100 }).returning();
  ids.archived = archived!.id;
  ids.spare = spare!.id;
  // Fixed dates: a closed month and an open one, whatever today is.
  const lastMonth = new Date("2026-10-01T12:00:00Z");
  const thisMonth = new Date("2026-11-15T12:00:00Z");
  await buy(1, lastMonth);
  await buy(2, lastMonth);
  const [closed] = await t.db.select().from(commissionPeriods);
  ids.closed = closed!.id;
  const { closePeriodAsAdmin } = await import("@/lib/actions/admin/close-period");
  expect(await signedInAs("admin", () => closePeriodAsAdmin({ ok: true }, form({ periodId: String(closed!.id), confirm: "on" })))).toMatchObject({ ok: true });
  for (const seller of [1, 2, 3]) ids.order = await buy(seller, thisMonth);
  ids.cancellable = await buy(6, thisMonth);
  ids.previewable = await buy(6, thisMonth);
  ids.return7ByAdmin = await buy(7, thisMonth);
  ids.return7ByMember = await buy(7, thisMonth);
  const toApprove = await buy(7, thisMonth);
  const toReject = await buy(7, thisMonth);
  // Unpaid orders for the pay actions: member 8's own, and a guest's on member 6's shop.
  const { createOrder } = await import("@/lib/orders/create");
  const { hashReceiptToken } = await import("@/lib/orders/receipts");
  const { demoShippingAddress } = await import("@/lib/payments/demo");
  const unpaid = (sellerId: number, kind: "personal" | "retail", receiptTokenHash?: string) =>
    createOrder(t.db, {
      sellerId,
      kind,
      items: [{ productId: co.productIds[0]!, quantity: 1 }],
      idempotencyKey: randomUUID(),
      shippingAddress: demoShippingAddress,
      provider: "demo",
      receiptTokenHash,
      customer: kind === "retail" ? { name: "Paying Guest", email: "paying@test.example" } : undefined,
      at: state.now,
    });
  ids.pending = (await unpaid(co.ids[8]!, "personal")).orderId;
  ids.guestPending = (await unpaid(co.ids[6]!, "retail", hashReceiptToken(payToken))).orderId;
  // Member 6 has used up their code changes: three in the last 30 days (the history alone; their code is still member-6).
  const dayAgo = new Date(state.now.getTime() - 86_400_000);
  await t.db
    .insert(referralCodeChanges)
    .values([1, 2, 3].map((n) => ({ distributorId: co.ids[6]!, fromCode: `six-${n}`, toCode: `six-${n + 1}`, changedAt: dayAgo })));
  const [open] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.status, "open"));
  ids.open = open!.id;
  // A job that used all its attempts, for "Retry now".
  const [failedJob] = await t.db
    .insert(jobs)
    .values({
      kind: "authz.test",
      key: "authz-failed",
      status: "failed",
      attempts: 8,
      lastError: "boom",
      runAt: state.now,
      createdAt: state.now,
      finishedAt: state.now,
    })
    .returning({ id: jobs.id });
  ids.failedJob = failedJob!.id;
  await t.db
    .update(distributors)
    .set({ status: "terminated" })
    .where(inArray(distributors.id, [co.ids[4]!, co.ids[7]!]));
  const { requestBuyback } = await import("@/lib/buyback/requests");
  for (const [key, orderId] of [
    ["buybackToApprove", toApprove],
    ["buybackToReject", toReject],
  ] as const) {
    ids[key] = (
      await requestBuyback(t.db, { distributorId: co.ids[7]!, orderIds: [orderId], requestedByUserId: userIds[7]!, at: state.now, byAdmin: false })
    ).requestId;
  }
  // Autoships on the 20th for members 6 and 5.
  const { saveDemoCard } = await import("@/lib/payments/demo");
  const { createSubscription } = await import("@/lib/autoship/manage");
  for (const member of [6, 5] as const) {
    const saved = await saveDemoCard(t.db, {
      distributorId: co.ids[member]!,
      card: { number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" },
      at: state.now,
    });
    if (!saved.ok) throw new Error(saved.message);
    const made = await createSubscription(t.db, {
      distributorId: co.ids[member]!,
      items: [{ productId: co.productIds[1]!, quantity: 1 }],
      dayOfMonth: 20,
      address: demoShippingAddress,
      methodId: saved.methodId,
      at: state.now,
    });
    ids[`autoship${member}`] = made.subscriptionId;
  }
  const [stripeCard6] = await t.db
    .insert(paymentMethods)
    .values({
      distributorId: co.ids[6]!,
      provider: "stripe",
      reference: "pm_test_authz6",
      customerReference: "cus_test_authz6",
      brand: "Visa",
      last4: "4242",
      expMonth: 12,
      expYear: 2030,
      createdAt: state.now,
    })
    .returning({ id: paymentMethods.id });
  ids.stripeCard6 = stripeCard6!.id;
  // Paid guest orders on member 6's shop; the second starts customers' autoships (the second twice: one for links, one for changes).
  const { placeDemoPaidOrder } = await import("@/lib/payments/demo");
  const { createCustomerSubscription } = await import("@/lib/autoship/customer");
  const guestPaid = async (receipt: string | null, email: string) =>
    (
      await placeDemoPaidOrder(t.db, {
        sellerId: co.ids[6]!,
        kind: "retail",
        items: [{ productId: co.productIds[0]!, quantity: 1 }],
        idempotencyKey: randomUUID(),
        customer: { name: "Regular Customer", email },
        ...(receipt ? { receiptTokenHash: hashReceiptToken(receipt) } : {}),
        at: state.now,
      })
    ).orderId;
  ids.startOrder = await guestPaid(startReceipt, "starter@test.example");
  for (const [receipt, email, key] of [
    [relinkReceipt, "relink@test.example", "relinkAutoship"],
    [null, "regular@test.example", "customerAutoship"],
  ] as const) {
    const orderId = await guestPaid(receipt, email);
    const card = await saveDemoCard(t.db, { orderId, card: { number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" }, at: state.now });
    if (!card.ok) throw new Error(card.message);
    const made = await createCustomerSubscription(t.db, { orderId, dayOfMonth: 22, methodId: card.methodId, at: state.now });
    ids[key] = made.subscriptionId;
    if (key === "customerAutoship") {
      ids.customerAutoshipVersion = made.version;
      ids.customerOrder = orderId;
    }
  }
  // An unread notification each for members 5 and 6 (member 8 has none).
  const { notify } = await import("@/lib/notifications/notify");
  for (const member of [5, 6] as const) {
    await notify(t.db, { userId: userIds[member]!, kind: "announcement", eventKey: `authz:${member}`, title: "News", body: ["Hello."], at: state.now });
    ids[`notification${member}`] = (await t.db.select().from(notifications).where(eq(notifications.userId, userIds[member]!)))[0]!.id;
  }
});
afterAll(async () => {
  await t?.destroy();
});

describe("the policy table lists every server action in the code, and nothing else", () => {
  it("the code has no inline or malformed server action", () => {
    expect(scan.problems).toEqual([]);
  });

  it("every action has a policy, and every policy an action", () => {
    expect(policyGaps(scan.actions, policies)).toEqual([]);
  });

  it("every member policy refuses a distributor something and allows one something; every public policy says why", () => {
    for (const [key, policy] of Object.entries(policies)) {
      if (policy.rule === "admin") continue;
      const byDistributor = policy.cases.filter((c) => c.as.startsWith("member-"));
      if (policy.rule === "member") {
        expect(
          byDistributor.some((c) => c.verdict === "refused"),
          `${key}: a distributor refused`,
        ).toBe(true);
        expect(
          byDistributor.some((c) => c.verdict === "allowed"),
          `${key}: a distributor allowed`,
        ).toBe(true);
      } else {
        expect(policy.why.length, `${key}: why it is public`).toBeGreaterThan(20);
        expect(
          policy.cases.some((c) => c.verdict === "allowed"),
          `${key}: a positive control`,
        ).toBe(true);
      }
    }
  });

  it("the scan sees module-level and inline directives, and names what is missing", () => {
    const actionFile = scanSource(
      "lib/actions/x/y.ts",
      `"use strict";\n"use server";\nexport async function z() {}\nexport const w = async () => {};\nexport function sync() {}\nexport type T = 1;\nexport * from "./other";\n`,
    );
    expect(actionFile.actions).toEqual([
      { file: "lib/actions/x/y.ts", name: "z" },
      { file: "lib/actions/x/y.ts", name: "w" },
    ]);
    expect(actionFile.problems).toEqual([
      'lib/actions/x/y.ts:5: "sync" is exported from a "use server" module but is not an async function',
      'lib/actions/x/y.ts:7: `export *` in a "use server" module hides which actions it exports: export them by name',
    ]);
    const listed = Object.keys(policies).map(parseKey);
    expect(policyGaps([...listed, ...actionFile.actions], policies)).toEqual([
      `add lib/actions/x/y.ts#z to the policy table of ${thisFile} with its authorization rule`,
      `add lib/actions/x/y.ts#w to the policy table of ${thisFile} with its authorization rule`,
    ]);
    expect(policyGaps(listed.slice(1), policies)).toEqual([
      `${actionKey(listed[0]!)} is in the policy table of ${thisFile} but is no longer a server action: remove its entry`,
    ]);

    const page = scanSource(
      "app/x/page.tsx",
      `export default function Page() {\n  async function save(formData: FormData) {\n    "use server";\n  }\n  return <form action={save} />;\n}\n`,
    );
    expect(page.actions).toEqual([]);
    expect(page.problems).toEqual([
      expect.stringMatching(/^app\/x\/page\.tsx:2: save is an inline "use server" action: move it to a module under lib\/actions\//),
    ]);
    // The words alone are no directive.
    expect(scanSource("lib/a.ts", `const s = "use server";\nexport async function f() { return s; }\n`)).toEqual({ actions: [], problems: [] });
  });
});

describe("every server action, called directly as a forged POST would be, follows its policy", () => {
  it.each(scan.actions.map((a) => [actionKey(a), a] as const))("%s", async (key, action) => {
    const policy = policies[key];
    if (!policy) throw new Error(`add ${key} to the policy table of ${thisFile} with its authorization rule`);
    const fn = await load(action);
    for (const c of casesOf(policy)) await runCase(fn, key, c);
  });
});

describe("the admin actions' forms are valid: the same calls by an admin go through", () => {
  it("each write changes the database; reads do not", async () => {
    for (const [key, policy] of Object.entries(policies)) {
      if (policy.rule !== "admin") continue;
      const fn = await load(parseKey(key));
      const before = await databaseFingerprint(t.db);
      const outcome = await signedInAs("admin", () => call(fn, policy.args()));
      // A successful create or delete redirects: that is the success path.
      const result = redirectUrl(outcome)?.startsWith("/admin/products") ? { ok: true } : outcome.result;
      expect(result, `${key} (answered ${JSON.stringify(outcome)})`).toMatchObject({ ok: true });
      if (policy.readOnly) expect(await databaseFingerprint(t.db), key).toEqual(before);
      else expect(await databaseFingerprint(t.db), key).not.toEqual(before);
    }
    expect((await orderRow(ids.order)).status).toBe("refunded");
  });
});

// ---------------------------------------------------------------------------
// Hostile input (the security review's sweep): every field of every action's
// valid form, and a bound referral code, replaced in turn by each value below,
// sent by the caller the form is valid for. Each call answers (a message, a
// redirect, a 404), never fails as a 500 would; a control character never
// reaches the database (a forged field the action ignores may still leave a
// valid order or account: what is written is checked, not that nothing is).

const hostile = [
  "%ZZ",
  "0x1F",
  "1e2",
  " 347",
  "2147483648",
  "99999999999999999999",
  "-1",
  "../../etc/passwd",
  "<script>x</script>",
  "'; drop table users; --",
  "x".repeat(3000),
];
const withControl = ["\u0000", "a\u0000b", "a\u001bb"];

/** The forms a policy's allowed callers send: the admin's, or each allowed case's. */
function validCalls(policy: Policy): { as: Caller; args: () => unknown[] }[] {
  if (policy.rule === "admin") return [{ as: "admin", args: policy.args }];
  return policy.cases.filter((c) => c.verdict === "allowed" && c.as !== "signed-out").map((c) => ({ as: c.as, args: c.args }));
}

/** The same call with the form's field `name` (every value of it) or the bound argument `index` replaced by `value`. */
function mutate(args: unknown[], target: { field: string } | { index: number }, value: string): unknown[] {
  return args.map((arg, i) => {
    if ("index" in target) return i === target.index ? value : arg;
    if (!(arg instanceof FormData)) return arg;
    const fd = new FormData();
    for (const [k, v] of arg.entries()) fd.append(k, k === target.field ? value : v);
    return fd;
  });
}

/** The text columns holding a control character other than a tab or a line break. */
async function storedControlCharacters(): Promise<string[]> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    t.db,
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type = 'text'`,
  );
  const found: string[] = [];
  for (const c of columns) {
    const [row] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from ${sql.identifier(c.table_name)} where ${sql.identifier(c.column_name)} ~ '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]'`,
    );
    if (row!.n > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

describe("hostile input: every action answers, and no control character is stored", () => {
  it.each(scan.actions.map((a) => [actionKey(a), a] as const))("%s", async (key, action) => {
    const fn = await load(action);
    for (const { as, args } of validCalls(policies[key]!)) {
      const sample = args();
      const targets = [
        ...[...new Set(sample.flatMap((arg) => (arg instanceof FormData ? [...arg.keys()] : [])))].map((field) => ({ field })),
        ...sample.flatMap((arg, index) => (typeof arg === "string" ? [{ index }] : [])),
      ];
      for (const target of targets) {
        for (const value of [...hostile, ...withControl]) {
          const label = `${key} as ${as}, ${JSON.stringify(target)} = ${JSON.stringify(value.slice(0, 20))}`;
          // call() rethrows anything but Next's redirect and 404: a 500 fails here.
          await expect(
            signedInAs(as, () => call(fn, mutate(args(), target, value))),
            label,
          ).resolves.toBeDefined();
        }
      }
    }
    expect(await storedControlCharacters(), key).toEqual([]);
  });
});
