import { PublicFrame } from "@/components/layout/public-frame";
import { getCompanyName } from "@/lib/data/company";

/** The autoship pages reached from emails (a skip link, a customer's manage link): the public pages' frame (no sign-in needed). */
export default async function AutoshipLinkLayout({ children }: { children: React.ReactNode }) {
  return <PublicFrame companyName={await getCompanyName()}>{children}</PublicFrame>;
}
