import type { Metadata } from "next";
import { headers } from "next/headers";
import { JoinView } from "@/components/referrals/join-view";
import { OwnShareLink } from "@/components/referrals/referrals-panel";
import { signUpDistributor } from "@/lib/actions/referrals/sign-up-distributor";
import { guessCountry } from "@/lib/countries";
import { getCompanyName } from "@/lib/data/company";
import { getLatestIncomeStatementId } from "@/lib/data/income-statements";
import { getDirectJoinContext, listProductHighlights } from "@/lib/data/referrals";
import { injectFault } from "@/lib/e2e-faults";

export const metadata: Metadata = { title: "Join the team" };

/**
 * Joining without a code: under the sponsor whose link this browser opened in
 * the last 30 days (the attribution cookie), else under the company's root.
 * The action reads the cookie again itself: nothing about the sponsor is in the form.
 */
export default async function JoinPage() {
  await injectFault("page");
  const [context, companyName, products, requestHeaders, incomeStatementId] = await Promise.all([
    getDirectJoinContext(),
    getCompanyName(),
    listProductHighlights(),
    headers(),
    getLatestIncomeStatementId(),
  ]);
  return (
    <JoinView
      sponsor={context.sponsor}
      companyName={companyName}
      products={products}
      viewer={context.viewer}
      action={signUpDistributor.bind(null, null)}
      defaultCountry={guessCountry(requestHeaders.get("accept-language"))}
      ownerExtras={<OwnShareLink />}
      incomeStatementId={incomeStatementId}
    />
  );
}
