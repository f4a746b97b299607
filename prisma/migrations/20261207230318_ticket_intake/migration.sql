-- How a request reached the office: chat, or filed in the web console for a
-- citizen who came in person (WALK_IN) or wrote an e-mail (EMAIL).
CREATE TYPE "TicketIntake" AS ENUM ('CHAT', 'WALK_IN', 'EMAIL');

ALTER TABLE "tickets" ADD COLUMN "intake" "TicketIntake" NOT NULL DEFAULT 'CHAT';

-- Tickets filed in the console before this column: their first event, written
-- by the agent who filed them, holds the source.
UPDATE "tickets" t
SET "intake" = (e."data"->>'source')::"TicketIntake"
FROM "ticket_events" e
WHERE e."ticket_id" = t."id"
  AND e."from_status" IS NULL
  AND e."actor_type" = 'AGENT'
  AND e."data"->>'source' IN ('WALK_IN', 'EMAIL');
