-- The ledger lock and an order's upline chain in one call (applyOrderChange),
-- both under the lock. A volatile function's query takes its snapshot when it
-- starts, after the lock is granted, so it sees every ledger write committed
-- before; and PL/pgSQL keeps the query's plan, which would otherwise cost about
-- as much to make as the query to run, under the lock. The chain is root
-- first, with the period's stats, whether the period is open and its plan.
CREATE OR REPLACE FUNCTION ledger_chain(p_lock bigint, p_period integer, p_seller integer)
RETURNS TABLE (id integer, sponsor_id integer, depth integer, path text, terminated boolean, pv float8, gv float8,
               period_open boolean, plan_id integer, has_stats boolean, has_recruits boolean) AS $$
BEGIN
  IF p_lock IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(p_lock);
  END IF;
  RETURN QUERY
  SELECT d.id, d.sponsor_id, d.depth, d.path, d.status = 'terminated', coalesce(s.pv, 0)::float8, coalesce(s.gv, 0)::float8,
         p.status = 'open', p.plan_id, s.distributor_id IS NOT NULL,
         d.id = p_seller AND EXISTS (SELECT 1 FROM distributors r WHERE r.sponsor_id = d.id)
  FROM distributors d
  LEFT JOIN distributor_period_stats s ON s.period_id = p_period AND s.distributor_id = d.id
  LEFT JOIN commission_periods p ON p.id = p_period
  WHERE d.id = ANY (string_to_array((SELECT x.path FROM distributors x WHERE x.id = p_seller), '.')::int[])
  ORDER BY d.depth;
END;
$$ LANGUAGE plpgsql;
