import { requireUser } from "@/lib/auth/session";

/** The signed-in member the autoship forms act for, or why they cannot (the session is checked here, by every action). */
export async function autoshipMember(): Promise<{ distributorId: number; email: string; name: string } | { message: string }> {
  const viewer = await requireUser();
  if (viewer.distributorId === null || viewer.terminated) {
    return { message: viewer.awaitingVerification ? "Confirm your email before setting up autoship." : "Only distributors can have an autoship." };
  }
  return { distributorId: viewer.distributorId, email: viewer.email, name: viewer.name };
}
