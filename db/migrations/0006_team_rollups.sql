CREATE TABLE "team_child_gv" (
	"period_id" integer NOT NULL,
	"distributor_id" integer NOT NULL,
	"sponsor_id" integer NOT NULL,
	"gv" bigint NOT NULL,
	"active" boolean NOT NULL,
	"rank_position" integer,
	CONSTRAINT "team_child_gv_period_id_distributor_id_pk" PRIMARY KEY("period_id","distributor_id")
);
--> statement-breakpoint
CREATE TABLE "team_generation_members" (
	"ancestor_id" integer NOT NULL,
	"generation" integer NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "team_generation_members_ancestor_id_generation_pk" PRIMARY KEY("ancestor_id","generation")
);
--> statement-breakpoint
CREATE TABLE "team_generation_stats" (
	"period_id" integer NOT NULL,
	"ancestor_id" integer NOT NULL,
	"generation" integer NOT NULL,
	"active_members" integer DEFAULT 0 NOT NULL,
	"pv" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "team_generation_stats_period_id_ancestor_id_generation_pk" PRIMARY KEY("period_id","ancestor_id","generation")
);
--> statement-breakpoint
CREATE INDEX "team_child_gv_sponsor_idx" ON "team_child_gv" USING btree ("period_id","sponsor_id","gv" DESC NULLS LAST,"distributor_id" DESC NULLS LAST);
--> statement-breakpoint
-- Per-generation rollups, kept exact by the database itself whoever writes the
-- tree or the volumes (signups, moves, the seeders, every order through the
-- ledger's stats upserts). Ancestors come from the materialised path: in path
-- "1.17.342" (depth 2), the ancestor at position k (1-based) is depth - k + 1
-- generations above. Upserts go in key order, so concurrent writers never deadlock.

-- New distributors, one statement at a time (the large seeder inserts 100,000 per statement).
CREATE OR REPLACE FUNCTION team_rollup_members_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO team_generation_members AS t (ancestor_id, generation, members)
  SELECT a.id::int, n.depth - a.ord::int + 1, count(*)::int
  FROM inserted n
  CROSS JOIN LATERAL unnest(string_to_array(n.path, '.')) WITH ORDINALITY AS a(id, ord)
  WHERE a.ord <= n.depth
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (ancestor_id, generation) DO UPDATE SET members = t.members + excluded.members;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SET work_mem = '64MB';
--> statement-breakpoint
CREATE TRIGGER team_rollup_members_insert AFTER INSERT ON distributors
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION team_rollup_members_insert();
--> statement-breakpoint
-- A moved subtree takes its own rollups along: the old upline loses them, the
-- new one gains them, shifted by the change of depth; nothing below moves.
CREATE OR REPLACE FUNCTION team_rollup_move() RETURNS trigger AS $$
BEGIN
  IF NEW.path IS NOT DISTINCT FROM OLD.path THEN
    RETURN NULL;
  END IF;
  WITH up AS (
    SELECT a.id::int AS id, OLD.depth - a.ord::int + 1 AS off, -1 AS sign
      FROM unnest(string_to_array(OLD.path, '.')) WITH ORDINALITY AS a(id, ord) WHERE a.ord <= OLD.depth
    UNION ALL
    SELECT a.id::int, NEW.depth - a.ord::int + 1, 1
      FROM unnest(string_to_array(NEW.path, '.')) WITH ORDINALITY AS a(id, ord) WHERE a.ord <= NEW.depth
  ), sub AS (
    SELECT 0 AS g, 1 AS n
    UNION ALL
    SELECT generation, members FROM team_generation_members WHERE ancestor_id = NEW.id
  )
  INSERT INTO team_generation_members AS t (ancestor_id, generation, members)
  SELECT up.id, up.off + sub.g, sum(up.sign * sub.n)::int
  FROM up CROSS JOIN sub
  GROUP BY 1, 2
  HAVING sum(up.sign * sub.n) <> 0
  ORDER BY 1, 2
  ON CONFLICT (ancestor_id, generation) DO UPDATE SET members = t.members + excluded.members;

  DELETE FROM team_generation_members
   WHERE members = 0 AND ancestor_id = ANY (string_to_array(OLD.path, '.')::int[]);

  WITH up AS (
    SELECT a.id::int AS id, OLD.depth - a.ord::int + 1 AS off, -1 AS sign
      FROM unnest(string_to_array(OLD.path, '.')) WITH ORDINALITY AS a(id, ord) WHERE a.ord <= OLD.depth
    UNION ALL
    SELECT a.id::int, NEW.depth - a.ord::int + 1, 1
      FROM unnest(string_to_array(NEW.path, '.')) WITH ORDINALITY AS a(id, ord) WHERE a.ord <= NEW.depth
  ), sub AS (
    SELECT period_id, 0 AS g, active::int AS act, pv FROM distributor_period_stats WHERE distributor_id = NEW.id
    UNION ALL
    SELECT period_id, generation, active_members, pv FROM team_generation_stats
     WHERE period_id = ANY (ARRAY(SELECT id FROM commission_periods)) AND ancestor_id = NEW.id
  )
  INSERT INTO team_generation_stats AS t (period_id, ancestor_id, generation, active_members, pv)
  SELECT sub.period_id, up.id, up.off + sub.g, sum(up.sign * sub.act)::int, sum(up.sign * sub.pv)
  FROM up CROSS JOIN sub
  GROUP BY 1, 2, 3
  HAVING sum(up.sign * sub.act) <> 0 OR sum(up.sign * sub.pv) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (period_id, ancestor_id, generation)
    DO UPDATE SET active_members = t.active_members + excluded.active_members, pv = t.pv + excluded.pv;

  IF NEW.sponsor_id IS NULL THEN
    DELETE FROM team_child_gv WHERE period_id = ANY (ARRAY(SELECT id FROM commission_periods)) AND distributor_id = NEW.id;
  ELSE
    UPDATE team_child_gv SET sponsor_id = NEW.sponsor_id
     WHERE period_id = ANY (ARRAY(SELECT id FROM commission_periods)) AND distributor_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER team_rollup_move AFTER UPDATE OF sponsor_id ON distributors
  FOR EACH ROW EXECUTE FUNCTION team_rollup_move();
--> statement-breakpoint
-- Active members and PV per generation follow distributor_period_stats, one
-- statement at a time: per order, only the seller's PV and activity change, so
-- one path's worth of rows is updated. team_child_gv mirrors the rows with GV
-- (an order changes the GV of its whole upline: one row each). A statement
-- that empties a period (a rewrite that deletes every row before inserting the
-- new snapshot) drops the period's rows wholesale instead of row by row.
-- `SET LOCAL lineage.team_rollup = 'deferred'` skips the work entirely; the
-- writer then calls team_rollup_rebuild_period(period) once, set-based.
CREATE OR REPLACE FUNCTION team_rollup_stats() RETURNS trigger AS $$
DECLARE
  emptied int[] := '{}';
  p int;
  periods int[];
  ids int[];
  dpv bigint[];
  dact int[];
BEGIN
  IF current_setting('lineage.team_rollup', true) = 'deferred' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    FOR p IN SELECT DISTINCT period_id FROM old_rows LOOP
      IF NOT EXISTS (SELECT 1 FROM distributor_period_stats WHERE period_id = p) THEN
        DELETE FROM team_generation_stats WHERE period_id = p;
        DELETE FROM team_child_gv WHERE period_id = p;
        emptied := emptied || p;
      END IF;
    END LOOP;
    DELETE FROM team_child_gv t USING old_rows o
     WHERE t.period_id = o.period_id AND t.distributor_id = o.distributor_id AND o.period_id <> ALL (emptied);
    SELECT array_agg(period_id), array_agg(distributor_id), array_agg(-pv), array_agg(-(active::int))
      INTO periods, ids, dpv, dact
      FROM old_rows WHERE (pv <> 0 OR active) AND period_id <> ALL (emptied);
  ELSE
    INSERT INTO team_child_gv AS t (period_id, distributor_id, sponsor_id, gv, active, rank_position)
    SELECT n.period_id, n.distributor_id, d.sponsor_id, n.gv, n.active, n.rank_position
    FROM new_rows n JOIN distributors d ON d.id = n.distributor_id
    WHERE n.gv > 0 AND d.sponsor_id IS NOT NULL
    ORDER BY 1, 2
    ON CONFLICT (period_id, distributor_id) DO UPDATE
      SET gv = excluded.gv, active = excluded.active, rank_position = excluded.rank_position
      WHERE (t.gv, t.active, t.rank_position) IS DISTINCT FROM (excluded.gv, excluded.active, excluded.rank_position);
    DELETE FROM team_child_gv t USING new_rows n
     WHERE t.period_id = n.period_id AND t.distributor_id = n.distributor_id AND n.gv <= 0;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(period_id), array_agg(distributor_id), array_agg(pv), array_agg(active::int)
      INTO periods, ids, dpv, dact
      FROM new_rows WHERE pv <> 0 OR active;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(period_id), array_agg(distributor_id), array_agg(v), array_agg(act)
      INTO periods, ids, dpv, dact
      FROM (
        SELECT period_id, distributor_id,
               coalesce(n.pv, 0) - coalesce(o.pv, 0) AS v,
               coalesce(n.active::int, 0) - coalesce(o.active::int, 0) AS act
        FROM new_rows n FULL JOIN old_rows o USING (period_id, distributor_id)
      ) c
      WHERE v <> 0 OR act <> 0;
  END IF;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO team_generation_stats AS t (period_id, ancestor_id, generation, active_members, pv)
  SELECT c.period_id, a.id::int, d.depth - a.ord::int + 1, sum(c.act)::int, sum(c.v)
  FROM unnest(periods, ids, dpv, dact) AS c(period_id, distributor_id, v, act)
  JOIN distributors d ON d.id = c.distributor_id
  CROSS JOIN LATERAL unnest(string_to_array(d.path, '.')) WITH ORDINALITY AS a(id, ord)
  WHERE a.ord <= d.depth
  GROUP BY 1, 2, 3
  HAVING sum(c.act) <> 0 OR sum(c.v) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (period_id, ancestor_id, generation)
    DO UPDATE SET active_members = t.active_members + excluded.active_members, pv = t.pv + excluded.pv;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SET work_mem = '64MB';
--> statement-breakpoint
CREATE TRIGGER team_rollup_stats_insert AFTER INSERT ON distributor_period_stats
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION team_rollup_stats();
--> statement-breakpoint
CREATE TRIGGER team_rollup_stats_update AFTER UPDATE ON distributor_period_stats
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION team_rollup_stats();
--> statement-breakpoint
CREATE TRIGGER team_rollup_stats_delete AFTER DELETE ON distributor_period_stats
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION team_rollup_stats();
--> statement-breakpoint
-- One period's rollup and mirror from scratch, set-based: after a bulk rewrite of
-- its stats under `lineage.team_rollup = 'deferred'`, and for the backfill below.
CREATE OR REPLACE FUNCTION team_rollup_rebuild_period(target integer) RETURNS void AS $$
  DELETE FROM team_child_gv WHERE period_id = target;
  INSERT INTO team_child_gv (period_id, distributor_id, sponsor_id, gv, active, rank_position)
  SELECT s.period_id, s.distributor_id, d.sponsor_id, s.gv, s.active, s.rank_position
  FROM distributor_period_stats s JOIN distributors d ON d.id = s.distributor_id
  WHERE s.period_id = target AND s.gv > 0 AND d.sponsor_id IS NOT NULL
  ORDER BY 1, 2;
  DELETE FROM team_generation_stats WHERE period_id = target;
  INSERT INTO team_generation_stats (period_id, ancestor_id, generation, active_members, pv)
  SELECT target, a.id::int, d.depth - a.ord::int + 1, (count(*) FILTER (WHERE s.active))::int, sum(s.pv)
  FROM distributor_period_stats s
  JOIN distributors d ON d.id = s.distributor_id
  CROSS JOIN LATERAL unnest(string_to_array(d.path, '.')) WITH ORDINALITY AS a(id, ord)
  WHERE s.period_id = target AND (s.pv <> 0 OR s.active) AND a.ord <= d.depth
  GROUP BY 2, 3
  ORDER BY 2, 3;
$$ LANGUAGE sql SET work_mem = '256MB';
--> statement-breakpoint
-- The tree's members rollup from scratch (the backfill below; a repair tool).
CREATE OR REPLACE FUNCTION team_rollup_rebuild_members() RETURNS void AS $$
  DELETE FROM team_generation_members;
  INSERT INTO team_generation_members (ancestor_id, generation, members)
  SELECT a.id::int, d.depth - a.ord::int + 1, count(*)::int
  FROM distributors d
  CROSS JOIN LATERAL unnest(string_to_array(d.path, '.')) WITH ORDINALITY AS a(id, ord)
  WHERE a.ord <= d.depth
  GROUP BY 1, 2
  ORDER BY 1, 2;
$$ LANGUAGE sql SET work_mem = '256MB';
--> statement-breakpoint
SELECT team_rollup_rebuild_members();
--> statement-breakpoint
SELECT team_rollup_rebuild_period(id) FROM commission_periods ORDER BY id;
--> statement-breakpoint
-- The first `p_need` members of a downline by GV (descending, ties by id
-- descending), best-first from the top: GV never grows down the tree, so only
-- members whose GV can still make the cut are expanded, each reading its
-- children in GV order from team_child_gv, and a child below its parent's
-- `p_need`-th best child (ties kept) is never needed. Runs in the database so a
-- long leg costs one round trip, not one per generation. Returns fewer than
-- `p_need` rows when fewer members have any GV (the rest tie at 0), and nothing
-- at all past `p_max` rows read (the caller then reads the downline).
CREATE OR REPLACE FUNCTION team_top_by_gv(p_period integer, p_owner integer, p_need integer, p_max integer DEFAULT 5000)
RETURNS TABLE (distributor_id integer, gv bigint) AS $$
DECLARE
  frontier int[] := ARRAY[p_owner];
  expanded int[] := ARRAY[p_owner];
  ids int[] := '{}';
  gvs bigint[] := '{}';
  new_ids int[];
  new_gvs bigint[];
  cut bigint := 1;
BEGIN
  WHILE cardinality(frontier) > 0 LOOP
    SELECT coalesce(array_agg(c.distributor_id), '{}'), coalesce(array_agg(c.gv), '{}') INTO new_ids, new_gvs
    FROM unnest(frontier) AS f(parent)
    CROSS JOIN LATERAL (
      SELECT t.distributor_id, t.gv FROM team_child_gv t
      WHERE t.period_id = p_period AND t.sponsor_id = f.parent
        AND t.gv >= greatest(cut, coalesce((
          SELECT k.gv FROM team_child_gv k WHERE k.period_id = p_period AND k.sponsor_id = f.parent
          ORDER BY k.gv DESC, k.distributor_id DESC OFFSET p_need - 1 LIMIT 1), 1))
    ) c;
    ids := ids || new_ids;
    gvs := gvs || new_gvs;
    IF cardinality(ids) > p_max THEN
      RETURN;
    END IF;
    SELECT coalesce(min(x.g), 1) INTO cut
    FROM (SELECT g FROM unnest(gvs) AS u(g) ORDER BY g DESC LIMIT p_need) x
    HAVING count(*) >= p_need;
    cut := coalesce(cut, 1);
    SELECT coalesce(array_agg(x.i), '{}') INTO frontier
    FROM unnest(ids, gvs) AS x(i, g)
    WHERE x.g >= cut AND x.i <> ALL (expanded);
    expanded := expanded || frontier;
  END LOOP;
  RETURN QUERY SELECT x.i, x.g FROM unnest(ids, gvs) AS x(i, g) ORDER BY x.g DESC, x.i DESC LIMIT p_need;
END;
$$ LANGUAGE plpgsql STABLE;
