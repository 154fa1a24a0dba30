-- A report's check and write in one round trip: the doctor's lock, the daily bound, the entries and the
-- message's outcome, in the one transaction of a single statement, and then the doctor's totals per day
-- over the span the reply reports on. Done from the application, it was seven round trips (BEGIN, lock,
-- sum, insert, outcome, COMMIT, totals), and on a loaded machine each costs more than the work it carries.
-- Each statement of a PL/pgSQL function sees what was committed before it began, so the sum after the
-- lock includes a concurrent report from the same doctor that held the lock first.
-- Items: [{ "metric", "quantity", "label", "day", "idx" }]; limits: { metric: bound } or null (confirmed,
-- no bound); from/to: the span of the totals wanted back, or null for none.
-- Rows: "over" true, one per metric whose day would go over its bound, in the order the report names them,
-- and nothing was written; otherwise "over" false, the totals per metric and day (a retry of the same
-- message records nothing new and reads the same totals).
CREATE FUNCTION "record_report"(
  p_person integer, p_posting integer, p_inbound integer, p_items jsonb, p_limits jsonb,
  p_source text, p_raw text, p_reason text, p_late boolean, p_now timestamptz, p_from date, p_to date
) RETURNS TABLE ("over" boolean, "metric" text, "day" date, "quantity" double precision) LANGUAGE plpgsql AS $$
DECLARE
  stamp timestamp(3) := p_now AT TIME ZONE 'UTC';
BEGIN
  PERFORM 1 FROM "Person" WHERE id = p_person FOR UPDATE;
  IF p_limits IS NOT NULL THEN
    RETURN QUERY
      SELECT true, n.metric, NULL::date, NULL::float8 FROM (
        SELECT i.metric, i.day, sum(i.quantity) AS quantity, min(i.idx) AS first
        FROM jsonb_to_recordset(p_items) AS i(metric text, quantity float8, day date, idx integer)
        GROUP BY i.metric, i.day
      ) n
      WHERE round(coalesce((
          SELECT sum(e.quantity) FROM "WorkloadEntry" e
          WHERE e."personId" = p_person AND e."revokedAt" IS NULL AND e."occurredOn" = n.day AND e.metric::text = n.metric
        ), 0)::numeric, 4)::float8 + n.quantity > (p_limits ->> n.metric)::float8
      GROUP BY n.metric ORDER BY min(n.first);
    IF FOUND THEN RETURN; END IF;
  END IF;
  INSERT INTO "WorkloadEntry" ("postingId", "personId", "metric", "quantity", "label", "occurredOn", "source",
    "inboundMessageId", "itemIndex", "rawText", "reason", "isLateCorrection", "createdAt")
  SELECT p_posting, p_person, i.metric::"MetricKey", i.quantity, i.label, i.day, p_source::"EntrySource",
    p_inbound, i.idx, p_raw, p_reason, p_late, stamp
  FROM jsonb_to_recordset(p_items) AS i(metric text, quantity float8, label text, day date, idx integer)
  ON CONFLICT DO NOTHING;
  UPDATE "InboundMessage" SET "outcome" = 'recorded', "personId" = p_person, "processedAt" = stamp WHERE id = p_inbound;
  IF p_from IS NOT NULL THEN
    RETURN QUERY
      SELECT false, e.metric::text, e."occurredOn", sum(e.quantity)
      FROM "WorkloadEntry" e
      WHERE e."personId" = p_person AND e."revokedAt" IS NULL AND e."occurredOn" BETWEEN p_from AND p_to
      GROUP BY e."occurredOn", e.metric ORDER BY e."occurredOn", e.metric;
  END IF;
END $$;
