import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { containsPattern } from "./standing-sql";

export interface DistributorListItemDto {
  id: number;
  name: string;
  email: string;
  depth: number;
  joinedAt: string;
  terminated: boolean;
}

/** Distributors whose name or email contains `q` (all when empty), oldest first: for admins to pick whose dashboard to open. */
export async function findDistributors(db: Database, q: string | undefined, limit = 50): Promise<DistributorListItemDto[]> {
  const text = q?.trim() ?? "";
  const rows = await queryRows<{ id: number; name: string; email: string; depth: number; joined_at: Date | string; status: string }>(
    db,
    sql`select d.id, u.name, u.email, d.depth, d.joined_at, d.status
        from distributors d join users u on u.id = d.user_id
        ${text === "" ? sql`` : sql`where u.name ilike ${containsPattern(text)} or u.email ilike ${containsPattern(text)}`}
        order by d.id limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    depth: r.depth,
    joinedAt: new Date(r.joined_at).toISOString(),
    terminated: r.status === "terminated",
  }));
}
