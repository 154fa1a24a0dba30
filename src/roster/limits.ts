// The bounds on a roster file, checked before and while it is read (issue 26). A county's roster is some
// hundreds of rows and two dozen columns; each bound is far above that and far below what would hurt
// the server. Every refusal names the bound it met.
export const ROSTER_LIMITS = {
  /** The file as uploaded or read from disk. */
  fileBytes: 4 * 1024 * 1024,
  /** An XLSX is a zip: how many parts, and how large each part and all of them may inflate to. */
  zipParts: 200,
  partBytes: 16 * 1024 * 1024,
  inflatedBytes: 32 * 1024 * 1024,
  rows: 20_000,
  /** Cells right of this column are ignored, never expanded: no roster layout has half as many columns. */
  columns: 64,
  cellChars: 500,
  /** The reader runs in its own thread with this heap and time: past either it is stopped and the file refused. */
  readerHeapMb: 160,
  readerSeconds: 30,
} as const;
