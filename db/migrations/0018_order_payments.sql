CREATE TABLE "checkout_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"pending_order_minutes" integer DEFAULT 1440 NOT NULL,
	"guest_max_total_cents" bigint DEFAULT 100000 NOT NULL,
	"guest_max_units" integer DEFAULT 10 NOT NULL,
	CONSTRAINT "checkout_settings_singleton" CHECK ("checkout_settings"."id" = 1),
	CONSTRAINT "checkout_settings_values_check" CHECK ("checkout_settings"."pending_order_minutes" between 30 and 10080 and "checkout_settings"."guest_max_total_cents" between 0 and 100000000 and "checkout_settings"."guest_max_units" between 1 and 990)
);
--> statement-breakpoint
CREATE TABLE "demo_charges" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"amount_cents" bigint NOT NULL,
	"refunded_cents" bigint DEFAULT 0 NOT NULL,
	"card_last4" text NOT NULL,
	"outcome" text NOT NULL,
	"decline_code" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"refunded_at" timestamp with time zone,
	CONSTRAINT "demo_charges_outcome_check" CHECK ("demo_charges"."outcome" in ('succeeded', 'declined')),
	CONSTRAINT "demo_charges_amounts_check" CHECK ("demo_charges"."amount_cents" >= 0 and "demo_charges"."refunded_cents" between 0 and "demo_charges"."amount_cents")
);
--> statement-breakpoint
CREATE TABLE "payment_events" (
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"order_id" integer,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_events_provider_event_id_pk" PRIMARY KEY("provider","event_id")
);
--> statement-breakpoint
CREATE TABLE "shipping_rates" (
	"country" text PRIMARY KEY NOT NULL,
	"rate_cents" bigint NOT NULL,
	CONSTRAINT "shipping_rates_country_check" CHECK ("shipping_rates"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "shipping_rates_rate_check" CHECK ("shipping_rates"."rate_cents" between 0 and 100000000)
);
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_status_check";--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "period_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'pending_payment';--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "subtotal_cents" bigint;--> statement-breakpoint
UPDATE "orders" SET "subtotal_cents" = "total_cents";--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "subtotal_cents" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_address" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "payment_provider" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "payment_session" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "payment_error" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "refund_reference" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "receipt_token_hash" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "flag_reason" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "paid_at" timestamp with time zone;--> statement-breakpoint
-- Orders from before payments were recorded as paid when placed.
UPDATE "orders" SET "paid_at" = "created_at";--> statement-breakpoint
INSERT INTO "checkout_settings" ("id") VALUES (1);--> statement-breakpoint
ALTER TABLE "demo_charges" ADD CONSTRAINT "demo_charges_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "demo_charges_idempotency_key_idx" ON "demo_charges" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_receipt_token_idx" ON "orders" USING btree ("receipt_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_payment_session_idx" ON "orders" USING btree ("payment_provider","payment_session");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_payment_reference_idx" ON "orders" USING btree ("payment_provider","payment_reference") WHERE "orders"."payment_reference" is not null;--> statement-breakpoint
CREATE INDEX "orders_unpaid_expiry_idx" ON "orders" USING btree ("expires_at") WHERE "orders"."status" in ('pending_payment', 'payment_failed');--> statement-breakpoint
CREATE INDEX "orders_seller_created_idx" ON "orders" USING btree ("seller_id","created_at");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_paid_period_check" CHECK (("orders"."status" in ('paid', 'refunded', 'cancelled')) = ("orders"."period_id" is not null and "orders"."paid_at" is not null));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_check" CHECK ("orders"."subtotal_cents" >= 0 and "orders"."shipping_cents" >= 0 and "orders"."total_cents" = "orders"."subtotal_cents" + "orders"."shipping_cents");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_status_check" CHECK ("orders"."status" in ('pending_payment', 'payment_failed', 'paid', 'refunded', 'cancelled', 'expired'));