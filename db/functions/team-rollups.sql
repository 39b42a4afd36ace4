-- The team rollups, kept by the database whoever writes the tree or the
-- volumes: team_generation_members (members per ancestor and generation),
-- team_generation_stats (active members and PV per period, ancestor and
-- generation) and team_child_gv (each sponsored distributor's GV per period,
-- the mirror team_top_by_gv walks). Ancestors come from the materialised path
-- (tree-paths.sql): in path "1.17.342" (depth 2), the ancestor at position k
-- (1-based) is depth - k + 1 generations above. Upserts go in key order, so
-- concurrent writers never deadlock. Appliers, moves and rebuilds serialise on
-- the advisory lock 727002; writers of the volumes never wait for it.
--
-- Members follow the tree at once (team_rollup_members_insert,
-- team_rollup_move). The volumes go through a queue: a statement on
-- distributor_period_stats appends one row to team_rollup_queue
-- (team_rollup_stats), and team_rollup_apply() folds the queue into the
-- rollups, many orders at once.
--
-- Called from TypeScript:
--   team_rollup_apply()             applyTeamRollups, settleTeamRollups and
--                                   scheduleTeamRollups (lib/ledger/rollups.ts),
--                                   after orders (lib/orders/batcher.ts,
--                                   lib/actions/orders/), refunds
--                                   (lib/orders/refund.ts) and full runs
--                                   (lib/ledger/full-run.ts).
--   team_rollup_rebuild_period(p)   seedLargeCompany (db/seed/large.ts), after a
--                                   full run under
--                                   SET LOCAL lineage.team_rollup = 'deferred'.
--   team_rollup_rebuild_members()   seedLargeCompany (db/seed/large.ts), after its
--                                   bulk COPY with team_rollup_members_insert
--                                   disabled; a repair tool.
-- The trigger functions fire on writes to distributors (sign-ups, moves:
-- lib/referrals/accounts.ts, lib/admin/distributors.ts) and to
-- distributor_period_stats (lib/ledger/stats.ts). The rollups are read by
-- lib/team/ (generations.ts, tree.ts, top-gv.ts) and lib/admin/distributors.ts.
-- Tested by lib/team/rollups.int.test.ts.
--
-- The current definitions, copied from the migrations that hold them: to
-- change one, write a new migration and update this file in the same commit
-- (see README.md in this folder).

-- team_rollup_members_insert (AFTER INSERT on distributors, each statement):
-- new distributors counted into their uplines' members per generation, one
-- set-based upsert per statement however many rows it inserts.
-- live version: 0006_team_rollups.sql
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
-- team_rollup_move (AFTER UPDATE OF sponsor_id on distributors, each row): a
-- moved subtree takes its own rollups along: the old upline loses them, the
-- new one gains them, shifted by the change of depth; nothing below moves.
-- It shifts applied rollups only; what is still queued is applied later along
-- the new path, so the two never overlap. It takes the appliers' lock.
-- live version: 0011_team_rollup_queue.sql
CREATE OR REPLACE FUNCTION team_rollup_move() RETURNS trigger AS $$
BEGIN
  IF NEW.path IS NOT DISTINCT FROM OLD.path THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(727002);
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
-- live version: 0006_team_rollups.sql
CREATE TRIGGER team_rollup_move AFTER UPDATE OF sponsor_id ON distributors
  FOR EACH ROW EXECUTE FUNCTION team_rollup_move();
--> statement-breakpoint
-- team_rollup_stats (AFTER INSERT, UPDATE, DELETE on distributor_period_stats,
-- each statement): queues what the statement changed, one row whatever the
-- number of rows: PV and activity deltas, and each row's new GV, activity and
-- rank. A statement that empties a period (a rewrite that deletes every row
-- before inserting the new snapshot) drops the period's rollups wholesale
-- instead. SET LOCAL lineage.team_rollup = 'deferred' skips the work entirely;
-- the writer then calls team_rollup_rebuild_period(period).
-- live version: 0013_team_rollup_values.sql
CREATE OR REPLACE FUNCTION team_rollup_stats() RETURNS trigger AS $$
DECLARE
  emptied int[] := '{}';
  p int;
  periods int[];
  ids int[];
  dpv bigint[];
  dact int[];
  vgv bigint[];
  vact boolean[];
  vrank int[];
