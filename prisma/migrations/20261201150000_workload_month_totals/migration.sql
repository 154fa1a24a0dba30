-- CreateTable
CREATE TABLE "WorkloadMonthTotal" (
    "postingId" INTEGER NOT NULL,
    "metric" "MetricKey" NOT NULL,
    "month" DATE NOT NULL,
    "quantity" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "WorkloadMonthTotal_pkey" PRIMARY KEY ("postingId","metric","month")
);

-- CreateIndex
CREATE INDEX "WorkloadMonthTotal_metric_month_idx" ON "WorkloadMonthTotal"("metric", "month");

-- CreateIndex
CREATE INDEX "WorkloadEntry_createdAt_idx" ON "WorkloadEntry"("createdAt");

-- AddForeignKey
ALTER TABLE "WorkloadMonthTotal" ADD CONSTRAINT "WorkloadMonthTotal_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "Posting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Kept by the database itself: every statement that inserts, updates or deletes ledger entries adds its
-- entries' quantities (those not revoked) to their posting's month, and takes away what they were before.
-- Statement triggers with transition tables: a bulk insert costs one grouped upsert, not one per row.
-- Rows are upserted in key order, so two statements touching the same months cannot deadlock each other.
-- One function for the three triggers; the rows it reads depend on the statement (an INSERT has no old
-- rows, a DELETE no new ones), so the query is put together for it.
CREATE FUNCTION "workload_month_totals_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added CONSTANT text := 'SELECT "postingId", "metric", "occurredOn", "quantity" FROM new_rows WHERE "revokedAt" IS NULL';
  taken CONSTANT text := 'SELECT "postingId", "metric", "occurredOn", -"quantity" FROM old_rows WHERE "revokedAt" IS NULL';
  changed text := CASE TG_OP WHEN 'INSERT' THEN added WHEN 'DELETE' THEN taken ELSE taken || ' UNION ALL ' || added END;
BEGIN
  EXECUTE 'INSERT INTO "WorkloadMonthTotal" ("postingId", "metric", "month", "quantity")
    SELECT "postingId", "metric", date_trunc(''month'', "occurredOn")::date, sum("quantity") FROM (' || changed || ') AS c ("postingId", "metric", "occurredOn", "quantity")
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("postingId", "metric", "month") DO UPDATE SET "quantity" = "WorkloadMonthTotal"."quantity" + EXCLUDED."quantity"';
  RETURN NULL;
END $$;

CREATE TRIGGER "workload_month_totals_insert" AFTER INSERT ON "WorkloadEntry"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "workload_month_totals_apply"();
CREATE TRIGGER "workload_month_totals_delete" AFTER DELETE ON "WorkloadEntry"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "workload_month_totals_apply"();
CREATE TRIGGER "workload_month_totals_update" AFTER UPDATE ON "WorkloadEntry"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "workload_month_totals_apply"();

-- The ledger so far.
INSERT INTO "WorkloadMonthTotal" ("postingId", "metric", "month", "quantity")
SELECT "postingId", "metric", date_trunc('month', "occurredOn")::date, sum("quantity")
FROM "WorkloadEntry" WHERE "revokedAt" IS NULL GROUP BY 1, 2, 3;
