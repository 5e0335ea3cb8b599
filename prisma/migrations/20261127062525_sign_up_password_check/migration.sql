-- AlterTable
ALTER TABLE "SignUpRequest" ADD COLUMN     "failedAttempts" INTEGER NOT NULL DEFAULT 0;
