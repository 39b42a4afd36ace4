-- ledger_chains(p_lock, p_period, p_sellers): the ledger lock and the upline
-- chains of several sellers in one call, both under the lock: a batch of
-- orders (group commit) reads every chain it will update in one round trip.
-- Each member once, root first, with the period's stats, whether the period
-- is open and its plan; has_recruits is set for the sellers, and customers_now
-- (their distinct retail customers, recounted from their paid orders). A volatile
-- function's query takes its snapshot when it starts, after the lock is
-- granted, so it sees every ledger write committed before; and PL/pgSQL keeps
-- the query's plan, which would otherwise cost about as much to make as the
-- query to run, under the lock. p_lock NULL: the caller holds the lock.
--
-- Called from TypeScript by applyOrderChange (one seller,
-- lib/ledger/incremental/change.ts) and applyNewOrders (a batch,
-- lib/ledger/incremental/batch.ts). It replaced ledger_chain (one seller,
-- migration 0009, dropped by 0014).
--
-- The current definition, copied from the migration that holds it: to change
-- it, write a new migration and update this file in the same commit (see
-- README.md in this folder).

-- live version: 0031_retail_customers.sql
CREATE OR REPLACE FUNCTION ledger_chains(p_lock bigint, p_period integer, p_sellers integer[])
RETURNS TABLE (id integer, sponsor_id integer, depth integer, path text, terminated boolean, pv float8, gv float8, retail_pv float8,
               retail_customers integer, customers_now integer, period_open boolean, plan_id integer, has_stats boolean, has_recruits boolean) AS $$
BEGIN
  IF p_lock IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(p_lock);
  END IF;
  RETURN QUERY
  SELECT d.id, d.sponsor_id, d.depth, d.path, d.status = 'terminated', coalesce(s.pv, 0)::float8, coalesce(s.gv, 0)::float8, coalesce(s.retail_pv, 0)::float8,
         coalesce(s.retail_customers, 0),
         CASE WHEN d.id = ANY (p_sellers) THEN
           (SELECT count(DISTINCT lower(o.customer_email))::int FROM orders o
            WHERE o.seller_id = d.id AND o.period_id = p_period AND o.status = 'paid' AND o.kind = 'retail' AND o.customer_email IS NOT NULL)
         END,
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
