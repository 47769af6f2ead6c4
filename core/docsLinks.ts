/** Link to a rule's section in docs/rules.md (each section has an anchor named by its code). */
export function ruleDocsUrl(code: string, rulesDocUri: string): string {
  return `${rulesDocUri}#${code}`;
}
