-- Who sent a message, with their current posting and its targets: the first thing every message asks.
-- As functions because a function keeps its plans for the connection: Prisma sends each statement
-- unprepared, so PostgreSQL planned this one (a lateral join and a subquery) on every message, and the
-- planning cost more than the reading (0.3 to 0.7 ms against 0.1 ms).

-- The posting a report on p_today belongs to: not ended or replaced, and p_today within its dates, with
-- the clinic's name. A doctor listed under two clinics (科左中旗) reports into the one that started last.
CREATE FUNCTION "current_posting"(p_person integer, p_today date)
RETURNS TABLE ("id" integer, "programmeId" integer, "startDate" date, "endDate" date, "recipientOrgName" text)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT ps.id, ps."programmeId", ps."startDate", ps."endDate", o.name
    FROM "Posting" ps JOIN "Organization" o ON o.id = ps."recipientOrgId"
    WHERE ps."personId" = p_person AND ps.status IN ('planned', 'arrived')
      AND ps."startDate" <= p_today AND (ps."endDate" IS NULL OR ps."endDate" >= p_today)
    ORDER BY ps."startDate" DESC, ps.id DESC LIMIT 1;
END $$;

-- The sender of a message on a platform, their posting on p_today (null: none) and the targets that may
-- apply to it (the programme's and the posting's own, the posting's first: the caller keeps the first of
-- each metric and period).
CREATE FUNCTION "find_sender"(p_platform text, p_external_id text, p_today date)
RETURNS TABLE ("id" integer, "name" text, "role" text, "organizationName" text, "posting" json, "targets" json)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT p.id, p.name, p.role::text, o.name,
      CASE WHEN cp.id IS NULL THEN NULL ELSE row_to_json(cp) END,
      (SELECT coalesce(json_agg(json_build_object('metric', t.metric, 'period', t.period, 'minimum', t.minimum)
                 ORDER BY t."postingId" DESC NULLS LAST, t.id), '[]'::json)
       FROM "Target" t WHERE t."programmeId" = cp."programmeId" AND (t."postingId" IS NULL OR t."postingId" = cp.id))
    FROM "ChatIdentity" c
      JOIN "Person" p ON p.id = c."personId"
      JOIN "Organization" o ON o.id = p."organizationId"
      LEFT JOIN LATERAL "current_posting"(p.id, p_today) cp ON true
    -- The column is compared as itself, so the unique index on (platform, externalUserId) finds the row:
    -- compared as text, every message scanned every chat account of the roster.
    WHERE c.platform = p_platform::"Platform" AND c."externalUserId" = p_external_id;
END $$;
