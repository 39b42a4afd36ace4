ALTER TABLE "payment_methods" ALTER COLUMN "distributor_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "distributor_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD COLUMN "order_id" integer;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "source_order_id" integer;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "seller_id" integer;--> statement-breakpoint
-- Every autoship so far is a member's: its orders are sold by that member.
UPDATE "subscriptions" SET "seller_id" = "distributor_id";--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "seller_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "manage_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_source_order_id_orders_id_fk" FOREIGN KEY ("source_order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_seller_id_distributors_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."distributors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_methods_order_idx" ON "payment_methods" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_one_per_order_idx" ON "subscriptions" USING btree ("source_order_id") WHERE "subscriptions"."status" <> 'cancelled';--> statement-breakpoint
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_owner_check" CHECK (("payment_methods"."distributor_id" is null) <> ("payment_methods"."order_id" is null));--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_owner_check" CHECK (("subscriptions"."distributor_id" is null) <> ("subscriptions"."source_order_id" is null));