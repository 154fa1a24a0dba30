-- AlterEnum
ALTER TYPE "PostingMode" ADD VALUE 'circuit';

-- AlterTable
ALTER TABLE "Target" ADD COLUMN     "mode" "PostingMode",
ADD COLUMN     "pairingId" INTEGER,
ADD COLUMN     "recipientOrgId" INTEGER;

-- CreateIndex
CREATE INDEX "Target_pairingId_idx" ON "Target"("pairingId");

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_recipientOrgId_fkey" FOREIGN KEY ("recipientOrgId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The targets that may apply to the sender's posting, most specific first (the caller keeps the first of
-- each metric and period): the posting's own, its pairing's (the agreement's indicators), then the
-- programme's for every mode or for the posting's mode. A clinic's goals (recipientOrgId) are the
-- clinic's, counted over its postings, not a doctor's. Each says its level, so an answer can say which.
-- The same order as services/targets/list-targets.ts (test/services/target-levels.test.ts holds them equal).
CREATE OR REPLACE FUNCTION "find_sender"(p_platform text, p_external_id text, p_today date)
RETURNS TABLE ("id" integer, "name" text, "role" text, "organizationName" text, "posting" json, "targets" json)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT p.id, p.name, p.role::text, o.name,
      CASE WHEN cp.id IS NULL THEN NULL ELSE row_to_json(cp) END,
      (SELECT coalesce(json_agg(json_build_object('metric', t.metric, 'period', t.period, 'minimum', t.minimum,
                 'level', CASE WHEN t."postingId" IS NOT NULL THEN 'posting' WHEN t."pairingId" IS NOT NULL THEN 'pairing' ELSE 'programme' END)
                 ORDER BY (t."postingId" IS NULL), (t."pairingId" IS NULL), (t.mode IS NULL), t.id), '[]'::json)
       FROM "Target" t JOIN "Posting" ps ON ps.id = cp.id
       WHERE t."programmeId" = cp."programmeId" AND t."recipientOrgId" IS NULL
         AND (t."postingId" = ps.id OR t."pairingId" = ps."pairingId" OR (t."postingId" IS NULL AND t."pairingId" IS NULL))
         AND (t.mode IS NULL OR t.mode = ps.mode))
    FROM "ChatIdentity" c
      JOIN "Person" p ON p.id = c."personId"
      JOIN "Organization" o ON o.id = p."organizationId"
      LEFT JOIN LATERAL "current_posting"(p.id, p_today) cp ON true
    WHERE c.platform = p_platform::"Platform" AND c."externalUserId" = p_external_id;
END $$;
