// An XLSX is a zip, and a zip says how large its parts are but need not tell the truth. Before any XLSX
// library sees the file, every part is inflated here with a hard cap on its output (zlib's
// maxOutputLength), so a zip bomb is refused after inflating at most the cap, whatever its headers claim.
// Only what an XLSX uses is accepted: stored or deflated parts, no ZIP64, no encryption. Each worksheet
// is then scanned for cells and merged ranges past the bounds: the XLSX library gives a row an array as
// long as its last cell's column, so one cell in column XFD made 16,384 slots a row (issue 26).
import { inflateRawSync } from "node:zlib";
import { RosterFileError } from "./read-table-error.js";
import { ROSTER_LIMITS } from "./limits.js";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const tooLarge = (detail: string) => new RosterFileError("too_large", detail);
const malformed = (detail: string) => new RosterFileError("format", `not a readable XLSX file (${detail})`);

function endOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535: searched for only that far from the end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) if (zip.readUInt32LE(at) === EOCD) return at;
  throw malformed("no end of central directory");
}

type Part = { name: string; method: number; flags: number; compressed: number; size: number; local: number };

function parts(zip: Buffer): Part[] {
  const eocd = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  if (count > ROSTER_LIMITS.zipParts) throw tooLarge(`${count} parts (at most ${ROSTER_LIMITS.zipParts})`);
  const list: Part[] = [];
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw malformed("broken central directory");
    const nameLength = zip.readUInt16LE(at + 28);
    list.push({
      flags: zip.readUInt16LE(at + 8), method: zip.readUInt16LE(at + 10), compressed: zip.readUInt32LE(at + 20), size: zip.readUInt32LE(at + 24),
      local: zip.readUInt32LE(at + 42), name: zip.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return list;
}

function inflated(zip: Buffer, p: Part, room: number): Buffer {
  if (p.flags & 1) throw malformed("encrypted");
  if (p.size === 0xffffffff || p.compressed === 0xffffffff) throw malformed("ZIP64");
  if (p.local + 30 > zip.length || zip.readUInt32LE(p.local) !== LOCAL) throw malformed("broken local header");
  const start = p.local + 30 + zip.readUInt16LE(p.local + 26) + zip.readUInt16LE(p.local + 28);
  const data = zip.subarray(start, start + p.compressed);
  const cap = Math.max(1, Math.min(ROSTER_LIMITS.partBytes, room));
  if (p.method === 0) {
    if (data.length > cap) throw tooLarge(`part ${p.name} over ${cap} bytes`);
    return data;
  }
  if (p.method !== 8) throw malformed(`compression method ${p.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: cap });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(`part ${p.name} inflates past ${cap} bytes`);
    throw malformed(`part ${p.name}: ${(error as Error).message}`);
  }
}

const columnIndex = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
// A cell's, a row's or a merged range's reference; the tags are short, so [^>]* stays within one tag.
const REFERENCE = /<(c|row|mergeCell)\b[^>]*?\s(?:r|ref)="([^"]{0,40})"/g;
const ADDRESS = /^\$?([A-Z]{1,3})?\$?(\d{1,7})?$/;

function checkAddress(sheet: string, address: string): void {
  const m = ADDRESS.exec(address);
  if (!m) throw malformed(`${sheet}: reference ${address}`);
  if (m[1] && columnIndex(m[1]) > ROSTER_LIMITS.columns) throw new RosterFileError("too_wide", `${address}`);
  if (m[2] && Number(m[2]) > ROSTER_LIMITS.rows) throw new RosterFileError("too_long", `${address}`);
}

function checkSheet(name: string, xml: string): void {
  for (const [, tag, ref] of xml.matchAll(REFERENCE)) {
    if (tag === "row") checkAddress(name, `A${ref}`);
    else for (const address of ref.split(":")) checkAddress(name, address);
  }
}

/** Refuses a zip whose parts, really inflated, exceed the bounds, or a worksheet with cells past them; the declared sizes are checked first, as the cheap refusal. */
export function checkXlsx(zip: Buffer): void {
  const list = parts(zip);
  const declared = list.reduce((sum, p) => sum + p.size, 0);
  if (declared > ROSTER_LIMITS.inflatedBytes) throw tooLarge(`${declared} bytes inflated (at most ${ROSTER_LIMITS.inflatedBytes})`);
  let total = 0;
  for (const p of list) {
    const data = inflated(zip, p, ROSTER_LIMITS.inflatedBytes - total);
    total += data.length;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(p.name)) checkSheet(p.name, data.toString("utf8"));
  }
}
