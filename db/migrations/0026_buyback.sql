CREATE TABLE "buyback_orders" (
	"request_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"refund_cents" bigint NOT NULL,
	"refunded_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	CONSTRAINT "buyback_orders_refund_check" CHECK ("buyback_orders"."refund_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "buyback_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "buyback_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"distributor_id" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"rate_bps" integer NOT NULL,
	"requested_by_user_id" integer NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_user_id" integer,
	"decided_at" timestamp with time zone,
	"reject_reason" text,
	CONSTRAINT "buyback_requests_status_check" CHECK ("buyback_requests"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "buyback_requests_rate_check" CHECK ("buyback_requests"."rate_bps" between 9000 and 10000),
	CONSTRAINT "buyback_requests_decision_check" CHECK (("buyback_requests"."status" = 'pending') = ("buyback_requests"."decided_at" is null))
);
--> statement-breakpoint
ALTER TABLE "buyback_orders" ADD CONSTRAINT "buyback_orders_request_id_buyback_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."buyback_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buyback_orders" ADD CONSTRAINT "buyback_orders_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buyback_requests" ADD CONSTRAINT "buyback_requests_distributor_id_distributors_id_fk" FOREIGN KEY ("distributor_id") REFERENCES "public"."distributors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buyback_requests" ADD CONSTRAINT "buyback_requests_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buyback_requests" ADD CONSTRAINT "buyback_requests_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "buyback_orders_request_order_idx" ON "buyback_orders" USING btree ("request_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "buyback_orders_live_order_idx" ON "buyback_orders" USING btree ("order_id") WHERE "buyback_orders"."released_at" is null;--> statement-breakpoint
CREATE INDEX "buyback_requests_status_idx" ON "buyback_requests" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "buyback_requests_distributor_idx" ON "buyback_requests" USING btree ("distributor_id");