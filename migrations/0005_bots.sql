-- Bots in seats (issue #12): the seats a bot plays and its strategy, so a restart re-arms them;
-- the record holds each bot's seatJoined like a person's.
CREATE TABLE "bot_seats" (
	"game_id" text NOT NULL,
	"seat_id" text NOT NULL,
	"strategy" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bot_seats_game_id_seat_id_pk" PRIMARY KEY("game_id","seat_id")
);
--> statement-breakpoint
ALTER TABLE "bot_seats" ADD CONSTRAINT "bot_seats_game_id_games_id_fk" FOREIGN KEY ("game_id") REFERENCES "public"."games"("id") ON DELETE cascade ON UPDATE no action;