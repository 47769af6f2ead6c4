/**
 * Why an e-mail address is not usable for sign-on, or undefined when it is.
 * Deliberately plain: one @, a local part and a dotted domain without spaces.
 */
export function emailProblem(value: string): string | undefined {
  const text = value.trim();
  if (/\s/.test(text)) return 'it contains a space';
  const at = text.split('@').length - 1;
  if (at === 0) return 'it has no @';
  if (at > 1) return 'it has more than one @';
  const [local = '', domain = ''] = text.split('@');
  if (local === '') return 'nothing comes before the @';
  if (domain === '') return 'nothing comes after the @';
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return 'the part before the @ has a misplaced dot';
  if (!/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(local)) return 'the part before the @ has a character e-mail addresses cannot hold';
  if (!domain.includes('.')) return `the domain "${domain}" has no dot (e.g. example.org)`;
  const labels = domain.split('.');
  if (labels.some((l) => l === '')) return 'the domain has an empty part (two dots in a row, or a dot at an end)';
  if (labels.some((l) => !/^[A-Za-z0-9-]+$/.test(l) || l.startsWith('-') || l.endsWith('-'))) {
    return 'the domain has a character domains cannot hold';
  }
  const tld = labels[labels.length - 1] ?? '';
  if (!/^[A-Za-z]{2,}$/.test(tld)) return `"${tld}" is not a top-level domain`;
  return undefined;
}
