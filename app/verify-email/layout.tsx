import { PublicFrame } from "@/components/layout/public-frame";
import { getCompanyName } from "@/lib/data/company";

/** The verification link's page: the public pages' frame. */
export default async function VerifyEmailLayout({ children }: { children: React.ReactNode }) {
  return <PublicFrame companyName={await getCompanyName()}>{children}</PublicFrame>;
}
