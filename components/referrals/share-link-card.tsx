import Image from "next/image";
import type { ShareLink } from "@/lib/data/referrals";
import { CopyLinkButton } from "./copy-link-button";
import { ShareButton } from "./share-button";
import { buttonClass } from "@/components/ui/button";

const downloadLink = buttonClass({ variant: "secondary", size: "sm" });

/** The distributor's referral link: copy, share, QR code, and how it did this month. */
export function ShareLinkCard({ link, companyName, children }: { link: ShareLink; companyName: string; children?: React.ReactNode }) {
  return (
    <section aria-labelledby="share-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="share-link-card">
      <h2 id="share-heading" className="text-lg font-semibold text-slate-900">
        Share your link
      </h2>
      <p className="mt-1 text-sm text-slate-600">Whoever joins through it lands in your team.</p>

      <label htmlFor="referral-url" className="mt-4 block text-sm font-medium text-slate-700">
        Your referral link
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id="referral-url"
          readOnly
          value={link.url}
          className="min-w-0 flex-1 basis-56 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-800"
        />
        <CopyLinkButton url={link.url} />
        <ShareButton url={link.url} title={`Join my team at ${companyName}`} text={`Join my team at ${companyName}:`} />
      </div>

      <dl className="mt-5 grid grid-cols-2 gap-3">
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-sm text-slate-600">Link visits this month</dt>
          <dd className="text-2xl font-bold text-slate-900" data-testid="link-visits">
            {link.stats.visits}
          </dd>
        </div>
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-sm text-slate-600">Signups this month</dt>
          <dd className="text-2xl font-bold text-slate-900" data-testid="link-signups">
            {link.stats.signups}
          </dd>
        </div>
      </dl>

      <div className="mt-5 flex flex-wrap items-center gap-4">
        <Image
          src={link.qrDataUrl}
          alt={`QR code for ${link.url}`}
          width={144}
          height={144}
          unoptimized
          className="size-36 rounded-md border border-slate-200"
        />
        <div className="space-y-2">
          <p className="text-sm text-slate-600">Print it or show it on your phone.</p>
          <div className="flex flex-wrap gap-2">
            <a href="/api/referral-qr?format=png" download className={downloadLink}>
              Download PNG
            </a>
            <a href="/api/referral-qr?format=svg" download className={downloadLink}>
              Download SVG
            </a>
          </div>
        </div>
      </div>
      {children}
    </section>
  );
}
