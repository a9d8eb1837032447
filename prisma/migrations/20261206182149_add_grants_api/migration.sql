-- CreateEnum
CREATE TYPE "GrantParty" AS ENUM ('GRANTOR', 'GRANTEE');

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "onBehalf" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "consentFormNumber" TEXT,
ADD COLUMN     "initiatedBy" "GrantParty" NOT NULL DEFAULT 'GRANTOR',
ADD COLUMN     "rejectedAt" TIMESTAMP(3),
ADD COLUMN     "revokedById" UUID;

-- CreateTable
CREATE TABLE "ActivityDispute" (
    "id" UUID NOT NULL,
    "auditLogId" BIGINT NOT NULL,
    "subjectId" UUID NOT NULL,
    "actorId" UUID,
    "grantId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedAt" TIMESTAMP(3),
    "reviewedById" UUID,
    "reviewNote" TEXT,

    CONSTRAINT "ActivityDispute_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ActivityDispute_auditLogId_key" ON "ActivityDispute"("auditLogId");

-- CreateIndex
CREATE INDEX "ActivityDispute_reviewedAt_createdAt_idx" ON "ActivityDispute"("reviewedAt", "createdAt");

-- CreateIndex
CREATE INDEX "ActivityDispute_subjectId_idx" ON "ActivityDispute"("subjectId");

-- CreateIndex
CREATE INDEX "AuditLog_subjectId_onBehalf_id_idx" ON "AuditLog"("subjectId", "onBehalf", "id");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_onBehalf_id_idx" ON "AuditLog"("actorId", "onBehalf", "id");

-- CreateIndex
CREATE INDEX "Grant_granteeId_status_createdAt_idx" ON "Grant"("granteeId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Grant_status_validUntil_idx" ON "Grant"("status", "validUntil");

-- AddForeignKey
ALTER TABLE "ActivityDispute" ADD CONSTRAINT "ActivityDispute_auditLogId_fkey" FOREIGN KEY ("auditLogId") REFERENCES "AuditLog"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (Prisma's schema language has neither partial unique indexes, CHECKs nor triggers;
-- its diff ignores them).

-- One live grant between two people in one direction: a second invitation or request while one is
-- pending or in force is refused by the database, whatever two requests race.
CREATE UNIQUE INDEX "Grant_live_pair_key" ON "Grant"("grantorId", "granteeId") WHERE "status" IN ('PENDING', 'ACTIVE');
-- Nobody grants to themself; a grant ends after it starts.
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_not_to_self" CHECK ("grantorId" <> "granteeId");
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_ends_after_start" CHECK ("validUntil" > "validFrom");

-- The audit log is append-only in the database itself (DESIGN.md §3, §6): a row once written is
-- never changed or removed, whoever connects. Triggers do not fire while session_replication_role
-- is 'replica', which only a superuser may set: that is how a maintenance session (and the test
-- suite's reset between cases) empties it, and nothing else can.
CREATE FUNCTION "AuditLog_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditLog_no_update_or_delete" BEFORE UPDATE OR DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION "AuditLog_append_only"();
CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog" FOR EACH STATEMENT EXECUTE FUNCTION "AuditLog_append_only"();
