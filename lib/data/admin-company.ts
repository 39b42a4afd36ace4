import "server-only";
import { getDb } from "@/db/client";
import { getCompanyIdentity, type CompanyIdentityDto } from "@/lib/admin/company";
import { requireAdmin } from "@/lib/auth/session";

/** The company's name, email colour and currency, for the admins' company page. */
export async function getCompanyIdentityAsAdmin(): Promise<CompanyIdentityDto> {
  await requireAdmin();
  return getCompanyIdentity(await getDb());
}
