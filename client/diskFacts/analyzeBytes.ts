import { decodeFile, encodingCandidates } from '../../core/encoding/decodeFile';
import { detectEncoding as detectByteEncoding } from '../../core/encoding/detectEncoding';
import type { DiskEncoding, LineEndingCounts, NotUtf8Facts } from '../../core/protocol/lspProtocol';

/** What a file's bytes say that the editor's (decoded, EOL-normalised) text cannot. */
export interface ByteFacts {
  encoding: DiskEncoding;
  lineEndings: LineEndingCounts;
  notUtf8?: NotUtf8Facts;
}

/** Encoding and line endings of a file's bytes. Pure: no vscode, no I/O. */
export function analyzeBytes(bytes: Uint8Array): ByteFacts {
  const encoding = detectEncoding(bytes);
  const lineEndings = encoding === 'utf16le' || encoding === 'utf16be' ? countUtf16(bytes, encoding === 'utf16le') : countBytes(bytes);
  if (encoding === 'utf8' || encoding === 'utf8-bom') return { encoding, lineEndings };
  return { encoding, lineEndings, notUtf8: notUtf8Facts(bytes) };
}

/**
 * What bytes that are not UTF-8 read as: the encodings that decode them exactly (the likeliest
 * first, core/encoding/decodeFile) and, for a single-byte one, the first byte that is not UTF-8.
 */
export function notUtf8Facts(bytes: Uint8Array): NotUtf8Facts {
  const candidates = encodingCandidates(bytes);
  const facts: NotUtf8Facts = { candidates };
  const first = candidates[0];
  if (first === undefined) return facts;
  const decoded = decodeFile(bytes, first);
  if (decoded.kind === 'decoded' && decoded.start.byte !== undefined && decoded.start.reads !== undefined) {
    facts.first = { byte: decoded.start.byte, reads: decoded.start.reads, line: decoded.start.line, character: decoded.start.character };
  }
  return facts;
}

/**
 * By the byte order mark; without one, UTF-16 by its zero bytes (ASCII text in UTF-16 has a
 * zero in every other byte, as VS Code also guesses), else UTF-8 when the bytes decode as such
 * (core/encoding/detectEncoding, in the protocol's words).
 */
export function detectEncoding(bytes: Uint8Array): DiskEncoding {
  const found = detectByteEncoding(bytes);
  if (found.kind === 'utf8') return found.bom ? 'utf8-bom' : 'utf8';
  if (found.kind === 'utf16') return found.byteOrder === 'le' ? 'utf16le' : 'utf16be';
  return 'not-utf8';
}

/** CRLF, LF and bare CR in an ASCII-compatible encoding (UTF-8, Windows-1252, …), quoted cells included. */
function countBytes(bytes: Uint8Array): LineEndingCounts {
  const counts = { crlf: 0, lf: 0, cr: 0 };
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0x0a) counts.lf++;
    else if (b === 0x0d) {
      if (bytes[i + 1] === 0x0a) {
        counts.crlf++;
        i++;
      } else counts.cr++;
    }
  }
  return counts;
}

/** The same in UTF-16 code units (after the BOM, if any). */
function countUtf16(bytes: Uint8Array, littleEndian: boolean): LineEndingCounts {
  const counts = { crlf: 0, lf: 0, cr: 0 };
  const unit = (i: number) => (littleEndian ? (bytes[i] as number) | ((bytes[i + 1] as number) << 8) : ((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  const n = bytes.length - 1;
  for (let i = 0; i < n; i += 2) {
    const u = unit(i);
    if (u === 0x0a) counts.lf++;
    else if (u === 0x0d) {
      if (i + 2 < n && unit(i + 2) === 0x0a) {
        counts.crlf++;
        i += 2;
      } else counts.cr++;
    }
  }
  return counts;
}
