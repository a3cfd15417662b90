ALTER TABLE "messages" ADD COLUMN "updated_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL;--> statement-breakpoint
-- Backfill: the last thing known to have happened to each existing message (its newest reaction included).
UPDATE "messages" SET "updated_at" = date_trunc('milliseconds', greatest(
  coalesce("deleted_at", "edited_at", "created_at"),
  (SELECT max("reactions"."created_at") FROM "reactions" WHERE "reactions"."message_id" = "messages"."id")
));--> statement-breakpoint
CREATE INDEX "messages_room_updated_idx" ON "messages" USING btree ("room_id","updated_at","id");
