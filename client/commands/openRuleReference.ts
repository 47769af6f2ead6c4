import * as vscode from 'vscode';
import { RULE_CATALOG } from '../../core/rules/ruleCatalog';
import { DIAGNOSTIC_SOURCE, RULES_DOC_PATH } from '../ids';

/**
 * "Open Rule Reference": opens docs/rules.md at a rule's section. The rule is the one given
 * (a code), else the one of the Classworks problem under the cursor, else one the user picks.
 * Returns the code opened, or undefined.
 */
export async function openRuleReference(context: vscode.ExtensionContext, arg?: unknown): Promise<string | undefined> {
  const code = typeof arg === 'string' && arg ? arg : (codeAtCursor() ?? (await pickRule()));
  if (code === undefined) return undefined;
  const docUri = vscode.Uri.file(context.asAbsolutePath(RULES_DOC_PATH));
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(docUri);
  } catch {
    void vscode.window.showWarningMessage(`Classworks: the rule reference ${RULES_DOC_PATH} is missing from this installation.`);
    return undefined;
  }
  const line = sectionLine(document, code);
  const position = new vscode.Position(line, 0);
  await vscode.window.showTextDocument(document, {
    preview: true,
    selection: new vscode.Range(position, position),
  });
  vscode.window.activeTextEditor?.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  return code;
}

/** The code of a Classworks diagnostic that touches the cursor in the active editor. */
function codeAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const cursor = editor.selection.active;
  for (const diagnostic of vscode.languages.getDiagnostics(editor.document.uri)) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !diagnostic.range.contains(cursor)) continue;
    const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');
    if (code) return code;
  }
  return undefined;
}

async function pickRule(): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    RULE_CATALOG.map((rule) => ({ label: rule.code, description: rule.defaultSeverity, detail: rule.title })),
    { title: 'Classworks: Open Rule Reference', placeHolder: 'Rule code', matchOnDetail: true },
  );
  return picked?.label;
}

/** The line of the rule's anchor (`id="code"`, `name="code"`) or of the heading that names the code. */
function sectionLine(document: vscode.TextDocument, code: string): number {
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const anchor = new RegExp(`(?:id|name)=["']${escaped}["']`);
  const heading = new RegExp(`^#{1,6}\\s.*\`?${escaped}\`?`);
  let headingLine = -1;
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    if (anchor.test(text)) return line;
    if (headingLine < 0 && heading.test(text)) headingLine = line;
  }
  return Math.max(headingLine, 0);
}
