-- Classes (issue #11): N games of one scenario created together, each a table with its label;
-- games stored before classes existed belong to none (class_id and label null).
CREATE TABLE "classes" (
	"id" text PRIMARY KEY NOT NULL,
	"facilitator_id" text,
	"title" text NOT NULL,
	"scenario_id" text NOT NULL,
	"scenario_version" integer NOT NULL,
	"tables" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "games" ADD COLUMN "class_id" text;--> statement-breakpoint
ALTER TABLE "games" ADD COLUMN "label" text;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_facilitator_id_facilitators_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."facilitators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classes_facilitator_idx" ON "classes" USING btree ("facilitator_id","created_at");--> statement-breakpoint
ALTER TABLE "games" ADD CONSTRAINT "games_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "games_class_idx" ON "games" USING btree ("class_id");