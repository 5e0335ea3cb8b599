-- CreateTable
CREATE TABLE "SignUpRequest" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "locale" VARCHAR(2) NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SignUpRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SignUpRequest_tokenHash_key" ON "SignUpRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "SignUpRequest_email_idx" ON "SignUpRequest"("email");

-- CreateIndex
CREATE INDEX "SignUpRequest_expiresAt_idx" ON "SignUpRequest"("expiresAt");
