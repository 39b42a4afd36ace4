CREATE TABLE "distributor_period_stats" (
	"period_id" integer NOT NULL,
	"distributor_id" integer NOT NULL,
	"pv" bigint DEFAULT 0 NOT NULL,
	"gv" bigint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"rank_position" integer,
	CONSTRAINT "distributor_period_stats_period_id_distributor_id_pk" PRIMARY KEY("period_id","distributor_id")
);
--> statement-breakpoint
ALTER TABLE "commission_ledger" ADD COLUMN "seller_id" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "commission_ledger" ADD COLUMN "generation" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "payment_reference" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "refunded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "refund_reason" text;--> statement-breakpoint
ALTER TABLE "commission_periods" ADD COLUMN "needs_recompute" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "commission_periods" ADD COLUMN "recomputed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "distributor_period_stats" ADD CONSTRAINT "distributor_period_stats_period_id_commission_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."commission_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distributor_period_stats" ADD CONSTRAINT "distributor_period_stats_distributor_id_distributors_id_fk" FOREIGN KEY ("distributor_id") REFERENCES "public"."distributors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "distributor_period_stats_distributor_idx" ON "distributor_period_stats" USING btree ("distributor_id");--> statement-breakpoint
ALTER TABLE "commission_ledger" ADD CONSTRAINT "commission_ledger_seller_id_distributors_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."distributors"("id") ON DELETE no action ON UPDATE no action;