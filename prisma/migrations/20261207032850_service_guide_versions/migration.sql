-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "guideVersion" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "guideVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ServiceGuideVersion" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "guide" JSONB NOT NULL,
    "fields" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,

    CONSTRAINT "ServiceGuideVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceGuideVersion_serviceId_version_key" ON "ServiceGuideVersion"("serviceId", "version");

-- AddForeignKey
ALTER TABLE "ServiceGuideVersion" ADD CONSTRAINT "ServiceGuideVersion_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceGuideVersion" ADD CONSTRAINT "ServiceGuideVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Back-fill: every existing service's guide as version 1 (the shape of @palm/shared GuideFields,
-- materials in guide order); existing appointments were booked under it (the column's default).
INSERT INTO "ServiceGuideVersion" ("id", "serviceId", "version", "guide", "fields", "createdAt")
SELECT gen_random_uuid(), s."id", 1,
       jsonb_build_object(
         'summary', s."summary", 'conditions', to_jsonb(s."conditions"), 'process', to_jsonb(s."process"),
         'materials', COALESCE((SELECT jsonb_agg(jsonb_build_object('name', m."name", 'required', m."required", 'originals', m."originals",
                                                                   'copies', m."copies", 'licenceType', m."licenceType", 'note', m."note") ORDER BY m."position")
                                FROM "ServiceMaterial" m WHERE m."serviceId" = s."id"), '[]'::jsonb),
         'legalDays', s."legalDays", 'promisedDays', s."promisedDays", 'feeFen', s."feeFen", 'feeMaxFen', s."feeMaxFen", 'feeNote', s."feeNote",
         'onlineAllowed', s."onlineAllowed", 'proxyAllowed', s."proxyAllowed", 'appointmentRequired', s."appointmentRequired",
         'aliases', to_jsonb(s."aliases")),
       ARRAY[]::TEXT[], CURRENT_TIMESTAMP
FROM "Service" s;

ALTER TABLE "ServiceGuideVersion" ADD CONSTRAINT "ServiceGuideVersion_version_positive" CHECK ("version" >= 1);
ALTER TABLE "Service" ADD CONSTRAINT "Service_guideVersion_positive" CHECK ("guideVersion" >= 1);

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_serviceId_guideVersion_fkey" FOREIGN KEY ("serviceId", "guideVersion") REFERENCES "ServiceGuideVersion"("serviceId", "version") ON DELETE RESTRICT ON UPDATE CASCADE;
