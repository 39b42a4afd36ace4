-- The upline chains of several sellers in one call, under the ledger lock (as
-- ledger_chain, migration 0009): a batch of orders (group commit) reads every
-- chain it will update in one round trip. Each member once, root first;
-- has_recruits is set for the sellers. It replaces ledger_chain (one seller).
CREATE OR REPLACE FUNCTION ledger_chains(p_lock bigint, p_period integer, p_sellers integer[])
RETURNS TABLE (id integer, sponsor_id integer, depth integer, path text, terminated boolean, pv float8, gv float8,
               period_open boolean, plan_id integer, has_stats boolean, has_recruits boolean) AS $$
BEGIN
  IF p_lock IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(p_lock);
  END IF;
  RETURN QUERY
  SELECT d.id, d.sponsor_id, d.depth, d.path, d.status = 'terminated', coalesce(s.pv, 0)::float8, coalesce(s.gv, 0)::float8,
         p.status = 'open', p.plan_id, s.distributor_id IS NOT NULL,
         d.id = ANY (p_sellers) AND EXISTS (SELECT 1 FROM distributors r WHERE r.sponsor_id = d.id)
  FROM distributors d
  LEFT JOIN distributor_period_stats s ON s.period_id = p_period AND s.distributor_id = d.id
  LEFT JOIN commission_periods p ON p.id = p_period
  WHERE d.id IN (SELECT DISTINCT a.id::int FROM distributors x CROSS JOIN LATERAL unnest(string_to_array(x.path, '.')) AS a(id)
                 WHERE x.id = ANY (p_sellers))
  ORDER BY d.depth;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP FUNCTION ledger_chain(bigint, integer, integer);
