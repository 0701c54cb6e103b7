-- Keys written before fingerprints and expiry existed answer no retry any more: a retry is
-- seconds to minutes after its first attempt, so dropping them loses nothing a client needs.
DELETE FROM "idempotency_keys";

-- AlterTable
ALTER TABLE "idempotency_keys" ADD COLUMN     "expires_at" TIMESTAMPTZ(3) NOT NULL,
ADD COLUMN     "fingerprint" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "default_role" "membership_role" NOT NULL DEFAULT 'MEMBER';

-- CreateTable
CREATE TABLE "email_verified_events" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "email_verified_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "email_verified_events_processed_at_created_at_idx" ON "email_verified_events"("processed_at", "created_at");

-- CreateIndex
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");
