CREATE TABLE "period_earnings" (
	"period_id" integer NOT NULL,
	"distributor_id" integer NOT NULL,
	"commission_cents" bigint NOT NULL,
	"clawback_cents" bigint NOT NULL,
	"purchases_cents" bigint NOT NULL,
	"refunds_cents" bigint NOT NULL,
	"rank_position" integer,
	"active" boolean,
	CONSTRAINT "period_earnings_period_id_distributor_id_pk" PRIMARY KEY("period_id","distributor_id"),
	CONSTRAINT "period_earnings_sign_check" CHECK ("period_earnings"."commission_cents" >= 0 and "period_earnings"."clawback_cents" <= 0 and "period_earnings"."purchases_cents" >= 0 and "period_earnings"."refunds_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "refund_period_id" integer;--> statement-breakpoint
ALTER TABLE "period_earnings" ADD CONSTRAINT "period_earnings_period_id_commission_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."commission_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_earnings" ADD CONSTRAINT "period_earnings_distributor_id_distributors_id_fk" FOREIGN KEY ("distributor_id") REFERENCES "public"."distributors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_refund_period_id_commission_periods_id_fk" FOREIGN KEY ("refund_period_id") REFERENCES "public"."commission_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_refund_period_idx" ON "orders" USING btree ("refund_period_id") WHERE "orders"."refund_period_id" is not null;--> statement-breakpoint
-- Orders refunded before this migration: the period their clawbacks went to;
-- else their own period if it was still open at the refund (closed_at is the
-- database's clock, refunded_at the application's: the same in production);
-- else the first period, from the refund's UTC month on, still open then.
UPDATE "orders" o SET "refund_period_id" = coalesce(
  (SELECT max(l.period_id) FROM commission_ledger l WHERE l.order_id = o.id AND l.kind = 'clawback'),
  (SELECT own.id FROM commission_periods own WHERE own.id = o.period_id AND (own.closed_at IS NULL OR own.closed_at > o.refunded_at)),
  (SELECT p.id FROM commission_periods p
    WHERE p.ends_on > (o.refunded_at AT TIME ZONE 'UTC')::date AND (p.closed_at IS NULL OR p.closed_at > o.refunded_at)
    ORDER BY p.starts_on LIMIT 1),
  o.period_id)
WHERE o.status IN ('refunded', 'cancelled') AND o.period_id IS NOT NULL AND o.refunded_at IS NOT NULL;
--> statement-breakpoint
-- The totals of every period already closed, as writePeriodEarnings (lib/ledger/period-earnings.ts) writes them at a close.
WITH closed AS (SELECT id FROM commission_periods WHERE status = 'closed'),
lines AS (
  SELECT period_id, beneficiary_id AS id,
         coalesce(sum(amount_cents) FILTER (WHERE kind = 'commission'), 0) AS commission,
         coalesce(sum(amount_cents) FILTER (WHERE kind = 'clawback'), 0) AS clawback
  FROM commission_ledger WHERE period_id IN (SELECT id FROM closed) GROUP BY period_id, beneficiary_id
),
bought AS (
  SELECT period_id, seller_id AS id, sum(total_cents) AS cents FROM orders
  WHERE kind = 'personal' AND period_id IN (SELECT id FROM closed) GROUP BY period_id, seller_id
),
returned AS (
  SELECT refund_period_id AS period_id, seller_id AS id, sum(total_cents) AS cents FROM orders
  WHERE kind = 'personal' AND refund_period_id IN (SELECT id FROM closed) GROUP BY refund_period_id, seller_id
),
stats AS (
  SELECT period_id, distributor_id AS id, rank_position, active FROM distributor_period_stats WHERE period_id IN (SELECT id FROM closed)
),
ids AS (
  SELECT period_id, id FROM lines UNION SELECT period_id, id FROM bought UNION SELECT period_id, id FROM returned UNION SELECT period_id, id FROM stats
)
INSERT INTO period_earnings (period_id, distributor_id, commission_cents, clawback_cents, purchases_cents, refunds_cents, rank_position, active)
SELECT ids.period_id, ids.id, coalesce(l.commission, 0), coalesce(l.clawback, 0), coalesce(b.cents, 0), coalesce(r.cents, 0), s.rank_position, s.active
FROM ids
LEFT JOIN lines l ON l.period_id = ids.period_id AND l.id = ids.id
LEFT JOIN bought b ON b.period_id = ids.period_id AND b.id = ids.id
LEFT JOIN returned r ON r.period_id = ids.period_id AND r.id = ids.id
LEFT JOIN stats s ON s.period_id = ids.period_id AND s.id = ids.id;
--> statement-breakpoint
-- Frozen with the period, as its lines and stats rows are (0004_closed_periods_immutable).
CREATE TRIGGER period_earnings_closed_insert AFTER INSERT ON period_earnings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
--> statement-breakpoint
CREATE TRIGGER period_earnings_closed_update AFTER UPDATE ON period_earnings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
--> statement-breakpoint
CREATE TRIGGER period_earnings_closed_delete AFTER DELETE ON period_earnings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
