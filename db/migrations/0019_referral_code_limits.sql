CREATE TABLE "referral_code_changes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "referral_code_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"distributor_id" integer NOT NULL,
	"from_code" text NOT NULL,
	"to_code" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reserved_referral_words" (
	"word" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"added_by" integer,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reserved_referral_words_kind_check" CHECK ("reserved_referral_words"."kind" in ('word', 'brand')),
	CONSTRAINT "reserved_referral_words_word_check" CHECK ("reserved_referral_words"."word" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length("reserved_referral_words"."word") between 2 and 32),
	CONSTRAINT "reserved_referral_words_brand_check" CHECK ("reserved_referral_words"."kind" <> 'brand' or "reserved_referral_words"."word" ~ '^[a-z0-9]{4,32}$')
);
--> statement-breakpoint
ALTER TABLE "distributors" ADD COLUMN "referral_code_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referral_code_aliases" ADD COLUMN "held_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referral_code_changes" ADD CONSTRAINT "referral_code_changes_distributor_id_distributors_id_fk" FOREIGN KEY ("distributor_id") REFERENCES "public"."distributors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserved_referral_words" ADD CONSTRAINT "reserved_referral_words_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_code_changes_distributor_idx" ON "referral_code_changes" USING btree ("distributor_id","changed_at");--> statement-breakpoint
-- The change history from the codes retired so far, so the rolling limit counts recent changes from the start (a code taken back left no trace before).
INSERT INTO "referral_code_changes" ("distributor_id", "from_code", "to_code", "changed_at")
SELECT a."distributor_id", a."code",
       coalesce(lead(a."code") OVER (PARTITION BY a."distributor_id" ORDER BY a."retired_at", a."code"), d."referral_code"),
       a."retired_at"
  FROM "referral_code_aliases" a
  JOIN "distributors" d ON d."id" = a."distributor_id";--> statement-breakpoint
-- Codes retired before this upgrade were promised to redirect for ever: each gets the whole grace period (90 days) from now. The history above keeps their dates.
UPDATE "referral_code_aliases" SET "retired_at" = now() WHERE "retired_at" < now();
