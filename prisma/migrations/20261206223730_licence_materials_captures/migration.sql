-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "licenceMaterials" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "LicenceCapture" (
    "id" UUID NOT NULL,
    "licenceId" UUID NOT NULL,
    "subjectId" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LicenceCapture_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LicenceCapture_licenceId_createdAt_idx" ON "LicenceCapture"("licenceId", "createdAt");

-- AddForeignKey
ALTER TABLE "LicenceCapture" ADD CONSTRAINT "LicenceCapture_licenceId_fkey" FOREIGN KEY ("licenceId") REFERENCES "Licence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicenceCapture" ADD CONSTRAINT "LicenceCapture_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicenceCapture" ADD CONSTRAINT "LicenceCapture_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
