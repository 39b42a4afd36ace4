import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { CardSaveNotice, cardSaveNotice } from "@/components/autoship/card-save-notice";
import { AutoshipManage } from "@/components/autoship/autoship-manage";
import { AutoshipSetupForm } from "@/components/autoship/autoship-setup-form";
import { cardLabel } from "@/components/autoship/card-label";
import { ProviderCardSaveForm } from "@/components/autoship/provider-card-save";
import { ClosedAccount } from "@/components/dashboard/closed-account";
import {
  cancelAutoship,
  changeAutoshipAddress,
  changeAutoshipCard,
  changeAutoshipDay,
  changeAutoshipItems,
  pauseAutoship,
  resumeAutoship,
  skipAutoshipRun,
  startAutoship,
} from "@/lib/actions/autoship/manage-autoship";
import { saveAutoshipCardWithProvider } from "@/lib/actions/autoship/save-card-with-provider";
import type { FormResult } from "@/lib/actions/result";
import { requireUser } from "@/lib/auth/session";
import { dateOf } from "@/lib/autoship/cycle";
import { now } from "@/lib/clock";
import { currentActiveMinPv, finishMyCardSave, getMyAutoship, getMyReadyCard } from "@/lib/data/autoship";
import { getCheckoutOptions, listShopProducts, myShippingDefaults } from "@/lib/data/shop";
import { noProviderMessage } from "@/lib/payments/config";
import { demoCards } from "@/lib/payments/demo";

export const metadata: Metadata = { title: "Autoship" };

// The forms' own field names differ per form; the components take the common shape.
type Action = (prev: FormResult, formData: FormData) => Promise<FormResult>;
const asAction = <F extends string>(action: (prev: FormResult<F>, formData: FormData) => Promise<FormResult<F>>) => action as Action;

export default async function AutoshipPage({ searchParams }: { searchParams: Promise<{ started?: string; card_session?: string; card?: string }> }) {
  const viewer = await requireUser();
  if (viewer.terminated) return <ClosedAccount title="Autoship" />;
  const { started, card_session: cardSession, card } = await searchParams;
  // Back from saving a card on Stripe's page: recorded (and the autoship switched to it) before the page reads it.
  const cardSaved = typeof cardSession === "string" ? await finishMyCardSave(cardSession) : null;
  const [autoship, products, options, defaults, activeMinPv] = await Promise.all([
    getMyAutoship(),
    listShopProducts(),
    getCheckoutOptions(),
    myShippingDefaults(),
    currentActiveMinPv(),
  ]);
  const demo = options.provider === "demo" ? { success: demoCards.success, decline: demoCards.decline } : null;
  // With Stripe, cards are saved on Stripe's page (a Checkout Session in setup mode): a button here, not card fields.
  const atStripe = options.provider === "stripe";
  const cardSaveKey = atStripe ? randomUUID() : null;
  const readyCard = atStripe && !autoship && viewer.distributorId !== null ? await getMyReadyCard("stripe") : null;
  const cardNotice = cardSaveNotice(cardSaved, card === "cancelled");
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Autoship</h1>
        <p className="mt-1 text-slate-600">
          The same order every month on the day you choose, charged to your saved card: your PV arrives without you having to remember it.
        </p>
      </header>
      <CardSaveNotice notice={cardNotice} />
      {viewer.distributorId === null ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {viewer.awaitingVerification
            ? "Confirm your email first: open the link we emailed you. Then you can set up autoship."
            : "You are signed in as an administrator without a distributor account: autoship is for distributors."}
        </p>
      ) : autoship ? (
        <>
          {started === "1" ? (
            <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="autoship-started">
              Autoship is on. We remind you 3 days before each order.
            </p>
          ) : null}
          <AutoshipManage
            autoship={autoship}
            products={products}
            shipping={options.shipping}
            demoCards={demo}
            cardSaveKey={cardSaveKey}
            activeMinPv={activeMinPv}
            actions={{
              saveCardWithProvider: saveAutoshipCardWithProvider,
              skip: skipAutoshipRun,
              pause: pauseAutoship,
              resume: resumeAutoship,
              cancel: cancelAutoship,
              items: asAction(changeAutoshipItems),
              day: asAction(changeAutoshipDay),
              card: asAction(changeAutoshipCard),
              address: asAction(changeAutoshipAddress),
            }}
          />
        </>
      ) : options.provider === null ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {noProviderMessage}
        </p>
      ) : (
        <>
          {cardSaveKey !== null ? (
            <section aria-labelledby="autoship-card" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
              <h2 id="autoship-card" className="text-lg font-semibold text-slate-900">
                {readyCard ? "The card it is charged to" : "First, save the card it is charged to"}
              </h2>
              <p className="text-slate-700" data-testid="autoship-ready-card">
                {readyCard
                  ? `${cardLabel(readyCard)}, saved with Stripe. Use it below, or save another.`
                  : "Your autoship is charged to a card you save with Stripe. Once it is saved, you choose the products, the day and the address here."}
              </p>
              <ProviderCardSaveForm
                action={saveAutoshipCardWithProvider}
                cardSaveKey={cardSaveKey}
                label={readyCard ? "Save another card with Stripe" : "Save a card with Stripe"}
              />
            </section>
          ) : null}
          {cardSaveKey === null || readyCard ? (
            <AutoshipSetupForm
              action={asAction(startAutoship)}
              products={products}
              shipping={options.shipping}
              currency={options.currency}
              today={dateOf(now())}
              defaults={defaults}
              demoCards={demo}
              savedCard={readyCard}
              activeMinPv={activeMinPv}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
