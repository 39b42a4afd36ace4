import { providerNames } from "@/lib/payments/display";
import { CopyLinkButton } from "@/components/referrals/copy-link-button";
import { StatusBadge } from "@/components/ui/status-badge";
import type { PaymentsOverviewDto } from "@/lib/data/admin-payments";

function Notice({ tone, children }: { tone: "amber" | "red"; children: React.ReactNode }) {
  const look = tone === "red" ? "border-red-200 bg-red-50 text-red-900" : "border-amber-200 bg-amber-50 text-amber-900";
  return <p className={`rounded-md border px-3 py-2 text-sm ${look}`}>{children}</p>;
}

/** Which provider takes payments, and what to configure at Stripe. Only whether each secret is set: never a value. */
export function ProviderStatus({ overview: o }: { overview: PaymentsOverviewDto }) {
  const s = o.stripe;
  return (
    <>
      <section aria-labelledby="provider-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="payment-provider">
        <h2 id="provider-heading" className="text-lg font-semibold text-slate-900">
          Payment provider
        </h2>
        <p className="flex flex-wrap items-center gap-2">
          {o.active === null ? (
            <StatusBadge tone="red">None: orders are refused</StatusBadge>
          ) : o.active === "demo" ? (
            <StatusBadge tone="amber">Demo payments: no money moves</StatusBadge>
          ) : (
            <StatusBadge tone="green">{providerNames.stripe}</StatusBadge>
          )}
          {o.active === "stripe" && s.mode === "test" ? <StatusBadge tone="amber">Test mode</StatusBadge> : null}
          {o.active === "stripe" && s.mode === "live" ? <StatusBadge tone="green">Live mode</StatusBadge> : null}
        </p>
        {o.active === null ? (
          <Notice tone="red">
            No payment provider is set up, so checkout refuses every order (members and guests see that online payments are not set up). Set STRIPE_SECRET_KEY
            and STRIPE_WEBHOOK_SECRET on the server and restart it.
          </Notice>
        ) : o.active === "demo" ? (
          <p className="text-sm text-slate-700">
            Buyers pay on the portal&rsquo;s own card form with the documented test cards; nothing is charged and no money moves. Orders still count only once
            &ldquo;paid&rdquo;. For real sales, set Stripe&rsquo;s keys.
          </p>
        ) : (
          <p className="text-sm text-slate-700">
            Buyers pay on Stripe&rsquo;s checkout page; an order counts once Stripe confirms its payment, and refunds go back through Stripe.
          </p>
        )}
        {o.demoOnPostgres ? (
          <Notice tone="amber">Demo payments are on for a PostgreSQL database (LINEAGE_DEMO_PAYMENTS=1): fine for a demo, never for real sales.</Notice>
        ) : null}
        {o.active === "stripe" && s.mode === "test" ? (
          <Notice tone="amber">These are Stripe test keys: test cards &ldquo;pay&rdquo; orders and no money moves. Use live keys for real sales.</Notice>
        ) : null}
        {s.customApi ? <Notice tone="amber">STRIPE_API_URL is set: Stripe API calls go to that address, not to Stripe. Unset it outside tests.</Notice> : null}
        <p className="text-xs text-slate-500">{o.reason}</p>
      </section>

      <section aria-labelledby="stripe-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="stripe-setup">
        <h2 id="stripe-heading" className="text-lg font-semibold text-slate-900">
          Stripe webhook
        </h2>
        <p className="text-sm text-slate-700">
          {o.active === "stripe"
            ? "In Stripe's dashboard (Developers, Webhooks), add an endpoint with this URL and these events, then set its signing secret as STRIPE_WEBHOOK_SECRET."
            : "To take real payments: in Stripe's dashboard (Developers, Webhooks), add an endpoint with this URL and these events; then set the secret key as STRIPE_SECRET_KEY and the endpoint's signing secret as STRIPE_WEBHOOK_SECRET, and restart."}
        </p>
        <dl className="space-y-3 text-sm">
          <div>
            <dt className="font-medium text-slate-700">Endpoint URL</dt>
            <dd className="mt-1 flex flex-wrap items-center gap-2">
              <code className="rounded bg-slate-100 px-2 py-1 break-all text-slate-900" data-testid="webhook-url">
                {s.webhookUrl}
              </code>
              <CopyLinkButton url={s.webhookUrl} />
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-700">Events to send</dt>
            <dd>
              <ul className="mt-1 space-y-1" data-testid="webhook-events">
                {s.events.map((e) => (
                  <li key={e}>
                    <code className="break-all">{e}</code>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-700">Secret key (STRIPE_SECRET_KEY)</dt>
            <dd data-testid="secret-key-status">{s.secretKeySet ? "Set" : "Not set"}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-700">Webhook signing secret (STRIPE_WEBHOOK_SECRET)</dt>
            <dd data-testid="webhook-secret-status">{s.webhookSecretSet ? "Set" : "Not set"}</dd>
          </div>
        </dl>
        <p className="text-xs text-slate-500">
          Secrets are read from the server&rsquo;s environment and never shown here. docs/payments.md has the full setup.
        </p>
      </section>
    </>
  );
}
