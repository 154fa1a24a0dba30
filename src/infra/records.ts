// The record types (enums and rows) of the schema, for the layers that name them but never query:
// only services/ and infra/ import the generated client.
export type {
  EntrySource, MetricKey, Prisma, InboundOutcome, OrgKind, Platform, PostingMode, PostingStatus, Role, TargetPeriod, VisitorKind,
} from "../generated/prisma/client.js";
