// The import panel's messages (client/panel/shared/protocol.ts): what each side accepts.
import * as assert from 'node:assert/strict';
import {
  DEFAULT_DRAFT,
  hostMessageSchema,
  importSnapshotSchema,
  type PanelState,
  webviewMessageSchema,
  webviewStateSchema,
} from '../../client/panel/shared/protocol';
import { panelState } from './panelFixtures';

const snapshot = {
  uri: 'file:///w/students.csv',
  version: 3,
  linted: true,
  configPath: '/w/.classworks.json',
  config: { columns: { Building: 'School SIS ID' }, schoolMapping: { '123': '00123', X: null } },
  configErrors: [],
  hasHeaderRow: true,
  unidentified: false,
  columns: [
    { index: 0, heading: 'First Name', field: 'First Name', how: 'exact', automaticField: 'First Name', samples: ['Tracy'], masked: false },
    { index: 1, heading: 'Password', field: 'Password', how: 'exact', automaticField: 'Password', samples: [], masked: true },
  ],
  requiredMissing: ['Last Name'],
  duplicates: [],
  dataRows: 2,
  schoolValues: [{ value: '123', rows: 2, firstLine: 1 }],
  problems: [
    {
      index: 0,
      code: 'grade.invalid',
      severity: 'error',
      message: 'Grade "KG" is not a Classworks grade.',
      field: 'Grade',
      range: { start: { line: 2, character: 5 }, end: { line: 2, character: 7 } },
      fixTitle: 'Replace with K',
      suggestionTitles: [],
    },
  ],
  problemsTruncated: false,
  counts: { errors: 1, warnings: 0, infos: 0 },
};

function protocolState(): PanelState {
  return panelState(importSnapshotSchema.parse(snapshot), {
    district: { name: 'Sandbox District', schools: [{ sisId: '00123', name: 'Lincoln Elementary' }], groups: [{ id: 1, name: 'Readers', memberCount: 0 }] },
  });
}

describe('import panel messages', () => {
  describe('webview -> host', () => {
    it('accepts each kind of message the webview sends', () => {
      const messages = [
        { type: 'ready' },
        { type: 'draft', seq: 1, draft: { ...DEFAULT_DRAFT, description: 'First Street ES', customGroupId: 2 } },
        { type: 'setColumn', index: 3, field: 'District ID' },
        { type: 'setColumn', index: 3, field: null },
        { type: 'setHeaderRow', value: 'auto' },
        { type: 'setHeaderRow', value: false },
        { type: 'setSchool', value: '123', target: { kind: 'school', sisId: '00123' } },
        { type: 'setSchool', value: '', target: { kind: 'none' } },
        { type: 'setSchool', value: '123', target: { kind: 'auto' } },
        { type: 'acceptSchoolSuggestions' },
        { type: 'reveal', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } },
        { type: 'applyFix', version: 7, index: 0, title: 'Replace with K' },
        { type: 'fixAll' },
        { type: 'save' },
        { type: 'markFile' },
        { type: 'connect' },
        { type: 'startSandbox' },
        { type: 'disconnect' },
        { type: 'preview' },
        { type: 'submit' },
        { type: 'cancel', task: 'preview' },
        { type: 'loadHistory' },
        { type: 'openImport', number: '00012' },
        { type: 'downloadImport', number: '00012' },
        { type: 'cspViolation', directive: 'script-src', blocked: 'inline' },
      ];
      for (const message of messages) {
        const parsed = webviewMessageSchema.safeParse(message);
        assert.ok(parsed.success, `${JSON.stringify(message)}: ${parsed.success ? '' : parsed.error.message}`);
      }
    });

    it('refuses unknown types, missing or mistyped fields, and out-of-range values', () => {
      const bad = [
        null,
        'ready',
        {},
        { type: 'nope' },
        { type: 'setColumn', index: -1, field: 'Grade' },
        { type: 'setColumn', index: 1.5, field: 'Grade' },
        { type: 'setColumn', index: 1, field: 'Favourite Colour' },
        { type: 'setSchool', value: '1', target: { kind: 'school' } },
        { type: 'setSchool', value: '1', target: { kind: 'school', sisId: '' } },
        { type: 'applyFix', version: 1, index: 0, title: '' },
        { type: 'draft', seq: 0, draft: DEFAULT_DRAFT },
        { type: 'draft', seq: 1, draft: { ...DEFAULT_DRAFT, conflictResolution: 'newest-wins' } },
        { type: 'draft', seq: 1, draft: { ...DEFAULT_DRAFT, description: 'x'.repeat(201) } },
        { type: 'cancel', task: 'everything' },
        { type: 'openImport', number: '12' },
        { type: 'openImport', number: '../../etc/passwd' },
      ];
      for (const message of bad) assert.equal(webviewMessageSchema.safeParse(message).success, false, JSON.stringify(message));
    });

    it('has no message that carries a token or a password', () => {
      const text = JSON.stringify(webviewMessageSchema.options.map((o) => Object.keys(o.shape)));
      assert.doesNotMatch(text, /token|password|secret/i);
    });
  });

  describe('host -> webview', () => {
    it('accepts the full state and a step request', () => {
      assert.ok(hostMessageSchema.safeParse({ type: 'state', state: protocolState() }).success);
      assert.ok(hostMessageSchema.safeParse({ type: 'showStep', step: 'review' }).success);
    });

    it('refuses a state with a malformed snapshot or an unknown step', () => {
      const state = protocolState();
      const broken = { ...state, document: { ...state.document, snapshot: { ...snapshot, problems: [{ index: 0 }] } } };
      assert.equal(hostMessageSchema.safeParse({ type: 'state', state: broken }).success, false);
      assert.equal(hostMessageSchema.safeParse({ type: 'showStep', step: 'settings' }).success, false);
      assert.equal(hostMessageSchema.safeParse({ type: 'state' }).success, false);
    });

    it('keeps CSV text as it is: markup is only text to the schema (the webview renders it as text)', () => {
      const html = '<img src=x onerror=alert(1)>';
      const parsed = importSnapshotSchema.parse({ ...snapshot, schoolValues: [{ value: html, rows: 1, firstLine: 1 }] });
      assert.equal(parsed.schoolValues[0]?.value, html);
    });
  });

  it("the webview's saved state: step, draft, open import, filter, document", () => {
    assert.ok(webviewStateSchema.safeParse({ step: 'validate', draft: DEFAULT_DRAFT, openImport: null, problemFilter: 'error', documentUri: snapshot.uri }).success);
    assert.equal(webviewStateSchema.safeParse({ step: 'validate' }).success, false);
  });
});
