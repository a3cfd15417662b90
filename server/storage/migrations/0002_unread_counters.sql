DROP INDEX "rooms_channels_idx";--> statement-breakpoint
ALTER TABLE "room_members" ADD COLUMN "uncounted_after_read" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_room_deleted_idx" ON "messages" USING btree ("room_id","seq") WHERE "messages"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "rooms_channels_idx" ON "rooms" USING btree ("created_at","id") WHERE "rooms"."kind" = 'channel';--> statement-breakpoint
-- unreadCount = rooms.last_seq - read_seq - uncounted_after_read (seqs have no gaps), where
-- uncounted_after_read counts the member's own and the deleted messages after read_seq. Triggers
-- keep it, so that every writer (any node, any code path) does, and reads never count messages.
UPDATE "room_members" SET "uncounted_after_read" = (
  SELECT count(*) FROM "messages"
  WHERE "messages"."room_id" = "room_members"."room_id" AND "messages"."seq" > "room_members"."read_seq"
    AND ("messages"."sender_id" = "room_members"."user_id" OR "messages"."deleted_at" IS NOT NULL)
);--> statement-breakpoint
-- New messages: their sender does not count them. One statement per insert, however many rows.
CREATE FUNCTION "droplink_messages_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "room_members" AS m SET "uncounted_after_read" = m."uncounted_after_read" + c."n"
  FROM (
    SELECT i."room_id", i."sender_id", count(*)::integer AS "n" FROM "inserted" AS i GROUP BY i."room_id", i."sender_id"
  ) AS c
  WHERE m."room_id" = c."room_id" AND m."user_id" = c."sender_id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_inserted_uncounted" AFTER INSERT ON "messages"
  REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "droplink_messages_inserted"();--> statement-breakpoint
-- A deleted message stops counting for the other members who had not read it. The room row is
-- locked first (a (re)join locks it too), so a join and a delete cannot miss each other.
CREATE FUNCTION "droplink_message_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "rooms" WHERE "id" = NEW."room_id" FOR NO KEY UPDATE;
  UPDATE "room_members" SET "uncounted_after_read" = "uncounted_after_read" + 1
  WHERE "room_id" = NEW."room_id" AND "user_id" <> NEW."sender_id" AND "read_seq" < NEW."seq";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_deleted_uncounted" AFTER UPDATE OF "deleted_at" ON "messages"
  FOR EACH ROW WHEN (OLD."deleted_at" IS NULL AND NEW."deleted_at" IS NOT NULL)
  EXECUTE FUNCTION "droplink_message_deleted"();--> statement-breakpoint
-- A new member starts with what is already not unread for them: the deleted messages and (after
-- leaving and rejoining) their own. Served by messages_room_deleted_idx and the sender's index.
CREATE FUNCTION "droplink_member_joined"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "rooms" WHERE "id" = NEW."room_id" FOR SHARE;
  NEW."uncounted_after_read" := (
    SELECT count(*) FROM "messages"
    WHERE "room_id" = NEW."room_id" AND "seq" > NEW."read_seq" AND "deleted_at" IS NOT NULL
  ) + (
    SELECT count(*) FROM "messages"
    WHERE "sender_id" = NEW."user_id" AND "room_id" = NEW."room_id" AND "seq" > NEW."read_seq" AND "deleted_at" IS NULL
  );
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "room_members_joined_uncounted" BEFORE INSERT ON "room_members"
  FOR EACH ROW EXECUTE FUNCTION "droplink_member_joined"();--> statement-breakpoint
-- Reading forward: drop the messages now read from the count, counting whichever range is
-- shorter (the one just read, or what is still unread; reading to the end costs nothing).
CREATE FUNCTION "droplink_member_read"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "last" integer;
BEGIN
  SELECT "last_seq" INTO "last" FROM "rooms" WHERE "id" = NEW."room_id";
  IF NEW."read_seq" >= "last" THEN
    NEW."uncounted_after_read" := 0;
  ELSIF NEW."read_seq" - OLD."read_seq" <= "last" - NEW."read_seq" THEN
    NEW."uncounted_after_read" := OLD."uncounted_after_read" - (
      SELECT count(*) FROM "messages"
      WHERE "room_id" = NEW."room_id" AND "seq" > OLD."read_seq" AND "seq" <= NEW."read_seq"
        AND ("sender_id" = NEW."user_id" OR "deleted_at" IS NOT NULL)
    );
  ELSE
    NEW."uncounted_after_read" := (
      SELECT count(*) FROM "messages"
      WHERE "room_id" = NEW."room_id" AND "seq" > NEW."read_seq"
        AND ("sender_id" = NEW."user_id" OR "deleted_at" IS NOT NULL)
    );
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "room_members_read_uncounted" BEFORE UPDATE OF "read_seq" ON "room_members"
  FOR EACH ROW WHEN (NEW."read_seq" > OLD."read_seq")
  EXECUTE FUNCTION "droplink_member_read"();
