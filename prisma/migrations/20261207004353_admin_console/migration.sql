-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'MANAGER';

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "officeId" UUID;

-- AlterTable
ALTER TABLE "Counter" ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "AuditLog_officeId_id_idx" ON "AuditLog"("officeId", "id");
