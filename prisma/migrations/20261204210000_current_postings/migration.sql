-- A doctor can be posted to two clinics at once (中站's doctors serve several 社区卫生服务中心). The rule
-- for "current" moves to current_postings, which lists every one, newest first; current_posting is its
-- first row; find_sender also says how many there are, so a report can ask which clinic it is for
-- without another round trip. find_sender's columns change, so it is dropped and made again.
CREATE FUNCTION "current_postings"(p_person integer, p_today date)
RETURNS TABLE ("id" integer, "programmeId" integer, "startDate" date, "endDate" date, "recipientOrgName" text)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT ps.id, ps."programmeId", ps."startDate", ps."endDate", o.name
    FROM "Posting" ps JOIN "Organization" o ON o.id = ps."recipientOrgId"
    WHERE ps."personId" = p_person AND ps.status IN ('planned', 'arrived')
      AND ps."startDate" <= p_today AND (ps."endDate" IS NULL OR ps."endDate" >= p_today)
    ORDER BY ps."startDate" DESC, ps.id DESC;
END $$;

CREATE OR REPLACE FUNCTION "current_posting"(p_person integer, p_today date)
RETURNS TABLE ("id" integer, "programmeId" integer, "startDate" date, "endDate" date, "recipientOrgName" text)
LANGUAGE sql STABLE AS $$
  SELECT * FROM "current_postings"(p_person, p_today) LIMIT 1;
$$;

DROP FUNCTION "find_sender"(text, text, date);
CREATE FUNCTION "find_sender"(p_platform text, p_external_id text, p_today date)
RETURNS TABLE ("id" integer, "name" text, "role" text, "organizationName" text, "posting" json, "targets" json, "postingCount" integer)
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
         AND (t.mode IS NULL OR t.mode = ps.mode)),
      (SELECT count(*)::int FROM "current_postings"(p.id, p_today))
    FROM "ChatIdentity" c
      JOIN "Person" p ON p.id = c."personId"
      JOIN "Organization" o ON o.id = p."organizationId"
      LEFT JOIN LATERAL "current_posting"(p.id, p_today) cp ON true
    WHERE c.platform = p_platform::"Platform" AND c."externalUserId" = p_external_id;
END $$;
