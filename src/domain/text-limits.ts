// How long each free text a person sends may be (issue 26). A chat message longer than any command needs
// is refused whole, with its length, before a command reads it; each field has its own bound below that.
// Lengths are in characters as a person counts them (code points), not UTF-16 units or bytes.
export const TEXT_LIMITS = {
  /** A whole chat message: a 总结 of a posting fits; a pasted document does not. */
  message: 2000,
  leaveReason: 200,
  meetingTitle: 100,
  meetingAttendees: 500,
  visitReport: 1000,
} as const;

export const charCount = (text: string): number => [...text].length;
