-- The team rollups' queue carries each changed row's new GV, activity and rank,
-- so the apply refreshes the GV mirror (team_child_gv) from the queue: one
-- keyed update per changed distributor, instead of reading the volumes row and
-- the distributor again for each and probing each for a removal. Only rows
-- new to the mirror read their sponsor; only rows whose GV is gone are probed
-- for removal. The old queue is applied first; a row queued without values
-- all the same (by a server still running the old trigger during a deploy)
-- has its values read from the volumes, as before.
SELECT team_rollup_apply();
--> statement-breakpoint
ALTER TABLE "team_rollup_queue" ADD COLUMN "gv" bigint[];--> statement-breakpoint
ALTER TABLE "team_rollup_queue" ADD COLUMN "now_active" boolean[];--> statement-breakpoint
ALTER TABLE "team_rollup_queue" ADD COLUMN "rank_position" integer[];--> statement-breakpoint
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
