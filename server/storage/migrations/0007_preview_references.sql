CREATE INDEX "messages_previews_idx" ON "messages" USING gin ("previews" jsonb_path_ops) WHERE "messages"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "link_previews_expires_idx" ON "link_previews" USING btree ("expires_at");
