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
  const compact = value.trim().toLowerCase().replace(/[\s._-]+/g, '');
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
