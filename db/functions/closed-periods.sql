-- A closed period is final: its ledger lines (commission_ledger), its
-- volume/rank snapshot (distributor_period_stats) and its per-distributor
-- totals (period_earnings) can be neither changed nor
-- removed, nothing new is posted to it, and the period itself can be neither
-- reopened, moved to other dates or plan, nor deleted. Corrections are
-- clawback lines in the open period. Each refusal is a check_violation.
--
-- TypeScript calls none of these: the triggers guard every writer, the ledger
-- (lib/ledger/lines.ts, lib/ledger/stats.ts, lib/ledger/incremental/, the
-- clawbacks of refundOrder, lib/orders/refund.ts) and the period's close
-- (closePeriod, lib/ledger/close.ts, through closePeriodAudited,
-- lib/admin/periods.ts). The application checks first and answers with its own
-- errors; the triggers are the database's last word. Tested by
-- lib/orders/orders.int.test.ts.
--
-- The current definitions, copied from the migrations that hold them: to
-- change one, write a new migration and update this file in the same commit
-- (see README.md in this folder).

-- refuse_closed_period_rows (AFTER INSERT, UPDATE, DELETE on commission_ledger,
-- distributor_period_stats and period_earnings, each statement, with transition tables): one
-- check per statement, so bulk writes of millions of rows stay fast.
-- live version: 0004_closed_periods_immutable.sql
CREATE OR REPLACE FUNCTION refuse_closed_period_rows() RETURNS trigger AS $$
DECLARE
  closed_period integer;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT p.id INTO closed_period FROM commission_periods p
     WHERE p.status = 'closed' AND p.id IN (SELECT DISTINCT period_id FROM new_rows) LIMIT 1;
  END IF;
  IF closed_period IS NULL AND TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT p.id INTO closed_period FROM commission_periods p
     WHERE p.status = 'closed' AND p.id IN (SELECT DISTINCT period_id FROM old_rows) LIMIT 1;
  END IF;
  IF closed_period IS NOT NULL THEN
    RAISE EXCEPTION 'period % is closed: % on % refused', closed_period, TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER commission_ledger_closed_insert AFTER INSERT ON commission_ledger
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
--> statement-breakpoint
CREATE TRIGGER commission_ledger_closed_update AFTER UPDATE ON commission_ledger
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
--> statement-breakpoint
CREATE TRIGGER commission_ledger_closed_delete AFTER DELETE ON commission_ledger
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
--> statement-breakpoint
CREATE TRIGGER distributor_period_stats_closed_insert AFTER INSERT ON distributor_period_stats
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
--> statement-breakpoint
CREATE TRIGGER distributor_period_stats_closed_update AFTER UPDATE ON distributor_period_stats
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
--> statement-breakpoint
CREATE TRIGGER distributor_period_stats_closed_delete AFTER DELETE ON distributor_period_stats
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
--> statement-breakpoint
-- The same for a closed period's per-distributor totals (period_earnings),
-- written by closePeriod before the period's status flips (lib/ledger/period-earnings.ts).
-- live version: 0030_period_earnings.sql
CREATE TRIGGER period_earnings_closed_insert AFTER INSERT ON period_earnings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
--> statement-breakpoint
CREATE TRIGGER period_earnings_closed_update AFTER UPDATE ON period_earnings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
--> statement-breakpoint
CREATE TRIGGER period_earnings_closed_delete AFTER DELETE ON period_earnings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows();
--> statement-breakpoint
-- refuse_period_reopen (BEFORE UPDATE on commission_periods, each row): a
-- closed period stays closed, on its dates and plan.
-- live version: 0004_closed_periods_immutable.sql
CREATE OR REPLACE FUNCTION refuse_period_reopen() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'closed' AND (NEW.status <> 'closed' OR NEW.plan_id <> OLD.plan_id
     OR NEW.starts_on <> OLD.starts_on OR NEW.ends_on <> OLD.ends_on) THEN
    RAISE EXCEPTION 'period % is closed and cannot be changed', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER commission_periods_stay_closed BEFORE UPDATE ON commission_periods
  FOR EACH ROW EXECUTE FUNCTION refuse_period_reopen();
--> statement-breakpoint
-- refuse_closed_period_delete (BEFORE DELETE on commission_periods, each
-- closed row): a closed period cannot be deleted.
-- live version: 0004_closed_periods_immutable.sql
CREATE OR REPLACE FUNCTION refuse_closed_period_delete() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'period % is closed and cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER commission_periods_no_delete_closed BEFORE DELETE ON commission_periods
  FOR EACH ROW WHEN (OLD.status = 'closed') EXECUTE FUNCTION refuse_closed_period_delete();
