-- The rules version each game is played under (shared/rulesVersions.ts): every game stored before
-- versions existed was played under version 1; a new game sets its own (the current one) on insert.
ALTER TABLE "games" ADD COLUMN "rules_version" integer DEFAULT 1 NOT NULL;
