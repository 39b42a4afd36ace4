"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { setTimeZone } from "@/lib/accounts/settings";
import { requireUser } from "@/lib/auth/session";
import { timeZoneField } from "@/lib/time-zone";
import { firstErrors, type FormResult } from "../result";

const schema = z.object({ timeZone: timeZoneField() });

/** Sets the signed-in user's own time zone: every time in the portal is shown in it from the next page. */
export async function updateMyTimeZone(_prev: FormResult<"timeZone">, formData: FormData): Promise<FormResult<"timeZone">> {
  const viewer = await requireUser();
  const raw = formData.get("timeZone");
  const values = { timeZone: typeof raw === "string" ? raw.slice(0, 80) : "" };
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, values, fieldErrors: firstErrors(z.flattenError(parsed.error).fieldErrors) };
  const changed = await setTimeZone(await getDb(), viewer.userId, parsed.data.timeZone);
  revalidatePath("/", "layout");
  return { ok: true, message: changed ? `Saved. Times are shown in ${parsed.data.timeZone} now.` : "Nothing changed." };
}
