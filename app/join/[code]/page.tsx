import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, permanentRedirect } from "next/navigation";
import { after } from "next/server";
import { JoinView } from "@/components/referrals/join-view";
import { OwnShareLink } from "@/components/referrals/referrals-panel";
import { signUpDistributor } from "@/lib/actions/referrals/sign-up-distributor";
import { guessCountry } from "@/lib/countries";
import { getCompanyName } from "@/lib/data/company";
import { getLatestIncomeStatementId } from "@/lib/data/income-statements";
import { getJoinContext, listProductHighlights, recordJoinVisit } from "@/lib/data/referrals";
import { now } from "@/lib/clock";
import { joinPath } from "@/lib/referrals/display";

interface Props {
  params: Promise<{ code: string }>;
}

// The same metadata for every invalid code, so the <head> tells no more than the page.
const invalidMetadata: Metadata = { title: "This link is not valid", robots: { index: false, follow: false } };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const context = await getJoinContext((await params).code);
  if (context.kind !== "join") return invalidMetadata;
  const companyName = await getCompanyName();
  return {
    title: `Join ${context.sponsor.displayName}’s team`,
    description: `${context.sponsor.displayName} invites you to join ${companyName} as a distributor.`,
    // Personal invitations, not pages for search engines.
    robots: { index: false, follow: false },
  };
}

export default async function JoinWithCodePage({ params }: Props) {
  const { code } = await params;
  const context = await getJoinContext(code);
  if (context.kind === "invalid") notFound();
  // A retired code, or another spelling of a current one: one canonical URL per link.
  if (context.kind === "redirect") permanentRedirect(joinPath(context.code));

  const [companyName, products, requestHeaders, incomeStatementId] = await Promise.all([
    getCompanyName(),
    listProductHighlights(),
    headers(),
    getLatestIncomeStatementId(),
  ]);
  // Only prospects' visits count: not the owner checking their page, nor members.
  // Counted after the response: a render never writes.
  // The signup form posting back (its answer re-renders this page, with or
  // without JavaScript) is the same visit, not another.
  const formPost = requestHeaders.has("next-action") || (requestHeaders.get("content-type") ?? "").startsWith("multipart/form-data");
  if (context.viewer === "guest" && !formPost) {
    const at = now();
    after(() => recordJoinVisit(code, at));
  }

  return (
    <JoinView
      sponsor={context.sponsor}
      companyName={companyName}
      products={products}
      viewer={context.viewer}
      action={signUpDistributor.bind(null, context.sponsor.code)}
      defaultCountry={guessCountry(requestHeaders.get("accept-language"))}
      ownerExtras={<OwnShareLink />}
      incomeStatementId={incomeStatementId}
    />
  );
}
