"use client";

import Link from "next/link";
import { useActionState, useState, type ReactNode } from "react";
import { FormAlert } from "@/components/forms/fields";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import { AddressFields } from "@/components/shop/address-fields";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { FormResult } from "@/lib/actions/result";
import { formatRunDate, ordinalDay } from "@/lib/autoship/cycle";
import type { AutoshipDto } from "@/lib/data/autoship";
import { formatMoney } from "@/lib/format";
import { DemoCardFields } from "./card-fields";
import { DaySelect, ItemsFields, type AutoshipProduct } from "./items-fields";
import { cardLabel } from "./card-label";
import { ProviderCardSaveForm } from "./provider-card-save";
import { Button } from "@/components/ui/button";

type Action = (prev: FormResult, formData: FormData) => Promise<FormResult>;

export interface AutoshipActions {
  skip: Action;
  pause: Action;
  resume: Action;
  cancel: Action;
  items: Action;
  day: Action;
  card: Action;
  address: Action;
  /** Sends the member to the provider's page to save a card (Stripe); used when cardSaveKey is given. */
  saveCardWithProvider?: Action;
}

/** A form on this subscription, with its answer under it. */
function SubscriptionForm({
  action,
  subscriptionId,
  children,
  className,
  keepValues,
}: {
  action: Action;
  subscriptionId: number;
  children: (state: FormResult, pending: boolean) => ReactNode;
  className?: string;
  keepValues?: boolean;
}) {
  const [state, formAction, pending] = useActionState<FormResult, FormData>(action, { ok: false });
  return (
    <form action={formAction} onSubmit={keepValues ? keepValuesOnSubmit(formAction) : undefined} className={className ?? "space-y-3"} noValidate>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      {children(state, pending)}
      {state.ok ? (
        <p role="status" data-testid="form-message" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {state.message}
        </p>
      ) : (
        <FormAlert message={state.message} />
      )}
    </form>
  );
}

const runLabels: Record<AutoshipDto["runs"][number]["status"], string> = {
  charging: "Being charged",
  paid: "Paid",
  retrying: "Declined: will retry",
  failed: "Failed",
  skipped: "Skipped",
};

