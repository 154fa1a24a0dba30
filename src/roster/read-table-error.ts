// Why a roster file could not be read. Each reason has its sentence in templates/cli.json
// (import.reason.*); `detail` says where, or which bound was met.
export type RosterFileReason = "unreadable" | "encoding" | "empty" | "format" | "no_people" | "too_large" | "too_wide" | "too_long" | "cell_too_long" | "too_complex";

export class RosterFileError extends Error {
  constructor(readonly reason: RosterFileReason, detail: string) {
    super(detail);
  }
}
