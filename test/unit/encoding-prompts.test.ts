// What "Convert File to UTF-8 from…" and "Reopen with Encoding…" say about unsaved changes
// (client/commands/encodingPrompts.ts): a message short enough to read whole, the why and how
// in the modal dialog's detail.
import * as assert from 'node:assert/strict';
import { cannotConvertUnsaved, cannotReopenUnsaved, saveBeforeConverting } from '../../client/commands/encodingPrompts';

/** The message without the file's name: what must fit however long the name is. */
const wording = (message: string, name: string) => message.replace(name, '');
const SHORT = 80;

describe('encoding commands: unsaved changes', () => {
  const name = 'district-students-2026-fall.csv';

  it('Convert with unsaved text holding U+FFFD: a short refusal, the why and how in the detail', () => {
    const p = cannotConvertUnsaved(name);
    assert.ok(wording(p.message, name).length <= SHORT, `short message: ${p.message}`);
    assert.match(p.message, new RegExp(`${name.replace(/\./g, '\\.')} has unsaved changes, so it cannot be converted`));
    assert.match(p.detail, /U\+FFFD/);
    assert.match(p.detail, /revert the file \(File: Revert File\), convert it, then make your changes again/);
    assert.equal(p.action, undefined, 'nothing to go on with: only Cancel');
  });

  it('Convert with unsaved changes: a short question, Save and Convert, the editor encoding in the detail', () => {
    const p = saveBeforeConverting(name, 'windows1252');
    assert.ok(wording(p.message, name).length <= SHORT, `short message: ${p.message}`);
    assert.match(p.message, /save .* before converting it\?/);
    assert.equal(p.action, 'Save and Convert');
    assert.match(p.detail, /Converting reads the file on disk/);
    assert.match(p.detail, /\(windows1252\)/);
  });

  it('Reopen with unsaved changes: a short refusal, the why in the detail', () => {
    const p = cannotReopenUnsaved(name);
    assert.ok(wording(p.message, name).length <= SHORT, `short message: ${p.message}`);
    assert.match(p.detail, /Save or revert them first/);
  });
});
