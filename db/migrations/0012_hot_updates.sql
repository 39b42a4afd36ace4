-- Room on each page for updated rows, so the updates the order path makes most
-- stay heap-only (HOT: no new index entries): every order rewrites its
-- upline's volumes (distributor_period_stats), a flip rewrites the digests of
-- the orders it repays (orders.ledger_digest), and the team rollups fold PV
-- deltas into team_generation_stats. None of those columns is indexed; with
-- full pages each such update wrote a new row version elsewhere and an entry
-- in every index. Applies to pages written from now on (a company loaded after
-- this migration, or a table rewritten by VACUUM FULL).
ALTER TABLE "distributor_period_stats" SET (fillfactor = 80);
--> statement-breakpoint
ALTER TABLE "team_generation_stats" SET (fillfactor = 80);
--> statement-breakpoint
ALTER TABLE "orders" SET (fillfactor = 90);
