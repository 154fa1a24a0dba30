// WeCom cuts a text message at 2,048 bytes (doc 90236). A long answer (a month's summary, the help) is
// sent in parts instead, each ending at a line break where one is near; a single line longer than a
// part is cut between characters, never inside one.

export function splitText(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const joined = current ? `${current}\n${line}` : line;
    if (Buffer.byteLength(joined) <= maxBytes) {
      current = joined;
      continue;
    }
    if (current) parts.push(current);
    current = "";
    for (const piece of cutLine(line, maxBytes)) {
      if (current) parts.push(current);
      current = piece;
    }
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}

/** A line in pieces of at most maxBytes, cut between characters (code points). */
function cutLine(line: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) {
      pieces.push(piece);
      piece = "";
      bytes = 0;
    }
    piece += char;
    bytes += size;
  }
  pieces.push(piece);
  return pieces;
}
