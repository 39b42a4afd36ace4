"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { updateCompanyIdentity } from "@/lib/admin/company";
import { requireAdmin } from "@/lib/auth/session";
import { companyFormValues, companyIdentitySchema, type CompanyField } from "@/lib/validation/admin-company";
import { firstErrors, type FormResult } from "../result";

/** Saves the company's name, the colour of its emails and its time zone. */
export async function updateCompanyAsAdmin(_prev: FormResult<CompanyField>, formData: FormData): Promise<FormResult<CompanyField>> {
  const admin = await requireAdmin();
  const values = companyFormValues(formData);
  const parsed = companyIdentitySchema.safeParse(values);
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: firstErrors<CompanyField>(z.flattenError(parsed.error).fieldErrors), values };
  }
  const { changed } = await updateCompanyIdentity(await getDb(), admin.userId, parsed.data);
  revalidatePath("/", "layout");
  return { ok: true, message: changed ? "Saved. Pages show the new name now; emails sent from now on use the name and colour." : "Nothing changed." };
}
