"use server";

import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth";
import { getViewer } from "@/lib/auth/session";
import { revokeSessions } from "@/lib/auth/sessions";

/** Signs the caller out everywhere: the cookie goes, and so does every token of theirs saved elsewhere. */
export async function signOutAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) await revokeSessions(await getDb(), viewer.userId);
  await signOut({ redirectTo: "/sign-in" });
}
