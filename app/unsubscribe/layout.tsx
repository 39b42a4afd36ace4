import { PublicFrame } from "@/components/layout/public-frame";
import { getCompanyName } from "@/lib/data/company";

/** An email's unsubscribe link: the public pages' frame (no sign-in needed). */
export default async function UnsubscribeLayout({ children }: { children: React.ReactNode }) {
  return <PublicFrame companyName={await getCompanyName()}>{children}</PublicFrame>;
}
