// /api/exports/:form: the forms of `npm run cli -- export` as downloads, within the caller's scope.
import { ExportFields, ExportRequestSchema, exportForm } from "../forms/export.js";
import { AppError } from "../errors.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import type { ApiDeps } from "./postings.js";

const Query = ExportFields.omit({ form: true });
const FORMATS = ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"];

export function exportEndpoints(deps: ApiDeps): Endpoint[] {
  return [
    endpoint({
      method: "get", path: "/exports/:form", tag: "exports",
      summary: "A form as XLSX or CSV: form is monthly (needs month), quarterly (needs quarter), roster or assessment",
      query: Query, produces: FORMATS,
      async handler({ params, query, caller }) {
        const request = ExportRequestSchema.safeParse({ ...query, form: params.form });
        if (!request.success) throw new AppError("bad_request", request.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
        return { download: await exportForm(deps.db, request.data, caller.scope, deps.tz) };
      },
    }),
  ];
}