BEGIN
  IF current_setting('lineage.team_rollup', true) = 'deferred' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    FOR p IN SELECT DISTINCT period_id FROM old_rows LOOP
      IF NOT EXISTS (SELECT 1 FROM distributor_period_stats WHERE period_id = p) THEN
        emptied := emptied || p;
      END IF;
    END LOOP;
    IF cardinality(emptied) > 0 THEN
      PERFORM pg_advisory_xact_lock(727002);
      PERFORM team_rollup_apply();
      DELETE FROM team_generation_stats WHERE period_id = ANY (emptied);
      DELETE FROM team_child_gv WHERE period_id = ANY (emptied);
    END IF;
    SELECT array_agg(period_id), array_agg(distributor_id), array_agg(-pv), array_agg(-(active::int)),
           array_agg(NULL::bigint), array_agg(NULL::boolean), array_agg(NULL::int)
      INTO periods, ids, dpv, dact, vgv, vact, vrank
      FROM old_rows WHERE period_id <> ALL (emptied);
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(period_id), array_agg(distributor_id), array_agg(pv), array_agg(active::int),
           array_agg(gv), array_agg(active), array_agg(rank_position)
      INTO periods, ids, dpv, dact, vgv, vact, vrank
      FROM new_rows;
  ELSE
    SELECT array_agg(period_id), array_agg(distributor_id), array_agg(coalesce(n.pv, 0) - coalesce(o.pv, 0)),
           array_agg(coalesce(n.active::int, 0) - coalesce(o.active::int, 0)),
           array_agg(n.gv), array_agg(n.active), array_agg(n.rank_position)
      INTO periods, ids, dpv, dact, vgv, vact, vrank
      FROM new_rows n FULL JOIN old_rows o USING (period_id, distributor_id)
      WHERE (n.pv, n.gv, n.active, n.rank_position) IS DISTINCT FROM (o.pv, o.gv, o.active, o.rank_position);
  END IF;
  IF ids IS NOT NULL THEN
    INSERT INTO team_rollup_queue (period_ids, distributor_ids, pv, active, gv, now_active, rank_position)
    VALUES (periods, ids, dpv, dact, vgv, vact, vrank);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- live version: 0006_team_rollups.sql
CREATE TRIGGER team_rollup_stats_insert AFTER INSERT ON distributor_period_stats
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION team_rollup_stats();
--> statement-breakpoint
CREATE TRIGGER team_rollup_stats_update AFTER UPDATE ON distributor_period_stats
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION team_rollup_stats();
--> statement-breakpoint
CREATE TRIGGER team_rollup_stats_delete AFTER DELETE ON distributor_period_stats
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION team_rollup_stats();
--> statement-breakpoint
-- team_rollup_apply(): folds the queue into the rollups: PV and activity
-- deltas per generation for every upline of a changed distributor, and the
-- GV mirror refreshed from the queued values (a row queued without values, by
-- the trigger of before 0013, has them read from the volumes). Returns how many
-- distributors it applied.
-- live version: 0013_team_rollup_values.sql
CREATE OR REPLACE FUNCTION team_rollup_apply() RETURNS integer AS $$
DECLARE
  periods int[];
  ids int[];
  dpv bigint[];
  dact int[];
  lgv bigint[];
  lact boolean[];
  lrank int[];
  lfromstats boolean[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM team_rollup_queue) THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(727002);
  -- Deltas are summed; the values are each distributor's latest (queue rows are
  -- written under the ledger lock, so their ids follow the commits).
  WITH q AS (DELETE FROM team_rollup_queue RETURNING id, period_ids, distributor_ids, pv, active, gv, now_active, rank_position),
  x AS (
    SELECT q.id AS qid, q.gv IS NULL AS legacy, x.*
    FROM q CROSS JOIN LATERAL unnest(q.period_ids, q.distributor_ids, q.pv, q.active, q.gv, q.now_active, q.rank_position)
      WITH ORDINALITY AS x(period_id, distributor_id, v, act, gv, now_active, rank_position, ord)
  ),
  c AS (
    SELECT period_id, distributor_id, sum(v)::bigint AS v, sum(act)::int AS act,
           (array_agg(gv ORDER BY qid DESC, ord DESC))[1] AS gv,
           (array_agg(now_active ORDER BY qid DESC, ord DESC))[1] AS now_active,
           (array_agg(rank_position ORDER BY qid DESC, ord DESC))[1] AS rank_position,
           bool_or(legacy) AS legacy
    FROM x GROUP BY 1, 2
  )
  SELECT array_agg(period_id), array_agg(distributor_id), array_agg(v), array_agg(act), array_agg(gv), array_agg(now_active), array_agg(rank_position),
         array_agg(legacy)
    INTO periods, ids, dpv, dact, lgv, lact, lrank, lfromstats FROM c;
  IF ids IS NULL THEN
    RETURN 0;
  END IF;
  IF true = ANY (lfromstats) THEN
    -- Queued without values: the volumes row as it stands (what the apply read before 0013).
    SELECT array_agg(CASE WHEN u.legacy THEN s.gv ELSE u.gv END ORDER BY u.n),
           array_agg(CASE WHEN u.legacy THEN s.active ELSE u.active END ORDER BY u.n),
           array_agg(CASE WHEN u.legacy THEN s.rank_position ELSE u.rank_position END ORDER BY u.n)
      INTO lgv, lact, lrank
      FROM unnest(periods, ids, lgv, lact, lrank, lfromstats) WITH ORDINALITY AS u(period_id, distributor_id, gv, active, rank_position, legacy, n)
      LEFT JOIN distributor_period_stats s ON u.legacy AND s.period_id = u.period_id AND s.distributor_id = u.distributor_id;
  END IF;

  INSERT INTO team_generation_stats AS t (period_id, ancestor_id, generation, active_members, pv)
  SELECT c.period_id, a.id::int, d.depth - a.ord::int + 1, sum(c.act)::int, sum(c.v)
  FROM unnest(periods, ids, dpv, dact) AS c(period_id, distributor_id, v, act)
  JOIN distributors d ON d.id = c.distributor_id
  CROSS JOIN LATERAL unnest(string_to_array(d.path, '.')) WITH ORDINALITY AS a(id, ord)
  WHERE a.ord <= d.depth AND (c.v <> 0 OR c.act <> 0)
  GROUP BY 1, 2, 3
  HAVING sum(c.act) <> 0 OR sum(c.v) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (period_id, ancestor_id, generation)
    DO UPDATE SET active_members = t.active_members + excluded.active_members, pv = t.pv + excluded.pv;

  WITH l AS (
    SELECT * FROM unnest(periods, ids, lgv, lact, lrank) AS l(period_id, distributor_id, gv, active, rank_position) WHERE l.gv > 0
  ), u AS (
    UPDATE team_child_gv t SET gv = l.gv, active = l.active, rank_position = l.rank_position
    FROM l WHERE t.period_id = l.period_id AND t.distributor_id = l.distributor_id
    RETURNING t.period_id, t.distributor_id
  )
  INSERT INTO team_child_gv (period_id, distributor_id, sponsor_id, gv, active, rank_position)
  SELECT l.period_id, l.distributor_id, d.sponsor_id, l.gv, l.active, l.rank_position
  FROM l JOIN distributors d ON d.id = l.distributor_id
  WHERE d.sponsor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM u WHERE u.period_id = l.period_id AND u.distributor_id = l.distributor_id)
  ORDER BY 1, 2;

  DELETE FROM team_child_gv t
  USING unnest(periods, ids, lgv) AS l(period_id, distributor_id, gv)
  WHERE coalesce(l.gv, 0) <= 0 AND t.period_id = l.period_id AND t.distributor_id = l.distributor_id;
  RETURN cardinality(ids);
