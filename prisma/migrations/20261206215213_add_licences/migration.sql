-- CreateEnum
CREATE TYPE "LicenceStatus" AS ENUM ('VALID', 'REVOKED', 'EXPIRED');

-- CreateTable
CREATE TABLE "Licence" (
    "id" UUID NOT NULL,
    "holderId" UUID NOT NULL,
    "type" "LicenceType" NOT NULL,
    "numberEnc" TEXT NOT NULL,
    "numberHash" TEXT NOT NULL,
    "numberMasked" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "validUntil" DATE,
    "status" "LicenceStatus" NOT NULL,
    "fields" JSONB NOT NULL,
    "lastSyncedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Licence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LicencePurpose" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "serviceId" UUID,
    "licenceTypes" "LicenceType"[],
    "fields" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LicencePurpose_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "LicencePresentation" (
    "id" UUID NOT NULL,
    "jti" TEXT NOT NULL,
    "licenceId" UUID NOT NULL,
    "subjectId" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "purposeCode" TEXT NOT NULL,
    "fields" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "verifiedById" UUID,
    "verifiedAt" TIMESTAMP(3),
    "verifiedOfficeId" UUID,
    "verifiedCounterId" UUID,

    CONSTRAINT "LicencePresentation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LicenceSigningKey" (
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "privateJwkEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "LicenceSigningKey_pkey" PRIMARY KEY ("kid")
);

-- CreateIndex
CREATE INDEX "Licence_type_status_idx" ON "Licence"("type", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Licence_holderId_type_numberHash_key" ON "Licence"("holderId", "type", "numberHash");

-- CreateIndex
CREATE UNIQUE INDEX "LicencePresentation_jti_key" ON "LicencePresentation"("jti");

-- CreateIndex
CREATE INDEX "LicencePresentation_licenceId_createdAt_idx" ON "LicencePresentation"("licenceId", "createdAt");

-- CreateIndex
CREATE INDEX "LicencePresentation_subjectId_verifiedAt_idx" ON "LicencePresentation"("subjectId", "verifiedAt");

-- AddForeignKey
ALTER TABLE "Licence" ADD CONSTRAINT "Licence_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicencePurpose" ADD CONSTRAINT "LicencePurpose_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicencePresentation" ADD CONSTRAINT "LicencePresentation_licenceId_fkey" FOREIGN KEY ("licenceId") REFERENCES "Licence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicencePresentation" ADD CONSTRAINT "LicencePresentation_purposeCode_fkey" FOREIGN KEY ("purposeCode") REFERENCES "LicencePurpose"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicencePresentation" ADD CONSTRAINT "LicencePresentation_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicencePresentation" ADD CONSTRAINT "LicencePresentation_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicencePresentation" ADD CONSTRAINT "LicencePresentation_verifiedById_fkey" FOREIGN KEY ("verifiedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicencePresentation" ADD CONSTRAINT "LicencePresentation_verifiedOfficeId_fkey" FOREIGN KEY ("verifiedOfficeId") REFERENCES "Office"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicencePresentation" ADD CONSTRAINT "LicencePresentation_verifiedCounterId_fkey" FOREIGN KEY ("verifiedCounterId") REFERENCES "Counter"("id") ON DELETE SET NULL ON UPDATE CASCADE;
