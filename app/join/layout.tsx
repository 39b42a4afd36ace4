import { PublicFrame } from "@/components/layout/public-frame";
import { getCompanyName } from "@/lib/data/company";

/** The public referral pages' frame. */
export default async function JoinLayout({ children }: { children: React.ReactNode }) {
  return <PublicFrame companyName={await getCompanyName()}>{children}</PublicFrame>;
}