END;
$$ LANGUAGE plpgsql SET work_mem = '64MB';
--> statement-breakpoint
-- team_rollup_rebuild_period(target): one period's rollups and GV mirror from
-- scratch, set-based, after applying the queue (it may hold other periods).
-- Rows are written in depth-first order of the sponsor tree, so the rows an
-- order changes sit on a few pages. Callers hold the ledger lock.
-- live version: 0015_team_rollups_depth_first.sql
CREATE OR REPLACE FUNCTION team_rollup_rebuild_period(target integer) RETURNS void AS $$
  SELECT pg_advisory_xact_lock(727002);
  SELECT team_rollup_apply();
  DELETE FROM team_child_gv WHERE period_id = target;
  INSERT INTO team_child_gv (period_id, distributor_id, sponsor_id, gv, active, rank_position)
  SELECT s.period_id, s.distributor_id, d.sponsor_id, s.gv, s.active, s.rank_position
  FROM distributor_period_stats s JOIN distributors d ON d.id = s.distributor_id
  WHERE s.period_id = target AND s.gv > 0 AND d.sponsor_id IS NOT NULL
  ORDER BY d.path COLLATE "C";
  DELETE FROM team_generation_stats WHERE period_id = target;
  WITH g AS (
    SELECT a.id::int AS ancestor_id, d.depth - a.ord::int + 1 AS generation,
           (count(*) FILTER (WHERE s.active))::int AS active_members, sum(s.pv) AS pv
    FROM distributor_period_stats s
    JOIN distributors d ON d.id = s.distributor_id
    CROSS JOIN LATERAL unnest(string_to_array(d.path, '.')) WITH ORDINALITY AS a(id, ord)
    WHERE s.period_id = target AND (s.pv <> 0 OR s.active) AND a.ord <= d.depth
    GROUP BY 1, 2
  ), place AS (
    SELECT x.id, row_number() OVER (ORDER BY x.path COLLATE "C") AS n
    FROM distributors x WHERE x.id IN (SELECT DISTINCT ancestor_id FROM g)
  )
  INSERT INTO team_generation_stats (period_id, ancestor_id, generation, active_members, pv)
  SELECT target, g.ancestor_id, g.generation, g.active_members, g.pv
  FROM g JOIN place ON place.id = g.ancestor_id
  ORDER BY place.n, g.generation;
$$ LANGUAGE sql SET work_mem = '256MB';
--> statement-breakpoint
-- team_rollup_rebuild_members(): the tree's members rollup from scratch.
-- live version: 0006_team_rollups.sql
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
