import { LEGACY_ENCODINGS, type LegacyEncoding, decodeByte, encodeSingleByte } from './singleByte';
import { utf8SequenceLength } from './utf8';
import { hasNonAscii } from '../values/ascii';

/**
 * Mojibake: UTF-8 text that was decoded as Windows-1252 (or Mac Roman) and saved again, so each
 * accented letter became two or three characters — `José` → `JosÃ©`, `’` → `â€™`, `Muñoz` →
 * `MuÃ±oz` (Mac Roman: `Jos√©`). Each such run is the bytes of one UTF-8 character read one
 * byte at a time, so it can be read back exactly.
 */
export interface MojibakeRepair {
  /** The value with every damaged run read back (`José`). */
  repaired: string;
  /** The encoding the UTF-8 bytes were wrongly read in. */
  encoding: LegacyEncoding;
  /** The damaged runs as they stand in the value (`Ã©`), each with what it stands for. */
  runs: { text: string; original: string }[];
}

/** Characters that can start / continue a damaged run, per encoding (UTF-8 lead bytes C2–F4, continuation bytes 80–BF). */
const LEADS: Record<LegacyEncoding, Map<string, number>> = { windows1252: new Map(), macroman: new Map() };
const CONTINUATIONS: Record<LegacyEncoding, Set<string>> = { windows1252: new Set(), macroman: new Set() };
for (const encoding of LEGACY_ENCODINGS) {
  for (let b = 0xc2; b <= 0xf4; b++) LEADS[encoding].set(decodeByte(b, encoding), b);
  for (let b = 0x80; b <= 0xbf; b++) CONTINUATIONS[encoding].add(decodeByte(b, encoding));
}

/**
 * Characters a run may stand for: Latin letters with accents, general punctuation (’ “ – …),
 * € and ™, the BOM, Greek, Cyrillic, CJK, Hangul and emoji. Runs that would read back as
 * anything else (IPA, Arabic presentation forms, …) are taken as the text they are.
 */
function plausible(cp: number): boolean {
  return (
    (cp >= 0xa0 && cp <= 0x24f) ||
    (cp >= 0x370 && cp <= 0x4ff) ||
    (cp >= 0x2000 && cp <= 0x206f) ||
    cp === 0x20ac ||
    cp === 0x2122 ||
    cp === 0xfeff ||
    (cp >= 0x3000 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    cp >= 0x1f000
  );
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The value read back when it holds mojibake, else undefined. Runs are read back one at a
 * time, so a value that is partly right (`Zoë ZoÃ«`) is repaired where it is damaged only;
 * text decoded wrongly twice (`JosÃƒÂ©`) is read back twice.
 */
export function repairMojibake(value: string): MojibakeRepair | undefined {
  if (!hasNonAscii(value)) return undefined;
  for (const encoding of LEGACY_ENCODINGS) {
    let current = value;
    const runs: MojibakeRepair['runs'] = [];
    for (let pass = 0; pass < 3; pass++) {
      const once = repairOnce(current, encoding);
      if (!once) break;
      if (pass === 0) runs.push(...once.runs);
      current = once.repaired;
    }
    if (runs.length > 0) return { repaired: current, encoding, runs };
  }
  return undefined;
}

function repairOnce(value: string, encoding: LegacyEncoding): { repaired: string; runs: MojibakeRepair['runs'] } | undefined {
  const leads = LEADS[encoding];
  const continuations = CONTINUATIONS[encoding];
  let out = '';
  let last = 0;
  const runs: MojibakeRepair['runs'] = [];
  for (let i = 0; i < value.length; i++) {
    const lead = leads.get(value[i] as string);
    if (lead === undefined) continue;
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (i + length > value.length) continue;
    const text = value.slice(i, i + length);
    let ok = true;
    for (let k = 1; k < length; k++) if (!continuations.has(text[k] as string)) ok = false;
    if (!ok) continue;
    const bytes = encodeSingleByte(text, encoding);
    if (!bytes || utf8SequenceLength(bytes, 0) !== length) continue;
    let original: string;
    try {
      original = decoder.decode(bytes);
    } catch {
      continue;
    }
    if (!plausible(original.codePointAt(0) ?? 0)) continue;
    out += value.slice(last, i) + original;
    last = i + length;
    runs.push({ text, original });
    i += length - 1;
  }
  if (runs.length === 0) return undefined;
  return { repaired: out + value.slice(last), runs };
}
