ALTER TABLE "distributor_period_stats" ADD COLUMN "retail_customers" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "compensation_plans" ADD COLUMN "retail_min_customers" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "compensation_plans" ADD CONSTRAINT "compensation_plans_retail_min_customers_check" CHECK ("compensation_plans"."retail_min_customers" between 0 and 100);--> statement-breakpoint
-- Open periods' snapshots get their counts now (a closed period's snapshot cannot change; none reads its count).
UPDATE distributor_period_stats s SET retail_customers = c.n
FROM (SELECT o.period_id, o.seller_id, count(DISTINCT lower(o.customer_email))::int AS n FROM orders o
      JOIN commission_periods p ON p.id = o.period_id AND p.status = 'open'
      WHERE o.status = 'paid' AND o.kind = 'retail' AND o.customer_email IS NOT NULL GROUP BY o.period_id, o.seller_id) c
WHERE s.period_id = c.period_id AND s.distributor_id = c.seller_id;--> statement-breakpoint
-- ledger_chains returns each member's stored count of retail customers, and each seller's count
-- recounted from its orders now (the customer rule); a new result type needs a drop.
DROP FUNCTION ledger_chains(bigint, integer, integer[]);--> statement-breakpoint
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
