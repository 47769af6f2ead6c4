/** Classworks' grade values for the user import. */
export const CLASSWORKS_GRADES = ['Pre-K', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;

const KINDERGARTEN = new Set(['k', 'kg', 'kf', 'kh', 'ka', 'kn', 'kdg', 'kinder', 'kindergarten', '0', '00', '0k', 'k0']);
const PRE_K = new Set(['pk', 'prek', 'prekindergarten', 'p', 'pk3', 'pk4', 'prekinder', 'preschool', 'ps', '-1']);
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12 };

export function isClassworksGrade(value: string): boolean {
  return (CLASSWORKS_GRADES as readonly string[]).includes(value);
}

/**
 * The Classworks grade an SIS spelling unambiguously means ("KG" -> "K", "05" -> "5",
 * "Pre K" -> "Pre-K", "3rd" -> "3"), or undefined.
 */
export function canonicalGrade(value: string): string | undefined {
  if (value.trim() === '-1') return 'Pre-K';
  // Invisible formatting characters (a zero-width space) do not change what it means.
  const compact = value.trim().toLowerCase().replace(/[\s._\-\p{Cf}]+/gu, '');
  if (compact === '') return undefined;
  if (KINDERGARTEN.has(compact)) return 'K';
  if (PRE_K.has(compact)) return 'Pre-K';
  const grade = compact.replace(/^(grade|gr|g)/, '').replace(/(grade|gr)$/, '');
  const numeric = /^0*(\d{1,2})(st|nd|rd|th)?$/.exec(grade);
  if (numeric) {
    const n = Number(numeric[1]);
    if (n >= 1 && n <= 12) return String(n);
    if (n === 0) return 'K';
    return undefined;
  }
  const ordinal = ORDINALS[grade];
  return ordinal ? String(ordinal) : undefined;
}

/** SIS grade values with no single Classworks grade: what they are and the grades they could be. */
export interface AmbiguousGrade {
  meaning: string;
  /** Classworks grades districts commonly give it (suggestions, never a safe fix). */
  candidates: readonly string[];
}

const AMBIGUOUS: Record<string, AmbiguousGrade> = {
  tk: { meaning: 'transitional kindergarten, a year between Pre-K and K that districts place in either', candidates: ['K', 'Pre-K'] },
  ppk: { meaning: 'pre-pre-kindergarten (3-year-olds), below Pre-K', candidates: ['Pre-K'] },
  '13': { meaning: 'a 13th year (a post-secondary or transition program) past grade 12', candidates: ['12'] },
  '14': { meaning: 'a year past grade 12 (a post-secondary or transition program)', candidates: ['12'] },
  ug: { meaning: 'ungraded', candidates: [] },
  ungraded: { meaning: 'ungraded', candidates: [] },
  ee: { meaning: 'early education, which districts count as Pre-K or earlier', candidates: ['Pre-K'] },
};

/** A grade value that needs the district to say what it means (TK, PPK, 13, UG …), or undefined. */
export function ambiguousGrade(value: string): AmbiguousGrade | undefined {
  const compact = value.trim().toLowerCase().replace(/[\s._-]+/g, '');
  return Object.prototype.hasOwnProperty.call(AMBIGUOUS, compact) ? AMBIGUOUS[compact] : undefined;
}

/** The grade `.classworks.json`'s gradeMapping gives a value (keys compared ignoring case and surrounding spaces). */
export function mappedGrade(value: string, mapping: Readonly<Record<string, string>> | undefined): { key: string; grade: string } | undefined {
  if (!mapping) return undefined;
  if (Object.prototype.hasOwnProperty.call(mapping, value)) return { key: value, grade: mapping[value] as string };
  const wanted = value.trim().toLowerCase();
  for (const [key, grade] of Object.entries(mapping)) if (key.trim().toLowerCase() === wanted) return { key, grade };
  return undefined;
}
