import { bigint, bigserial, boolean, index, integer, pgTable, primaryKey } from "drizzle-orm/pg-core";

// Per-generation rollups of the sponsor tree, so a generations summary is a
// few index reads instead of a walk over the whole downline (the company's top
// has a million people below it). Derived data, kept by the triggers and
// functions of migrations 0006 and 0011: never written by the application,
// which only asks the database to apply the queue (lib/team/rollups.ts). No foreign
// keys: the triggers write millions of rows in bulk, and every row is derived
// from rows that exist.

/** How many distributors are exactly `generation` sponsor steps below `ancestor`. */
export const teamGenerationMembers = pgTable(
  "team_generation_members",
  {
    ancestorId: integer("ancestor_id").notNull(),
    generation: integer("generation").notNull(),
    members: integer("members").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ancestorId, t.generation] })],
);

/** Per period: how many of those are active, and their PV (from distributor_period_stats). */
export const teamGenerationStats = pgTable(
  "team_generation_stats",
  {
    periodId: integer("period_id").notNull(),
    ancestorId: integer("ancestor_id").notNull(),
    generation: integer("generation").notNull(),
    activeMembers: integer("active_members").notNull().default(0),
    pv: bigint("pv", { mode: "number" }).notNull().default(0),
  },
  // Period first: a rebuild replaces one period's rows; a lookup gives both anyway.
  (t) => [primaryKey({ columns: [t.periodId, t.ancestorId, t.generation] })],
);

/**
 * Per period, every distributor with GV under their sponsor, ordered by GV: the
 * index that lets the team table's first pages by GV walk down from the top
 * (a member's GV bounds everyone's below them) reading a few hundred rows, even
 * under a sponsor with 20,000 direct recruits. A mirror of
 * distributor_period_stats (rows with GV only) plus the sponsor, kept by the
 * same triggers.
 */
export const teamChildGv = pgTable(
  "team_child_gv",
  {
    periodId: integer("period_id").notNull(),
    distributorId: integer("distributor_id").notNull(),
    sponsorId: integer("sponsor_id").notNull(),
    gv: bigint("gv", { mode: "number" }).notNull(),
    active: boolean("active").notNull(),
    rankPosition: integer("rank_position"),
  },
  (t) => [
    primaryKey({ columns: [t.periodId, t.distributorId] }),
    index("team_child_gv_sponsor_idx").on(t.periodId, t.sponsorId, t.gv.desc(), t.distributorId.desc()),
  ],
);

/**
 * What statements on distributor_period_stats changed, one row per statement
 * (arrays of distributors with their PV and activity deltas), until
 * team_rollup_apply() folds it into the rollups (migration 0011).
 */
export const teamRollupQueue = pgTable("team_rollup_queue", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  periodIds: integer("period_ids").array().notNull(),
  distributorIds: integer("distributor_ids").array().notNull(),
  pv: bigint("pv", { mode: "number" }).array().notNull(),
  active: integer("active").array().notNull(),
  // Each changed row's values after the statement (null where the row was removed): the GV mirror's.
  gv: bigint("gv", { mode: "number" }).array(),
  nowActive: boolean("now_active").array(),
  rankPosition: integer("rank_position").array(),
});
