/** The core's UTF-8 checks, one implementation for the CLI, the client and the import service. */
export { firstInvalidUtf8, lineOfByte } from '../core/encoding/utf8';

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The byte order of a UTF-16 file by its BOM (FF FE: little-endian, FE FF: big-endian); false without one. */
export function utf16ByteOrder(bytes: Uint8Array): 'le' | 'be' | false {
  if (bytes.length < 2) return false;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return false;
}

export const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
