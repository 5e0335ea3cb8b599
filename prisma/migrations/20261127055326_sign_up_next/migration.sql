-- AlterTable
ALTER TABLE "SignUpRequest" ADD COLUMN     "next" VARCHAR(500);
