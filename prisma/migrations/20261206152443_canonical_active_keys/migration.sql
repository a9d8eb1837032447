-- Hand-written: the one-active rules are unique text keys built from uuids ("subject:office:service:
-- day" for a ticket, "subject:service:day" for an appointment, "subject:slot" for a waitlist entry).
-- Text is as unique as its spelling: an id in upper case made a second key for the same person,
-- hall, service and day. The ids in each key must now be the row's own, as PostgreSQL prints them
-- (lower case), so the unique activeKey is the uniqueness of those columns themselves, whatever a
-- caller writes. Prisma's schema language has no CHECK; its diff ignores them.

-- Repair before the constraints: a ticket key written with upper-case ids may have let one person
-- hold several active numbers for one service and day. The one furthest along (at a window, then
-- the earliest issued) keeps the key; the others are cancelled, as the rule would have refused them.
WITH ranked AS (
  SELECT "id", row_number() OVER (
           PARTITION BY "subjectId", "officeId", "serviceId", "businessDate"
           ORDER BY ("status" = 'WAITING'::"TicketStatus"), "issuedAt", "id") AS "rank"
  FROM "Ticket"
  WHERE "activeKey" IS NOT NULL AND "subjectId" IS NOT NULL),
cancelled AS (
  UPDATE "Ticket" t SET "status" = 'CANCELLED'::"TicketStatus", "cancelledAt" = (now() AT TIME ZONE 'UTC'), "activeKey" = NULL
  FROM ranked WHERE t."id" = ranked."id" AND ranked."rank" > 1
  RETURNING t."id")
INSERT INTO "TicketEvent" ("ticketId", "type", "at", "detail")
SELECT "id", 'CANCELLED', (now() AT TIME ZONE 'UTC'), '{"reason":"DUPLICATE_ACTIVE"}'::jsonb FROM cancelled;

-- A walk-in without an account holds no key.
UPDATE "Ticket" SET "activeKey" = NULL WHERE "activeKey" IS NOT NULL AND "subjectId" IS NULL;
UPDATE "Ticket" SET "activeKey" = "subjectId"::text || ':' || "officeId"::text || ':' || "serviceId"::text || ':' || to_char("businessDate", 'YYYY-MM-DD')
WHERE "activeKey" IS NOT NULL
  AND "activeKey" <> "subjectId"::text || ':' || "officeId"::text || ':' || "serviceId"::text || ':' || to_char("businessDate", 'YYYY-MM-DD');
-- Appointment and waitlist keys were always built from the database's own ids; a key spelled
-- otherwise is rewritten (a clash would fail this migration loudly rather than drop a booking).
UPDATE "Appointment" SET "activeKey" = "subjectId"::text || ':' || "serviceId"::text || ':' || to_char("date", 'YYYY-MM-DD')
WHERE "activeKey" IS NOT NULL AND "activeKey" <> "subjectId"::text || ':' || "serviceId"::text || ':' || to_char("date", 'YYYY-MM-DD');
UPDATE "WaitlistEntry" SET "activeKey" = "subjectId"::text || ':' || "slotId"::text
WHERE "activeKey" IS NOT NULL AND "activeKey" <> "subjectId"::text || ':' || "slotId"::text;

-- IS NOT DISTINCT FROM: a key on a row whose expression is NULL (a ticket without a subject) fails too.
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_activeKey_canonical" CHECK (
  "activeKey" IS NULL OR "activeKey" IS NOT DISTINCT FROM
    ("subjectId"::text || ':' || "officeId"::text || ':' || "serviceId"::text || ':' || to_char("businessDate", 'YYYY-MM-DD')));
-- An appointment's key pins its ids and the form of its day: booking and rescheduling write the
-- day with the date, and nothing else can misspell it (the ids are hex and '-': no regex syntax).
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_activeKey_canonical" CHECK (
  "activeKey" IS NULL OR "activeKey" ~ ('^' || "subjectId"::text || ':' || "serviceId"::text || ':[0-9]{4}-[0-9]{2}-[0-9]{2}$'));
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_activeKey_canonical" CHECK (
  "activeKey" IS NULL OR "activeKey" IS NOT DISTINCT FROM ("subjectId"::text || ':' || "slotId"::text));
