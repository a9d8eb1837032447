-- AlterTable
ALTER TABLE "WaitlistEntry" ADD COLUMN     "guideVersion" INTEGER NOT NULL DEFAULT 1;

-- Back-fill: a promoted entry keeps the version its appointment was booked under; any other entry
-- the version current when the person joined (the newest saved by then), else the service's first
-- (an entry older than guide versioning, whose back-filled version 1 is dated the migration).
UPDATE "WaitlistEntry" w
SET "guideVersion" = COALESCE(
      (SELECT a."guideVersion" FROM "Appointment" a WHERE a."id" = w."appointmentId"),
      (SELECT max(v."version") FROM "ServiceGuideVersion" v WHERE v."serviceId" = w."serviceId" AND v."createdAt" <= w."createdAt"),
      (SELECT min(v."version") FROM "ServiceGuideVersion" v WHERE v."serviceId" = w."serviceId"),
      1);

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_serviceId_guideVersion_fkey" FOREIGN KEY ("serviceId", "guideVersion") REFERENCES "ServiceGuideVersion"("serviceId", "version") ON DELETE RESTRICT ON UPDATE CASCADE;
