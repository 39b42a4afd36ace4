CREATE TABLE "company" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	CONSTRAINT "company_singleton" CHECK ("company"."id" = 1),
	CONSTRAINT "company_currency_check" CHECK ("company"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "distributors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "distributors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"sponsor_id" integer,
	"referral_code" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"path" text DEFAULT '' NOT NULL,
	"depth" integer DEFAULT 0 NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "distributors_status_check" CHECK ("distributors"."status" in ('active', 'terminated')),
	CONSTRAINT "distributors_not_own_sponsor" CHECK ("distributors"."sponsor_id" is null or "distributors"."sponsor_id" <> "distributors"."id"),
	CONSTRAINT "distributors_referral_code_format" CHECK ("distributors"."referral_code" ~ '^[a-z0-9](?:[a-z0-9-]{1,30}[a-z0-9])$')
);
--> statement-breakpoint
CREATE TABLE "commission_ledger" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "commission_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"period_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"beneficiary_id" integer NOT NULL,
	"level" integer NOT NULL,
	"kind" text DEFAULT 'commission' NOT NULL,
	"rate_bps" integer NOT NULL,
	"amount_cents" bigint NOT NULL,
	"explanation" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commission_ledger_kind_check" CHECK ("commission_ledger"."kind" in ('commission', 'clawback')),
	CONSTRAINT "commission_ledger_sign_check" CHECK (("commission_ledger"."kind" = 'commission' and "commission_ledger"."amount_cents" > 0) or ("commission_ledger"."kind" = 'clawback' and "commission_ledger"."amount_cents" < 0)),
	CONSTRAINT "commission_ledger_level_check" CHECK ("commission_ledger"."level" >= 0)
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_cents" bigint NOT NULL,
	"unit_pv" integer NOT NULL,
	"unit_cv_cents" bigint NOT NULL,
	CONSTRAINT "order_lines_quantity_check" CHECK ("order_lines"."quantity" between 1 and 99),
	CONSTRAINT "order_lines_figures_check" CHECK ("order_lines"."unit_price_cents" >= 0 and "order_lines"."unit_pv" >= 0 and "order_lines"."unit_cv_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"seller_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'paid' NOT NULL,
	"customer_name" text,
	"customer_email" text,
	"total_cents" bigint NOT NULL,
	"pv" integer NOT NULL,
	"cv_cents" bigint NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_kind_check" CHECK ("orders"."kind" in ('personal', 'retail')),
	CONSTRAINT "orders_status_check" CHECK ("orders"."status" in ('paid', 'refunded', 'cancelled')),
	CONSTRAINT "orders_figures_check" CHECK ("orders"."total_cents" >= 0 and "orders"."pv" >= 0 and "orders"."cv_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "commission_periods" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "commission_periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"plan_id" integer NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "commission_periods_status_check" CHECK ("commission_periods"."status" in ('open', 'closed')),
	CONSTRAINT "commission_periods_range_check" CHECK ("commission_periods"."ends_on" > "commission_periods"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "compensation_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "compensation_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version" integer NOT NULL,
	"active_min_pv" integer NOT NULL,
	"personal_bps" integer NOT NULL,
	"levels_bps" integer[] NOT NULL,
	"compression" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compensation_plans_active_min_pv_check" CHECK ("compensation_plans"."active_min_pv" >= 0),
	CONSTRAINT "compensation_plans_personal_bps_check" CHECK ("compensation_plans"."personal_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "plan_ranks" (
	"plan_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"min_pv" integer NOT NULL,
	"min_gv" integer NOT NULL,
	"paid_levels" integer NOT NULL,
	CONSTRAINT "plan_ranks_plan_id_position_pk" PRIMARY KEY("plan_id","position"),
	CONSTRAINT "plan_ranks_figures_check" CHECK ("plan_ranks"."min_pv" >= 0 and "plan_ranks"."min_gv" >= 0 and "plan_ranks"."paid_levels" >= 0)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "products_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"image_url" text,
	"price_cents" bigint NOT NULL,
	"pv" integer NOT NULL,
	"cv_cents" bigint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_price_check" CHECK ("products"."price_cents" >= 0),
	CONSTRAINT "products_pv_check" CHECK ("products"."pv" >= 0),
	CONSTRAINT "products_cv_check" CHECK ("products"."cv_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT 'distributor' NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin', 'distributor'))
);
--> statement-breakpoint
ALTER TABLE "distributors" ADD CONSTRAINT "distributors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distributors" ADD CONSTRAINT "distributors_sponsor_id_distributors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."distributors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_ledger" ADD CONSTRAINT "commission_ledger_period_id_commission_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."commission_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_ledger" ADD CONSTRAINT "commission_ledger_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_ledger" ADD CONSTRAINT "commission_ledger_beneficiary_id_distributors_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."distributors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_seller_id_distributors_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."distributors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_period_id_commission_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."commission_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_periods" ADD CONSTRAINT "commission_periods_plan_id_compensation_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."compensation_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_ranks" ADD CONSTRAINT "plan_ranks_plan_id_compensation_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."compensation_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "distributors_user_idx" ON "distributors" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "distributors_referral_code_lower_idx" ON "distributors" USING btree (lower("referral_code"));--> statement-breakpoint
CREATE INDEX "distributors_sponsor_idx" ON "distributors" USING btree ("sponsor_id");--> statement-breakpoint
CREATE INDEX "distributors_path_idx" ON "distributors" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "commission_ledger_line_idx" ON "commission_ledger" USING btree ("order_id","beneficiary_id","level","kind");--> statement-breakpoint
CREATE INDEX "commission_ledger_beneficiary_period_idx" ON "commission_ledger" USING btree ("beneficiary_id","period_id");--> statement-breakpoint
CREATE INDEX "commission_ledger_period_idx" ON "commission_ledger" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "order_lines_order_idx" ON "order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "orders_seller_period_idx" ON "orders" USING btree ("seller_id","period_id");--> statement-breakpoint
CREATE INDEX "orders_period_idx" ON "orders" USING btree ("period_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_idempotency_key_idx" ON "orders" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_periods_starts_on_idx" ON "commission_periods" USING btree ("starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "compensation_plans_version_idx" ON "compensation_plans" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "products_sku_lower_idx" ON "products" USING btree (lower("sku"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));