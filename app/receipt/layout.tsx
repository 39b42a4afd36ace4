import { PublicFrame } from "@/components/layout/public-frame";
import { getCompanyName } from "@/lib/data/company";

/** A guest's receipt: the public pages' frame. */
export default async function ReceiptLayout({ children }: { children: React.ReactNode }) {
  return <PublicFrame companyName={await getCompanyName()}>{children}</PublicFrame>;
}