export function AutoshipManage({
  autoship,
  actions,
  products,
  shipping,
  demoCards,
  cardSaveKey = null,
  activeMinPv,
  audience = "member",
}: {
  autoship: AutoshipDto;
  actions: AutoshipActions;
  products: AutoshipProduct[];
  shipping: { country: string; name: string; rateCents: number }[];
  demoCards: { success: string; decline: string } | null;
  /** With a provider that saves cards on its own page (Stripe): the form's key; the card is changed there. */
  cardSaveKey?: string | null;
  activeMinPv: number;
  /** A retail customer's autoship (managed through their link) says nothing of PV or activity. */
  audience?: "member" | "customer";
}) {
  const member = audience === "member";
  const { quote, status } = autoship;
  const money = (cents: number) => formatMoney(cents, quote.currency);
  const next = formatRunDate(autoship.nextRunOn);
  const retrying = autoship.runs.find((r) => r.status === "retrying");
  const [quantities, setQuantities] = useState<Record<number, number>>(Object.fromEntries(quote.lines.map((l) => [l.productId, l.quantity])));
  const [day, setDay] = useState(autoship.dayOfMonth);
  const [country, setCountry] = useState(autoship.shippingAddress.country);
  const address = autoship.shippingAddress;
  const withdrawn = quote.lines.filter((l) => !l.active);
  return (
    <div className="space-y-8">
      <section aria-labelledby="autoship-status" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 sm:p-6" data-testid="autoship-summary">
        <h2 id="autoship-status" className="text-lg font-semibold text-slate-900">
          {status === "active" ? `Autoship is on: ${ordinalDay(autoship.dayOfMonth)} of every month` : null}
          {status === "paused" ? "Autoship is paused" : null}
          {status === "failed" ? "Autoship is stopped: the card kept declining" : null}
        </h2>
        {status === "active" ? (
          <p className="text-slate-700" data-testid="autoship-next">
            Next order on <strong>{next}</strong>: {money(quote.totalCents)}
            {member ? `, ${quote.pv} PV` : ""}, charged to the card ending {autoship.card.last4}.
          </p>
        ) : null}
        {status === "paused" ? <p className="text-slate-700">Nothing is ordered or charged until you resume it.</p> : null}
        {status === "failed" ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            Save a working card below to start it again: its next order would be on {next}.
          </p>
        ) : null}
        {retrying ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The {formatRunDate(retrying.cycle)} order was declined: {retrying.lastError}{" "}
            {retrying.nextAttemptAt ? `We try again on ${formatRunDate(retrying.nextAttemptAt.slice(0, 10))}, or at once on a new card.` : null}
          </p>
        ) : null}
        {withdrawn.length > 0 ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            No longer sold, left out of your orders: {withdrawn.map((l) => l.name).join(", ")}. Choose other items below.
          </p>
        ) : null}
        {member && activeMinPv > 0 && status === "active" ? (
          <p className="text-sm text-slate-600" data-testid="autoship-activity">
            {quote.pv >= activeMinPv
              ? `It adds ${quote.pv} PV each month: enough on its own to keep you active (${activeMinPv} PV).`
              : `It adds ${quote.pv} PV each month: ${activeMinPv - quote.pv} PV short of the ${activeMinPv} PV that keeps you active, unless you order more.`}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2 pt-1">
          {status === "active" ? (
            <SubscriptionForm action={actions.skip} subscriptionId={autoship.id}>
              {(_, pending) => (
                <ConfirmSubmit label="Skip next order" title={`Skip the ${next} order?`} confirmLabel="Skip it" pending={pending} tone="neutral">
                  <p>Nothing is ordered or charged that month. Autoship carries on the month after.</p>
                  {member ? <p>Without the order&rsquo;s {quote.pv} PV, check that you still reach the activity minimum this month.</p> : null}
                </ConfirmSubmit>
              )}
            </SubscriptionForm>
          ) : null}
          {status === "active" ? (
            <SubscriptionForm action={actions.pause} subscriptionId={autoship.id}>
              {(_, pending) => (
                <ConfirmSubmit label="Pause" title="Pause autoship?" confirmLabel="Pause it" pending={pending} tone="neutral">
                  <p>No order is placed or charged until you resume it. Dates that pass while it is paused are not made up.</p>
                </ConfirmSubmit>
              )}
            </SubscriptionForm>
          ) : null}
          {status === "paused" ? (
            <SubscriptionForm action={actions.resume} subscriptionId={autoship.id}>
              {(_, pending) => (
                <Button type="submit" disabled={pending}>
                  {pending ? "Resuming…" : "Resume autoship"}
                </Button>
              )}
            </SubscriptionForm>
          ) : null}
          <SubscriptionForm action={actions.cancel} subscriptionId={autoship.id}>
            {(_, pending) => (
              <ConfirmSubmit label="Cancel autoship" title="Cancel your autoship?" confirmLabel="Cancel autoship" pending={pending}>
                <p>No more orders are placed or charged. Orders already placed stay as they are, and the history is kept.</p>
                <p>You can start a new autoship any time.</p>
              </ConfirmSubmit>
            )}
          </SubscriptionForm>
        </div>
      </section>

      <section aria-labelledby="autoship-change" className="space-y-3">
        <h2 id="autoship-change" className="text-lg font-semibold text-slate-900">
          Change it
        </h2>
        <details className="rounded-xl border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-medium text-slate-900">Items ({quote.lines.map((l) => `${l.quantity} × ${l.name}`).join(", ")})</summary>
          <SubscriptionForm action={actions.items} subscriptionId={autoship.id} className="mt-4 space-y-3">
            {(state, pending) => (
              <>
                <ItemsFields
                  products={products}
                  currency={quote.currency}
                  quantities={quantities}
                  onChange={setQuantities}
                  error={state.fieldErrors?.items}
                  showPv={member}
                />
                <Button type="submit" disabled={pending}>
                  {pending ? "Saving…" : "Save items"}
                </Button>
              </>
            )}
          </SubscriptionForm>
        </details>
        <details className="rounded-xl border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-medium text-slate-900">Day of the month ({autoship.dayOfMonth})</summary>
          <SubscriptionForm action={actions.day} subscriptionId={autoship.id} className="mt-4 space-y-3">
            {(state, pending) => (
              <>
                <DaySelect value={day} onChange={setDay} error={state.fieldErrors?.dayOfMonth} />
                <Button type="submit" disabled={pending}>
                  {pending ? "Saving…" : "Save day"}
                </Button>
              </>
            )}
          </SubscriptionForm>
        </details>
        <details className="rounded-xl border border-slate-200 bg-white p-4" open={status === "failed" || retrying !== undefined}>
          <summary className="cursor-pointer font-medium text-slate-900">Card ({cardLabel(autoship.card)})</summary>
          {cardSaveKey !== null && actions.saveCardWithProvider ? (
            <div className="mt-4">
              <ProviderCardSaveForm
                action={actions.saveCardWithProvider}
                cardSaveKey={cardSaveKey}
                subscriptionId={autoship.id}
                label="Change card with Stripe"
              />
            </div>
          ) : (
            <SubscriptionForm action={actions.card} subscriptionId={autoship.id} className="mt-4 space-y-3" keepValues>
              {(state, pending) => (
                <>
                  {demoCards ? <DemoCardFields demoCards={demoCards} errors={state.fieldErrors ?? {}} expiry={state.values?.cardExpiry} /> : null}
                  <Button type="submit" disabled={pending}>
                    {pending ? "Saving…" : "Save card"}
                  </Button>
                </>
              )}
            </SubscriptionForm>
          )}
        </details>
        <details className="rounded-xl border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-medium text-slate-900">
            Shipping address ({address.name}, {address.city}, {address.country})
          </summary>
          <SubscriptionForm action={actions.address} subscriptionId={autoship.id} className="mt-4 space-y-4" keepValues>
            {(state, pending) => (
              <>
                <AddressFields
                  shipping={shipping}
                  country={country}
                  onCountryChange={setCountry}
                  values={
                    state.values ?? {
                      shipName: address.name,
                      shipLine1: address.line1,
                      shipLine2: address.line2 ?? "",
                      shipCity: address.city,
                      shipRegion: address.region ?? "",
                      shipPostalCode: address.postalCode ?? "",
                    }
                  }
                  errors={state.fieldErrors ?? {}}
                />
                <Button type="submit" disabled={pending}>
                  {pending ? "Saving…" : "Save address"}
                </Button>
              </>
            )}
          </SubscriptionForm>
        </details>
      </section>

      <section aria-labelledby="autoship-history" className="space-y-3">
        <h2 id="autoship-history" className="text-lg font-semibold text-slate-900">
          History
        </h2>
        {autoship.runs.length === 0 ? (
          <p className="text-slate-600">No order yet: the first is on {next}.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="autoship-runs">
            {autoship.runs.map((r) => (
              <li key={r.cycle} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm">
                <span className="font-medium text-slate-900">{formatRunDate(r.cycle)}</span>
                <span className="text-slate-700">{runLabels[r.status]}</span>
                <span className="text-slate-700 tabular-nums">
                  {r.totalCents === null ? "—" : member ? `${money(r.totalCents)} · ${r.pv ?? 0} PV` : money(r.totalCents)}
                </span>
                {r.orderId !== null && r.href !== null ? (
                  <Link href={r.href} className="text-brand-700 underline">
                    Order #{r.orderId}
                  </Link>
                ) : null}
                {r.lastError && r.status !== "paid" ? <span className="basis-full text-slate-600">{r.lastError}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
