-- The scenario lab's private draft (issue #12): one per facilitator key, kept as typed text.
CREATE TABLE "scenario_drafts" (
	"facilitator_id" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "scenario_drafts" ADD CONSTRAINT "scenario_drafts_facilitator_id_facilitators_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."facilitators"("id") ON DELETE cascade ON UPDATE no action;