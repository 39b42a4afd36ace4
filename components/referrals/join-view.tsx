import { SignUpForm } from "@/components/forms/sign-up-form";
import type { SignUpState } from "@/lib/actions/referrals/types";
import { agreementVersion } from "@/lib/agreement";
import { countries } from "@/lib/countries";
import type { JoinViewer, ProductHighlight, PublicSponsor } from "@/lib/data/referrals";
import { CompanyPitch } from "./company-pitch";
import { JoinIntro } from "./join-intro";
import { MemberNotice } from "./member-notice";

interface JoinViewProps {
  sponsor: PublicSponsor | null;
  companyName: string;
  products: ProductHighlight[];
  viewer: JoinViewer;
  action: (prev: SignUpState, formData: FormData) => Promise<SignUpState>;
  defaultCountry: string | null;
  /** The owner's share card, when they look at their own link. */
  ownerExtras?: React.ReactNode;
  /** The latest published income disclosure statement; null: none, and no link. */
  incomeStatementId: number | null;
}

/**
 * A referral page: who invites, the signup form (or, for the signed-in, a
 * notice), and the pitch. One column on a phone, with the form right after the
 * invitation; two on a wide screen.
 */
export function JoinView({ sponsor, companyName, products, viewer, action, defaultCountry, ownerExtras, incomeStatementId }: JoinViewProps) {
  return (
    <div className="grid gap-8 lg:grid-cols-2 lg:grid-rows-[auto_1fr] lg:gap-x-12">
      <div className="lg:col-start-1">
        <JoinIntro sponsor={sponsor} companyName={companyName} />
      </div>
      <div className="lg:col-start-2 lg:row-span-2 lg:row-start-1">
        {viewer === "guest" ? (
          <section aria-labelledby="signup-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
            <h2 id="signup-heading" className="mb-4 text-lg font-semibold text-slate-900">
              Create your distributor account
            </h2>
            <SignUpForm
              action={action}
              countries={countries}
              defaultCountry={defaultCountry}
              agreementVersion={agreementVersion}
              submitLabel={sponsor ? `Join ${sponsor.displayName}’s team` : `Join ${companyName}`}
            />
          </section>
        ) : (
          <MemberNotice viewer={viewer} sponsor={sponsor}>
            {viewer === "owner" ? ownerExtras : null}
          </MemberNotice>
        )}
      </div>
      <div className="lg:col-start-1">
        <CompanyPitch companyName={companyName} products={products} incomeStatementId={incomeStatementId} />
      </div>
    </div>
  );
}
