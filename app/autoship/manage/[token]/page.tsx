import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { CardSaveNotice, cardSaveNotice } from "@/components/autoship/card-save-notice";
import Link from "next/link";
import { AutoshipManage } from "@/components/autoship/autoship-manage";
import { NewManageLinkForm } from "@/components/autoship/new-manage-link-form";
import {
  customerCancel,
  customerChangeAddress,
  customerChangeCard,
  customerChangeDay,
  customerChangeItems,
  customerNewLink,
  customerPause,
  customerResume,
  customerSaveCardWithProvider,
  customerSkip,
} from "@/lib/actions/autoship/customer-autoship";
import type { FormResult } from "@/lib/actions/result";
import { finishCustomerCardSave, getCustomerAutoship } from "@/lib/data/customer-autoship";
import { getCheckoutOptions, listShopProducts } from "@/lib/data/shop";
import { demoCards } from "@/lib/payments/demo";
import { joinPath } from "@/lib/referrals/display";

// The link is the customer's key to their autoship: never indexed, never sent on as a referrer.
export const metadata: Metadata = { title: "Your autoship", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Action = (prev: FormResult, formData: FormData) => Promise<FormResult>;
// The forms' own field names differ per form; the component takes the common shape.
const asAction = <F extends string>(action: (prev: FormResult<F>, formData: FormData) => Promise<FormResult<F>>) => action as Action;

/** A retail customer's autoship, opened with the link we emailed them: the same page a member has, without PV. */
export default async function CustomerAutoshipPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ started?: string; card_session?: string; card?: string }>;
}) {
  const { token } = await params;
  const { started, card_session: cardSession, card } = await searchParams;
  // Back from saving a card on Stripe's page: recorded (and the autoship switched to it) before the page reads it.
  const cardSaved = typeof cardSession === "string" ? await finishCustomerCardSave({ manage: token }, cardSession) : null;
  const cardNotice = cardSaveNotice(cardSaved, card === "cancelled");
  const found = await getCustomerAutoship(token);
  if (!found) {
    return (
      <section className="mx-auto max-w-xl space-y-3" data-testid="manage-link-invalid">
        <h1 className="text-2xl font-bold text-slate-900">This link does not work</h1>
        <p className="text-slate-700">
          It may have been cut short when it was copied, or replaced by a newer link we emailed you. Nothing was changed. Use the newest link in your autoship
          emails, or open the receipt of the order you started it from and ask for a new link there.
        </p>
      </section>
    );
  }
  const { autoship, customerName, sellerName, shopCode } = found;
  const shop = `${joinPath(shopCode)}/shop`;
  if (autoship.status === "cancelled") {
    return (
      <section className="mx-auto max-w-xl space-y-3" data-testid="customer-autoship-cancelled">
        <h1 className="text-2xl font-bold text-slate-900">This autoship is cancelled</h1>
        <p className="text-slate-700">
          Nothing more is ordered or charged. Orders already placed stay as they are; each has its receipt in your email. To start again, order from{" "}
          <Link href={shop} className="font-medium text-brand-700 underline">
            {sellerName}&rsquo;s shop
          </Link>{" "}
          and choose monthly delivery on its receipt.
        </p>
      </section>
    );
  }
  const [products, options] = await Promise.all([listShopProducts(), getCheckoutOptions()]);
  const demo = options.provider === "demo" ? { success: demoCards.success, decline: demoCards.decline } : null;
  // With Stripe, the card is changed on Stripe's page (cardSaveKey), not typed here.
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-slate-900">{customerName ? `${customerName}, your autoship` : "Your autoship"}</h1>
        <p className="text-slate-600">
          The same order every month from{" "}
          <Link href={shop} className="font-medium text-brand-700 underline">
            {sellerName}&rsquo;s shop
          </Link>
          , charged to your saved card. This page&rsquo;s link is your key to it: keep it to yourself.
        </p>
      </header>
      <CardSaveNotice notice={cardNotice} />
      {started === "1" ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="autoship-started">
          Autoship is on. We emailed you this page&rsquo;s link, and we remind you 3 days before each order.
        </p>
      ) : null}
      <AutoshipManage
        autoship={autoship}
        products={products.map((p) => ({ id: p.id, name: p.name, priceCents: p.priceCents, pv: p.pv }))}
        shipping={options.shipping}
        demoCards={demo}
        cardSaveKey={options.provider === "stripe" ? randomUUID() : null}
        activeMinPv={0}
        audience="customer"
        actions={{
          saveCardWithProvider: customerSaveCardWithProvider.bind(null, token),
          skip: customerSkip.bind(null, token),
          pause: customerPause.bind(null, token),
          resume: customerResume.bind(null, token),
          cancel: customerCancel.bind(null, token),
          items: asAction(customerChangeItems.bind(null, token)),
          day: asAction(customerChangeDay.bind(null, token)),
          card: asAction(customerChangeCard.bind(null, token)),
          address: asAction(customerChangeAddress.bind(null, token)),
        }}
      />
      <NewManageLinkForm action={customerNewLink.bind(null, token)} />
    </section>
  );
}
