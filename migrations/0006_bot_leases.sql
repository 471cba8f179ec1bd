-- Bots by lease (issue #12): processes sharing one PostgreSQL database each play only the bots they
-- hold a lease on, so no bot moves twice; and each bot's memory, so a restart goes on from it.
ALTER TABLE "bot_seats" ADD COLUMN "runner" text;--> statement-breakpoint
ALTER TABLE "bot_seats" ADD COLUMN "leased_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bot_seats" ADD COLUMN "memory" jsonb;