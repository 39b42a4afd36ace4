import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { queryRows } from "@/db/rows";
import { customerOrigin, orderOfReceiptToken, subscriptionOfManageToken } from "@/lib/autoship/customer";
import { AutoshipError, changeCard, describeCardChange } from "@/lib/autoship/manage";
import { now } from "@/lib/clock";
import { getCheckoutOptions } from "@/lib/data/shop";
import { activeProvider } from "@/lib/payments";
import { PaymentError } from "@/lib/payments/provider";
import { readAutoship, type AutoshipDto, type SavedCardDto } from "./autoship";

// A retail customer's autoship, read with the key they hold: their order's
// receipt link, or the autoship's signed manage link (no account, no session).

/** A card saved with the provider for this order's customer that a new autoship can use: not replaced, not expired. */
async function readyCardOf(orderId: number, at: Date): Promise<SavedCardDto | null> {
  const db = await getDb();
  const [row] = await queryRows<{ id: number; brand: string; last4: string; exp_month: number; exp_year: number }>(
    db,
    sql`select id, brand, last4, exp_month, exp_year from payment_methods
        where order_id = ${orderId} and provider = 'stripe' and removed_at is null
          and make_date(exp_year, exp_month, 1) + interval '1 month' > (${at.toISOString()}::timestamptz at time zone 'UTC')
        order by id desc limit 1`,
  );
  return row ? { methodId: row.id, brand: row.brand, last4: row.last4, expMonth: row.exp_month, expYear: row.exp_year } : null;
}

export type ReceiptAutoshipOffer =
  | { hasAutoship: true }
  /** Demo payments: the card is typed into the offer's form. */
  | { hasAutoship: false; provider: "demo" }
  /** Stripe: the card is saved on Stripe's page first; `readyCard` once it is. */
  | { hasAutoship: false; provider: "stripe"; readyCard: SavedCardDto | null };

/** What a paid guest order's receipt offers: to start an autoship from it, or to email its manage link again; null: nothing. */
export async function getReceiptAutoshipOffer(receiptToken: string): Promise<ReceiptAutoshipOffer | null> {
  const db = await getDb();
  const orderId = await orderOfReceiptToken(db, receiptToken);
  const origin = orderId === null ? null : await customerOrigin(db, orderId);
  if (!origin) return null;
  if (origin.subscriptionId !== null) return { hasAutoship: true };
  const options = await getCheckoutOptions();
  if (!origin.startable || options.provider === null) return null;
  if (options.provider === "demo") return { hasAutoship: false, provider: "demo" };
  return { hasAutoship: false, provider: "stripe", readyCard: await readyCardOf(origin.orderId, now()) };
}

/**
 * Back from the provider's page where the customer saved a card (`card_session`
 * in the address): records it if that save is this order's customer's and
 * complete. From the manage page (`manageToken`), their autoship is switched
 * to it (which restarts a stopped one and retries a declined order). The
 * webhook does the same; whichever comes first, the other changes nothing.
 */
export async function finishCustomerCardSave(key: { receipt: string } | { manage: string }, session: string): Promise<{ ok: boolean; message: string } | null> {
  const provider = activeProvider();
  if (typeof session !== "string" || session.length > 255 || !provider?.finishCardSave) return null;
  const db = await getDb();
  const owner =
    "receipt" in key
      ? await orderOfReceiptToken(db, key.receipt).then((orderId) => (orderId === null ? null : { orderId, subscriptionId: null }))
      : await subscriptionOfManageToken(db, key.manage).then((named) =>
          named ? { orderId: named.sourceOrderId, subscriptionId: named.subscriptionId } : null,
        );
  if (!owner) return null;
  const at = now();
  let saved;
  try {
    saved = await provider.finishCardSave(db, { orderId: owner.orderId, session }, at);
  } catch (error) {
    if (error instanceof PaymentError) return { ok: false, message: error.message };
    throw error;
  }
  if (!saved) return { ok: false, message: "No card was saved. Save a card with Stripe to use it for autoship." };
  const card = `${saved.brand} ending ${saved.last4}`;
  if (owner.subscriptionId === null) return { ok: true, message: `${card} is saved. Now choose the day and start your autoship.` };
  try {
    const done = await changeCard(db, { sourceOrderId: owner.orderId, subscriptionId: owner.subscriptionId, methodId: saved.methodId, at });
    return { ok: true, message: `${describeCardChange(done)} (${card})` };
  } catch (error) {
    if (error instanceof AutoshipError) return { ok: false, message: `${card} is saved, but your autoship was not changed: ${error.message}` };
    throw error;
  }
}

export interface CustomerAutoshipDto {
  autoship: AutoshipDto;
  customerName: string;
  sellerName: string;
  /** The referral shop it buys from. */
  shopCode: string;
}

/** The autoship a manage link opens (cancelled ones too, so the link still says so); null for a link that does not work (any more). */
export async function getCustomerAutoship(token: string): Promise<CustomerAutoshipDto | null> {
  if (typeof token !== "string" || token.length > 80) return null;
  const db = await getDb();
  const named = await subscriptionOfManageToken(db, token);
  if (!named) return null;
  const [autoship, [who]] = await Promise.all([
    readAutoship(db, sql`s.id = ${named.subscriptionId} and s.source_order_id = ${named.sourceOrderId}`),
    queryRows<{ customer_name: string | null; seller_name: string; shop_code: string }>(
      db,
      sql`select o.customer_name, coalesce(u.name, d.referral_code) as seller_name, d.referral_code as shop_code
          from orders o join distributors d on d.id = o.seller_id left join users u on u.id = d.user_id
          where o.id = ${named.sourceOrderId}`,
    ),
  ]);
  if (!autoship || !who) return null;
  return { autoship, customerName: who.customer_name ?? "", sellerName: who.seller_name, shopCode: who.shop_code };
}
