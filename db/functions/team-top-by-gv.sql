-- team_top_by_gv(p_period, p_owner, p_need, p_max): the first p_need members
-- of a downline by GV (descending, ties by id descending), best-first from the
-- top: GV never grows down the tree, so only members whose GV can still make
-- the cut are expanded, each reading its children in GV order from
-- team_child_gv (team-rollups.sql), and a child below its parent's p_need-th
-- best child (ties kept) is never needed. Runs in the database so a long leg
-- costs one round trip, not one per generation. Returns fewer than p_need rows
-- when fewer members have any GV (the rest tie at 0), and nothing at all past
-- p_max rows read (the caller then reads the downline).
--
-- Called from TypeScript by topByGv (lib/team/top-gv.ts): the team table
-- sorted by GV. Tested by lib/team/team.int.test.ts.
--
-- The current definition, copied from the migration that holds it: to change
-- it, write a new migration and update this file in the same commit (see
-- README.md in this folder).

-- live version: 0006_team_rollups.sql
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
