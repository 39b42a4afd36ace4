CREATE TABLE "rate_limits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "referral_code_aliases" (
	"code" text NOT NULL,
	"distributor_id" integer NOT NULL,
	"retired_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_link_stats" (
	"distributor_id" integer NOT NULL,
	"day" date NOT NULL,
	"visits" integer DEFAULT 0 NOT NULL,
	"signups" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "referral_link_stats_distributor_id_day_pk" PRIMARY KEY("distributor_id","day"),
	CONSTRAINT "referral_link_stats_counts_check" CHECK ("referral_link_stats"."visits" >= 0 and "referral_link_stats"."signups" >= 0)
);
--> statement-breakpoint
ALTER TABLE "distributors" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "distributors" ADD COLUMN "enrolled_via" text DEFAULT 'seed' NOT NULL;--> statement-breakpoint
ALTER TABLE "distributors" ADD COLUMN "agreement_version" text;--> statement-breakpoint
ALTER TABLE "distributors" ADD COLUMN "agreement_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referral_code_aliases" ADD CONSTRAINT "referral_code_aliases_distributor_id_distributors_id_fk" FOREIGN KEY ("distributor_id") REFERENCES "public"."distributors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_link_stats" ADD CONSTRAINT "referral_link_stats_distributor_id_distributors_id_fk" FOREIGN KEY ("distributor_id") REFERENCES "public"."distributors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_code_aliases_code_lower_idx" ON "referral_code_aliases" USING btree (lower("code"));--> statement-breakpoint
ALTER TABLE "distributors" ADD CONSTRAINT "distributors_enrolled_via_check" CHECK ("distributors"."enrolled_via" in ('link', 'cookie', 'direct', 'seed', 'admin'));--> statement-breakpoint
ALTER TABLE "distributors" ADD CONSTRAINT "distributors_country_check" CHECK ("distributors"."country" is null or "distributors"."country" ~ '^[A-Z]{2}$');