import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { checkoutSettings, company, distributors, products, shippingRates, type PaymentProviderId } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import { countries } from "@/lib/countries";
import { env } from "@/lib/env";
import { activeProviderId } from "@/lib/payments/config";

export interface ProductDto {
  id: number;
  name: string;
  description: string;
  imageUrl: string | null;
  priceCents: number;
  pv: number;
  /** Commissionable value: what the plan's rates apply to. Shown to members only. */
  cvCents: number;
}

export interface CartLineDto extends ProductDto {
  quantity: number;
  lineCents: number;
  linePv: number;
}

const productColumns = {
  id: products.id,
  name: products.name,
  description: products.description,
  imageUrl: products.imageUrl,
  priceCents: products.priceCents,
  pv: products.pv,
  cvCents: products.cvCents,
};

/** The active catalog, for shoppers (signed in, or a retail customer on a referral shop). */
export async function listShopProducts(): Promise<ProductDto[]> {
  const db = await getDb();
  return db.select(productColumns).from(products).where(eq(products.active, true)).orderBy(asc(products.name));
}

/** Prices a cart from the catalog: unknown or archived products are reported, never priced from input. */
export async function quoteCart(items: { productId: number; quantity: number }[]): Promise<{ lines: CartLineDto[]; missing: boolean }> {
  if (items.length === 0) return { lines: [], missing: false };
  const db = await getDb();
  const rows = await db
    .select(productColumns)
    .from(products)
    .where(
      and(
        eq(products.active, true),
        inArray(
          products.id,
          items.map((i) => i.productId),
        ),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lines: CartLineDto[] = [];
  for (const item of items) {
    const p = byId.get(item.productId);
    if (p) lines.push({ ...p, quantity: item.quantity, lineCents: p.priceCents * item.quantity, linePv: p.pv * item.quantity });
  }
  return { lines, missing: lines.length !== items.length };
}

export interface CheckoutOptionsDto {
  currency: string;
  /** The countries the company ships to, with their flat rate, by name. */
  shipping: { country: string; name: string; rateCents: number }[];
  /** The provider new orders are paid through; null: orders are refused (noProviderMessage). */
  provider: PaymentProviderId | null;
  guestMaxTotalCents: number;
  guestMaxUnits: number;
}

/** What a checkout form needs: shipping countries and rates, the payment provider, the guest caps. Public. */
export async function getCheckoutOptions(): Promise<CheckoutOptionsDto> {
  const db = await getDb();
  const [rates, [settings], [co]] = await Promise.all([
    db.select().from(shippingRates),
    db.select().from(checkoutSettings).limit(1),
    db.select({ currency: company.currency }).from(company).limit(1),
  ]);
  const names = new Map<string, string>(countries.map((c) => [c.code, c.name]));
  return {
    currency: co?.currency ?? "USD",
    shipping: rates
      .map((r) => ({ country: r.country, name: names.get(r.country) ?? r.country, rateCents: r.rateCents }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    provider: activeProviderId(env),
    guestMaxTotalCents: settings?.guestMaxTotalCents ?? 100000,
    guestMaxUnits: settings?.guestMaxUnits ?? 10,
  };
}

/** The signed-in member's name and country, to prefill their shipping address. */
export async function myShippingDefaults(): Promise<{ name: string; country?: string }> {
  const viewer = await requireUser();
  if (viewer.distributorId === null) return { name: viewer.name };
  const db = await getDb();
  const [row] = await db.select({ country: distributors.country }).from(distributors).where(eq(distributors.id, viewer.distributorId));
  return { name: viewer.name, country: row?.country ?? undefined };
}
