import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/session";

// Where a visitor starts, and where signing in leads when no page asked for it:
// admins to the back office's figures, distributors to their dashboard.
export default async function Home() {
  const viewer = await getViewer();
  redirect(!viewer ? "/sign-in" : viewer.role === "admin" ? "/admin" : "/dashboard");
}
