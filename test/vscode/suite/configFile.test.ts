// .classworks.json is checked against the contributed JSON Schema (schemas/classworks.schema.json)
// by VS Code's own JSON language features, as it is typed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, extensionApi, openInEditor, revertAndClose, waitFor, workspaceUri } from './helpers';

describe('.classworks.json', () => {
  const configFile = workspaceUri('.classworks.json');

  before(async () => {
    await extensionApi();
  });

  after(async () => {
    await revertAndClose(configFile);
  });

  it('is validated against the contributed schema while it is edited', async () => {
    const editor = await openInEditor(configFile);
    assert.equal(editor.document.languageId, 'json');
    const whole = editor.document.validateRange(new vscode.Range(0, 0, editor.document.lineCount, 0));
    assert.ok(await editor.edit((edit) => edit.replace(whole, '{\n  "schools": [{ "sisId": 123 }],\n  "hasHeaderRow": "sometimes"\n}\n')));
    const schemaProblems = () => vscode.languages.getDiagnostics(configFile).filter((d) => d.source !== DIAGNOSTIC_SOURCE);
    const problems = await waitFor(
      vscode.languages.onDidChangeDiagnostics,
      () => (schemaProblems().length >= 3 ? schemaProblems() : undefined),
      `JSON schema problems in .classworks.json (now: ${JSON.stringify(schemaProblems().map((d) => d.message))})`,
    );
    const lines = new Set(problems.map((d) => d.range.start.line));
    assert.ok(lines.has(1), 'the school without a name and with a numeric sisId is flagged');
    assert.ok(lines.has(2), 'hasHeaderRow "sometimes" is flagged');
  });
});
