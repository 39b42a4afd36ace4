ALTER TABLE "distributor_period_stats" ADD COLUMN "retail_pv" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Open periods' snapshots get their retail PV now, as a full run would write it (closed periods' rows are frozen).
UPDATE distributor_period_stats s SET retail_pv = r.pv
FROM (SELECT o.period_id, o.seller_id, sum(o.pv) AS pv FROM orders o JOIN commission_periods p ON p.id = o.period_id AND p.status = 'open'
      WHERE o.status = 'paid' AND o.kind = 'retail' GROUP BY o.period_id, o.seller_id) r
WHERE s.period_id = r.period_id AND s.distributor_id = r.seller_id;--> statement-breakpoint
ALTER TABLE "compensation_plans" ADD COLUMN "retail_min_bps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "compensation_plans" ADD CONSTRAINT "compensation_plans_retail_min_bps_check" CHECK ("compensation_plans"."retail_min_bps" between 0 and 10000);--> statement-breakpoint
-- ledger_chains returns each member's retail PV too (the retail rule); a new result type needs a drop.
DROP FUNCTION ledger_chains(bigint, integer, integer[]);--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_chains(p_lock bigint, p_period integer, p_sellers integer[])
RETURNS TABLE (id integer, sponsor_id integer, depth integer, path text, terminated boolean, pv float8, gv float8, retail_pv float8,
               period_open boolean, plan_id integer, has_stats boolean, has_recruits boolean) AS $$
BEGIN
  IF p_lock IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(p_lock);
  END IF;
  RETURN QUERY
  SELECT d.id, d.sponsor_id, d.depth, d.path, d.status = 'terminated', coalesce(s.pv, 0)::float8, coalesce(s.gv, 0)::float8, coalesce(s.retail_pv, 0)::float8,
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
