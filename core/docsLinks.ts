/** Link to a rule's section in docs/rules.md (each section has an anchor named by its code). */
export function ruleDocsUrl(code: string, rulesDocUri: string): string {
  return `${rulesDocUri}#${code}`;
}

/**
 * The 1-based line of each rule's `<a id="code"></a>` anchor in the text of docs/rules.md.
 * VS Code ignores a `#code` fragment on a file URI but opens `#L<line>` at that line, so the
 * editor's rule links point at these lines.
 */
export function ruleAnchorLines(markdown: string): Map<string, number> {
  const lines = new Map<string, number>();
  const anchor = /<a\s+(?:id|name)=["']([^"']+)["']\s*>/g;
  markdown.split(/\r\n|\r|\n/).forEach((text, index) => {
    for (const match of text.matchAll(anchor)) {
      const code = match[1] as string;
      if (!lines.has(code)) lines.set(code, index + 1);
    }
  });
  return lines;
}

/**
 * A rule link that VS Code opens at the rule's section: `<file uri>#L<line>` when the anchor's
 * line is known, the bare file when it is not (a file URI's `#code` would open line 1 anyway).
 */
export function ruleDocsLineUrl(code: string, rulesDocUri: string, anchorLines: ReadonlyMap<string, number>): string {
  const line = anchorLines.get(code);
  return line === undefined ? rulesDocUri : `${rulesDocUri}#L${line}`;
}
