-- CreateEnum
CREATE TYPE "LicenceNoteKind" AS ENUM ('CAPTURE', 'REVEAL');

-- AlterTable
ALTER TABLE "LicenceCapture" ADD COLUMN     "kind" "LicenceNoteKind" NOT NULL DEFAULT 'CAPTURE';
