-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "feeMaxFen" INTEGER;

-- A range has an upper end above its lower one; one figure is NULL, never feeMaxFen = feeFen, so
-- "20–20 元" cannot be stored. Prisma's schema language has no CHECK; its diff ignores them.
ALTER TABLE "Service" ADD CONSTRAINT "Service_fee_range" CHECK ("feeMaxFen" IS NULL OR "feeMaxFen" > "feeFen");
