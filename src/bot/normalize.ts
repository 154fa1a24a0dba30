// NFKC per character, lower-cased, keeping where each character came from, so a reply can quote
// exactly what the doctor typed (full-width and all) while the parser reads plain ASCII.
export type Normalized = { text: string; origin: number[]; source: string };

export function normalize(source: string): Normalized {
  let text = "";
  const origin: number[] = [];
  let i = 0;
  for (const ch of source) {
    // ① would become a bare 1 and run into what follows; as (1) it reads as the list mark it is.
    const circled = ch >= "\u2460" && ch <= "\u2473" ? `(${ch.codePointAt(0)! - 0x245f})` : undefined;
    const n = circled ?? ch.normalize("NFKC").toLowerCase();
    for (let k = 0; k < n.length; k++) origin.push(i);
    text += n;
    i += ch.length;
  }
  origin.push(source.length);
  return { text, origin, source };
}

/** The original text behind normalized positions [start, end). */
export function originalSlice(n: Normalized, start: number, end: number): string {
  return n.source.slice(n.origin[start], n.origin[end]).trim();
}
