-- record_report's refusal names what the doctor has already recorded that day, so the question asked
-- (确认?) can say it: each row over its bound now carries its day and that day's recorded total, one row
-- per metric and day (before: one per metric, with neither). Redefining a function repeats its body.
CREATE OR REPLACE FUNCTION "record_report"(
  p_person integer, p_posting integer, p_inbound integer, p_items jsonb, p_limits jsonb,
  p_source text, p_raw text, p_reason text, p_late boolean, p_now timestamptz, p_from date, p_to date
) RETURNS TABLE ("over" boolean, "metric" text, "day" date, "quantity" double precision) LANGUAGE plpgsql AS $$
DECLARE
  stamp timestamp(3) := p_now AT TIME ZONE 'UTC';
BEGIN
  PERFORM 1 FROM "Person" WHERE id = p_person FOR UPDATE;
  IF p_limits IS NOT NULL THEN
    RETURN QUERY
      SELECT true, n.metric, n.day, n.recorded FROM (
        SELECT i.metric, i.day, sum(i.quantity) AS quantity, min(i.idx) AS first, round(coalesce((
            SELECT sum(e.quantity) FROM "WorkloadEntry" e
            WHERE e."personId" = p_person AND e."revokedAt" IS NULL AND e."occurredOn" = i.day AND e.metric::text = i.metric
          ), 0)::numeric, 4)::float8 AS recorded
        FROM jsonb_to_recordset(p_items) AS i(metric text, quantity float8, day date, idx integer)
        GROUP BY i.metric, i.day
      ) n
      WHERE n.recorded + n.quantity > (p_limits ->> n.metric)::float8
      ORDER BY n.first;
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
