/**
 * Recognises a file that is not text at all but a spreadsheet or archive saved (or renamed) with
 * a .csv name: an Excel workbook (.xlsx, a ZIP container; .xls, an OLE compound file), an
 * OpenDocument spreadsheet (.ods, also a ZIP) or another ZIP archive. Such bytes are not a
 * legacy text encoding, so "convert it with iconv" would only turn them into garbage: the faces
 * (the CLI, the editor, the import service) check this first and say what the file really is.
 *
 * Pure: bytes in, a description out. Looks only at the signature and, for a ZIP or OLE file,
 * at the names of the parts inside (which are stored uncompressed), never decompresses.
 */

export type BinaryFileKind = 'xlsx' | 'xls' | 'ods' | 'office' | 'zip';

export interface BinarySignature {
  kind: BinaryFileKind;
  /** What the file is, to follow "This is " ("an Excel workbook (.xlsx)"). */
  what: string;
  /** How to get a CSV out of it, to follow "not a CSV: " (no final full stop). */
  howToFix: string;
  /** The whole sentence, without a final full stop: "This is an Excel workbook (.xlsx), not a CSV: open it in Excel and use …". */
  message: string;
}

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04"
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]; // an empty archive: only the end-of-central-directory record
const ZIP_SPANNED = [0x50, 0x4b, 0x07, 0x08];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** How far into the file the names of the parts are looked for. */
const SCAN_LIMIT = 1 << 20;

const SAVE_AS_CSV_UTF8 = 'open it in Excel and use File › Save As › CSV UTF-8 (Comma delimited)';

const DESCRIPTIONS: Record<BinaryFileKind, { what: string; howToFix: string }> = {
  xlsx: { what: 'an Excel workbook (.xlsx)', howToFix: SAVE_AS_CSV_UTF8 },
  xls: { what: 'an Excel 97–2003 workbook (.xls)', howToFix: SAVE_AS_CSV_UTF8 },
  ods: {
    what: 'an OpenDocument spreadsheet (.ods)',
    howToFix: 'open it in LibreOffice Calc and use File › Save As › Text CSV (.csv) with the character set Unicode (UTF-8)',
  },
  office: {
    what: 'a Word or PowerPoint document',
    howToFix: 'copy the table into Excel and use File › Save As › CSV UTF-8 (Comma delimited)',
  },
  zip: { what: 'a ZIP archive', howToFix: 'unpack it and use the CSV file inside it' },
};

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to && i < bytes.length; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

/** The names of the ZIP entries whose local headers start in the first SCAN_LIMIT bytes. */
function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  const end = Math.min(bytes.length, SCAN_LIMIT) - 30;
  // Every local header is looked for, not walked from one to the next: with a data descriptor
  // (flag bit 3) a header does not say how long its data is.
  for (let i = 0; i <= end && names.length < 200; i++) {
    if (bytes[i] !== 0x50 || !startsWith(bytes, ZIP_LOCAL_HEADER, i)) continue;
    const nameLength = (bytes[i + 26] as number) | ((bytes[i + 27] as number) << 8);
    if (nameLength === 0 || nameLength > 1024) continue;
    names.push(latin1(bytes, i + 30, i + 30 + nameLength));
  }
  return names;
}

function kindOfZip(bytes: Uint8Array): BinaryFileKind {
  const names = zipEntryNames(bytes);
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('word/') || n.startsWith('ppt/'))) return 'office';
  if (names[0] === 'mimetype') {
    // An OpenDocument file stores its media type, uncompressed, as the first entry's data.
    const nameLength = (bytes[26] as number) | ((bytes[27] as number) << 8);
    const extraLength = (bytes[28] as number) | ((bytes[29] as number) << 8);
    const from = 30 + nameLength + extraLength;
    if (latin1(bytes, from, from + 60).startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  }
  // Only "[Content_Types].xml" seen (the rest past the scan, or the header cut short): an
  // Office Open XML file, and of those a workbook is what gets saved as .csv.
  if (names.length > 0 && names.every((n) => n === '[Content_Types].xml' || n.startsWith('_rels/') || n.startsWith('docProps/'))) return 'xlsx';
  return 'zip';
}

/** The bytes of `text` in UTF-16LE, as an OLE directory stores stream names. */
function utf16le(text: string): number[] {
  const out: number[] = [];
  for (const c of text) out.push(c.charCodeAt(0), 0);
  return out;
}

function contains(bytes: Uint8Array, needle: readonly number[]): boolean {
  const end = Math.min(bytes.length, SCAN_LIMIT) - needle.length;
  for (let i = 0; i <= end; i++) if (bytes[i] === needle[0] && startsWith(bytes, needle, i)) return true;
  return false;
}

const WORD_STREAM = utf16le('WordDocument');
const POWERPOINT_STREAM = utf16le('PowerPoint Document');

/**
 * What the bytes are when they are a spreadsheet, an Office document or an archive rather than
 * text, or undefined (then the bytes may be text, in UTF-8 or not). An OLE compound file is
 * taken for an .xls unless it holds a Word or PowerPoint stream.
 */
export function binarySignature(bytes: Uint8Array): BinarySignature | undefined {
  let kind: BinaryFileKind | undefined;
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) kind = kindOfZip(bytes);
  else if (startsWith(bytes, ZIP_EMPTY) || startsWith(bytes, ZIP_SPANNED)) kind = 'zip';
  else if (startsWith(bytes, OLE)) kind = contains(bytes, WORD_STREAM) || contains(bytes, POWERPOINT_STREAM) ? 'office' : 'xls';
  if (kind === undefined) return undefined;
  const { what, howToFix } = DESCRIPTIONS[kind];
  return { kind, what, howToFix, message: `This is ${what}, not a CSV: ${howToFix}` };
}
