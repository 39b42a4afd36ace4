-- The team rollups (migration 0006) leave the order's transaction. Keeping
-- them in step row by row cost an order two upserts per upline (the GV mirror
-- and the per-generation stats), most of its write on a deep tree and all of
-- it under the ledger lock. Now a statement on distributor_period_stats only
-- appends one row to team_rollup_queue (its changed rows, as arrays), and
-- team_rollup_apply() folds the queue into the rollups, many orders at once
-- (shared uplines written once). The application applies the queue right after
-- an order commits and before any read of the rollups, so readers still see
-- them exact. Appliers, moves and rebuilds serialise on their own advisory
-- lock (727002); stats writers never wait for it.
CREATE TABLE "team_rollup_queue" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"period_ids" integer[] NOT NULL,
	"distributor_ids" integer[] NOT NULL,
	"pv" bigint[] NOT NULL,
	"active" integer[] NOT NULL
);
--> statement-breakpoint
-- Folds the queue into the rollups: PV and activity deltas per generation for
-- every upline of a changed distributor, and each changed distributor's row of
-- the GV mirror copied again from its stats (or removed). Returns how many
-- distributors it applied.
CREATE OR REPLACE FUNCTION team_rollup_apply() RETURNS integer AS $$
DECLARE
  periods int[];
  ids int[];
  dpv bigint[];
  dact int[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM team_rollup_queue) THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(727002);
  WITH q AS (DELETE FROM team_rollup_queue RETURNING period_ids, distributor_ids, pv, active),
  c AS (
    SELECT x.period_id, x.distributor_id, sum(x.v)::bigint AS v, sum(x.act)::int AS act
    FROM q CROSS JOIN LATERAL unnest(q.period_ids, q.distributor_ids, q.pv, q.active) AS x(period_id, distributor_id, v, act)
    GROUP BY 1, 2
  )
  SELECT array_agg(period_id), array_agg(distributor_id), array_agg(v), array_agg(act) INTO periods, ids, dpv, dact FROM c;
  IF ids IS NULL THEN
    RETURN 0;
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

  INSERT INTO team_child_gv AS t (period_id, distributor_id, sponsor_id, gv, active, rank_position)
  SELECT s.period_id, s.distributor_id, d.sponsor_id, s.gv, s.active, s.rank_position
  FROM unnest(periods, ids) AS c(period_id, distributor_id)
  JOIN distributor_period_stats s ON s.period_id = c.period_id AND s.distributor_id = c.distributor_id
  JOIN distributors d ON d.id = c.distributor_id
  WHERE s.gv > 0 AND d.sponsor_id IS NOT NULL
  ORDER BY 1, 2
  ON CONFLICT (period_id, distributor_id) DO UPDATE
    SET sponsor_id = excluded.sponsor_id, gv = excluded.gv, active = excluded.active, rank_position = excluded.rank_position
    WHERE (t.sponsor_id, t.gv, t.active, t.rank_position) IS DISTINCT FROM (excluded.sponsor_id, excluded.gv, excluded.active, excluded.rank_position);

  DELETE FROM team_child_gv t
  USING unnest(periods, ids) AS c(period_id, distributor_id)
  WHERE t.period_id = c.period_id AND t.distributor_id = c.distributor_id
    AND NOT EXISTS (
      SELECT 1 FROM distributor_period_stats s JOIN distributors d ON d.id = s.distributor_id
      WHERE s.period_id = c.period_id AND s.distributor_id = c.distributor_id AND s.gv > 0 AND d.sponsor_id IS NOT NULL);
  RETURN cardinality(ids);
END;
$$ LANGUAGE plpgsql SET work_mem = '64MB';
--> statement-breakpoint
-- A statement on distributor_period_stats queues what it changed: one row
-- whatever the number of rows. A statement that empties a period (a rewrite
-- that deletes every row before inserting the new snapshot) drops the period's
-- rollups wholesale instead. `SET LOCAL lineage.team_rollup = 'deferred'` skips
-- the work entirely; the writer then calls team_rollup_rebuild_period(period).
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
        emptied := emptied || p;
      END IF;
    END LOOP;
    IF cardinality(emptied) > 0 THEN
      PERFORM pg_advisory_xact_lock(727002);
      PERFORM team_rollup_apply();
      DELETE FROM team_generation_stats WHERE period_id = ANY (emptied);
      DELETE FROM team_child_gv WHERE period_id = ANY (emptied);
    END IF;
    SELECT array_agg(period_id), array_agg(distributor_id), array_agg(-pv), array_agg(-(active::int))
      INTO periods, ids, dpv, dact
      FROM old_rows WHERE period_id <> ALL (emptied);
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(period_id), array_agg(distributor_id), array_agg(pv), array_agg(active::int)
      INTO periods, ids, dpv, dact
      FROM new_rows;
  ELSE
    SELECT array_agg(period_id), array_agg(distributor_id), array_agg(coalesce(n.pv, 0) - coalesce(o.pv, 0)),
           array_agg(coalesce(n.active::int, 0) - coalesce(o.active::int, 0))
      INTO periods, ids, dpv, dact
      FROM new_rows n FULL JOIN old_rows o USING (period_id, distributor_id)
      WHERE (n.pv, n.gv, n.active, n.rank_position) IS DISTINCT FROM (o.pv, o.gv, o.active, o.rank_position);
  END IF;
  IF ids IS NOT NULL THEN
    INSERT INTO team_rollup_queue (period_ids, distributor_ids, pv, active) VALUES (periods, ids, dpv, dact);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A move shifts applied rollups; what is still queued is applied later along
-- the new path, so the two never overlap. It takes the appliers' lock.
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
-- A rebuild applies the queue first (it may hold other periods), then rebuilds
-- the period from its stats as they stand. Callers hold the ledger lock, so no
-- stats write commits meanwhile.
CREATE OR REPLACE FUNCTION team_rollup_rebuild_period(target integer) RETURNS void AS $$
  SELECT pg_advisory_xact_lock(727002);
  SELECT team_rollup_apply();
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
