DROP INDEX "jobs_due_idx";--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("priority" DESC NULLS FIRST,"run_at","id") WHERE "jobs"."status" in ('queued', 'running');