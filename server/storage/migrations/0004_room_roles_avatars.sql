CREATE TYPE "public"."room_role" AS ENUM('admin', 'member');--> statement-breakpoint
ALTER TABLE "room_members" ADD COLUMN "role" "room_role" DEFAULT 'member' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar_path" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "room_members_admins_idx" ON "room_members" USING btree ("room_id") WHERE "room_members"."role" = 'admin';--> statement-breakpoint
-- Existing channels and groups get their creator as admin. Rooms never recorded who created them,
-- but the creator joined in the creating transaction: among the members who joined first, so
-- every earliest member becomes admin (a room created with members has several; each of them
-- could rename it before this migration, so nobody loses a right the creator had). Where the
-- creator has left, that is the longest-standing remaining member(s).
UPDATE "room_members" AS m SET "role" = 'admin'
FROM "rooms" AS r
WHERE r."id" = m."room_id" AND r."kind" <> 'dm'
  AND m."joined_at" = (SELECT min(f."joined_at") FROM "room_members" AS f WHERE f."room_id" = m."room_id");
