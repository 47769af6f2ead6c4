// The import panel's pure logic: .classworks.json edits, the request it sends, the step gates,
// the school choices, failure messages, idempotent submission, the import watch, and which
// columns may hold passwords.
import * as assert from 'node:assert/strict';
import { ImportServiceError, type SubmitResult } from '../../core/importApi/client';
import type { ImportDetails, ImportSummary } from '../../core/importApi/imports';
import { applyConfigChanges, columnChanges, ConfigTextError } from '../../client/panel/configEdits';
import { describeFailure, isCancellation } from '../../client/panel/failures';
import { buildImportRequest, csvFileName, requestKey } from '../../client/panel/importRequest';
import { ImportWatcher } from '../../client/panel/importWatcher';
import { DEFAULT_DRAFT, type ImportSnapshot, type PanelState } from '../../client/panel/shared/protocol';
import { completedSteps, firstOpenStep, stepGates } from '../../client/panel/shared/readiness';
import { withImport } from '../../client/panel/historyList';
import { schoolRows, usersWithoutSchool } from '../../client/panel/shared/schoolChoices';
import { type PendingStore, type PendingSubmission, submitIdempotently } from '../../client/panel/submission';
import { looksLikePassword, mayHoldPasswords } from '../../server/importSnapshot';
import { panelState } from './panelFixtures';

function snapshot(over: Partial<ImportSnapshot> = {}): ImportSnapshot {
  return {
    uri: 'file:///w/students.csv',
    version: 4,
    linted: true,
    configPath: '/w/.classworks.json',
    config: {},
    configErrors: [],
    hasHeaderRow: true,
    unidentified: false,
    columns: [
      { index: 0, heading: 'Student Number', field: 'District ID', how: 'alias', automaticField: 'District ID', samples: ['13035'], masked: false },
      { index: 1, heading: 'Building', field: 'School SIS ID', how: 'alias', automaticField: 'School SIS ID', samples: ['123'], masked: false },
      { index: 2, heading: 'Notes', field: null, how: null, automaticField: null, samples: ['x'], masked: false },
    ],
    requiredMissing: [],
    duplicates: [],
    dataRows: 3,
    schoolValues: [
      { value: '123', rows: 2, firstLine: 1 },
      { value: 'HS01', rows: 1, firstLine: 3 },
    ],
    problems: [],
    problemsTruncated: false,
    counts: { errors: 0, warnings: 0, infos: 0 },
    ...over,
  };
}

function state(over: Partial<PanelState> = {}, snap: ImportSnapshot | null = snapshot()): PanelState {
  return panelState(snap, over);
}

describe('import panel: .classworks.json edits', () => {
  const config = '{\r\n    "schools": [\r\n        { "sisId": "00123", "name": "Lincoln Elementary" }\r\n    ],\r\n    "rules": { "password.shared": "off" }\r\n}\r\n';

  it('adds a column mapping and keeps every other key, the indentation and the line endings', () => {
    const text = applyConfigChanges(config, [{ kind: 'column', heading: 'orgId', field: 'School SIS ID', automaticField: null }]);
    const parsed = JSON.parse(text);
    assert.deepEqual(Object.keys(parsed), ['schools', 'rules', 'columns']);
    assert.deepEqual(parsed.columns, { orgId: 'School SIS ID' });
    assert.equal(parsed.rules['password.shared'], 'off');
    assert.match(text, /^\{\r\n {4}"schools"/);
    assert.ok(!/[^\r]\n/.test(text), 'CRLF throughout');
  });

  it('writes no entry for the automatic match, and removes one set back to it (the key goes when empty)', () => {
    const mapped = applyConfigChanges(config, [{ kind: 'column', heading: 'Building', field: 'District ID', automaticField: 'School SIS ID' }]);
    assert.equal(JSON.parse(mapped).columns.Building, 'District ID');
    const back = applyConfigChanges(mapped, [{ kind: 'column', heading: 'Building', field: 'School SIS ID', automaticField: 'School SIS ID' }]);
    assert.equal(JSON.parse(back).columns, undefined);
  });

  it('ignores a column with null, and maps headerless files by position', () => {
    const ignored = applyConfigChanges(undefined, [{ kind: 'column', heading: 'Role', field: null, automaticField: 'User Type' }]);
    assert.deepEqual(JSON.parse(ignored), { columns: { Role: null } });
    const ordered = applyConfigChanges('{}', [{ kind: 'columnOrder', order: ['First Name', null, 'Last Name'] }, { kind: 'hasHeaderRow', value: false }]);
    assert.deepEqual(JSON.parse(ordered), { columnOrder: ['First Name', null, 'Last Name'], hasHeaderRow: false });
    assert.deepEqual(JSON.parse(applyConfigChanges(ordered, [{ kind: 'hasHeaderRow', value: 'auto' }])), { columnOrder: ['First Name', null, 'Last Name'] });
  });

  it('saves the school mapping: a school, no school (null), or back to automatic', () => {
    let text = applyConfigChanges(config, [
      { kind: 'school', value: '123', target: { kind: 'school', sisId: '00123' } },
      { kind: 'school', value: '00310', target: { kind: 'none' } },
    ]);
    assert.deepEqual(JSON.parse(text).schoolMapping, { '123': '00123', '00310': null });
    text = applyConfigChanges(text, [{ kind: 'school', value: '123', target: { kind: 'auto' } }, { kind: 'school', value: '00310', target: { kind: 'auto' } }]);
    assert.equal(JSON.parse(text).schoolMapping, undefined);
  });

  it('refuses to rewrite a file that is not a JSON object, with what to do', () => {
    assert.throws(() => applyConfigChanges('{ "schools": [', []), (e) => e instanceof ConfigTextError && /not valid JSON.*fix it/.test(e.message));
    assert.throws(() => applyConfigChanges('[1]', []), ConfigTextError);
  });

  it('gives a field to one column: the column that had it is ignored (by heading, or by position)', () => {
    const s = snapshot();
    assert.deepEqual(columnChanges(s.columns, true, 2, 'District ID'), [
      { kind: 'column', heading: 'Notes', field: 'District ID', automaticField: null },
      { kind: 'column', heading: 'Student Number', field: null, automaticField: 'District ID' },
    ]);
    assert.deepEqual(columnChanges(s.columns, false, 2, 'School SIS ID'), [{ kind: 'columnOrder', order: ['District ID', null, 'School SIS ID'] }]);
    assert.deepEqual(columnChanges(s.columns, true, 9, 'Grade'), []);
  });

  it('gives the field back to its automatic column when the column that took it is mapped to another (a new-user trial: orgId to Email Address, then to School SIS ID, left email ignored)', () => {
    const columns = [
      { index: 0, heading: 'email', field: null, how: 'config', automaticField: 'Email Address', samples: [], masked: false },
      { index: 1, heading: 'orgId', field: 'Email Address', how: 'config', automaticField: null, samples: [], masked: false },
      { index: 2, heading: 'school', field: 'School SIS ID', how: 'alias', automaticField: 'School SIS ID', samples: [], masked: false },
    ] as ImportSnapshot['columns'];
    const changes = columnChanges(columns, true, 1, 'School SIS ID');
    assert.deepEqual(changes, [
      { kind: 'column', heading: 'orgId', field: 'School SIS ID', automaticField: null },
      { kind: 'column', heading: 'school', field: null, automaticField: 'School SIS ID' },
      { kind: 'column', heading: 'email', field: 'Email Address', automaticField: 'Email Address' },
    ]);
    const config = applyConfigChanges('{ "columns": { "email": null, "orgId": "Email Address" } }', changes);
    assert.deepEqual(JSON.parse(config).columns, { orgId: 'School SIS ID', school: null }, 'email is matched automatically again');
    // Not when another column still holds the field, nor when the column keeps it.
    assert.deepEqual(columnChanges([...columns, { ...columns[0]!, index: 3, heading: 'mail2', field: 'Email Address', how: 'config', automaticField: null }], true, 1, 'Grade').length, 1);
    assert.deepEqual(columnChanges(columns, true, 1, 'Email Address'), [{ kind: 'column', heading: 'orgId', field: 'Email Address', automaticField: null }]);
  });
});

describe('import panel: the request', () => {
  it('sends only the mapping of headings this file has, and the school mapping of its values', () => {
    const s = snapshot({
      config: {
        columns: { Building: 'School SIS ID', orgId: 'School SIS ID', ' Notes ': null },
        columnOrder: ['First Name'],
        schoolMapping: { '123': '00123', '999': null },
        schools: [{ sisId: '00123', name: 'Lincoln Elementary' }],
      },
    });
    const request = buildImportRequest({ text: 'csv text', fileName: 'students.csv', snapshot: s, draft: { ...DEFAULT_DRAFT, description: '  First Street  ', customGroupId: 1, emailStaff: true } });
    assert.deepEqual(request.mapping, { columns: { Building: 'School SIS ID', ' Notes ': null } });
    assert.deepEqual(request.schoolMapping, { '123': '00123' });
    assert.equal(request.description, 'First Street');
    assert.equal(request.type, 'User Data');
    assert.equal(request.csv, 'csv text');
    assert.deepEqual(request.options, { conflictResolution: 'existing-wins', existingPasswords: 'maintain', customGroupId: 1, emailStaff: true });
  });

  it('sends the column order for a file without a header row', () => {
    const s = snapshot({ hasHeaderRow: false, config: { columnOrder: ['District ID', 'School SIS ID', null], columns: { Building: 'Grade' } } });
    assert.deepEqual(buildImportRequest({ text: 'x', fileName: 'f.csv', snapshot: s, draft: DEFAULT_DRAFT }).mapping, { columnOrder: ['District ID', 'School SIS ID', null] });
  });

  it('names the file .csv for the service', () => {
    assert.equal(csvFileName('students.csv'), 'students.csv');
    assert.equal(csvFileName('export.txt'), 'export.csv');
    assert.equal(csvFileName('Untitled-1'), 'Untitled-1.csv');
  });

  it('is the same request while the version and choices are (the text stands behind the version)', () => {
    const a = buildImportRequest({ text: 'one', fileName: 'f.csv', snapshot: snapshot(), draft: DEFAULT_DRAFT });
    const b = buildImportRequest({ text: 'two', fileName: 'f.csv', snapshot: snapshot(), draft: DEFAULT_DRAFT });
    const c = buildImportRequest({ text: 'one', fileName: 'f.csv', snapshot: snapshot(), draft: { ...DEFAULT_DRAFT, emailStaff: true } });
    assert.equal(requestKey(a, 4), requestKey(b, 4));
    assert.notEqual(requestKey(a, 4), requestKey(a, 5));
    assert.notEqual(requestKey(a, 4), requestKey(c, 4));
  });
});

describe('import panel: step gates', () => {
  it('opens each step in turn', () => {
    const noDistrict = stepGates(state({ connection: { status: 'disconnected', kind: null, url: null, account: null, message: null }, district: null }), DEFAULT_DRAFT);
    assert.match(noDistrict.upload.reason ?? '', /start the local sandbox district/);
    assert.equal(firstOpenStep(noDistrict), 'upload');

    const unmapped = stepGates(state({}, snapshot({ requiredMissing: ['Birthdate', 'Grade'] })), DEFAULT_DRAFT);
    assert.equal(unmapped.upload.ok, true);
    assert.match(unmapped.map.reason ?? '', /not mapped: Birthdate, Grade/);

    const errors = stepGates(state({}, snapshot({ counts: { errors: 2, warnings: 1, infos: 0 } })), DEFAULT_DRAFT);
    assert.match(errors.validate.reason ?? '', /Resolve the 2 errors/);
    const cautions = snapshot({ counts: { errors: 0, warnings: 1, infos: 0 } });
    assert.match(stepGates(state({}, cautions), DEFAULT_DRAFT).validate.reason ?? '', /accept it/);
    assert.equal(stepGates(state({}, cautions), { ...DEFAULT_DRAFT, acceptCautions: true }).validate.ok, true);

    const noPreview = stepGates(state(), DEFAULT_DRAFT);
    assert.match(noPreview.actions.reason ?? '', /Preview the import/);
    assert.equal(firstOpenStep(noPreview), 'actions');
    assert.equal(noPreview.review.ok, false);
  });

  it('says to save the file when unsaved edits are all that block Validate: what, why and how', () => {
    const dirty = (snap: ImportSnapshot): PanelState => {
      const st = state({}, snap);
      return { ...st, document: st.document && { ...st.document, dirty: true } };
    };
    const clean = dirty(snapshot());
    const gate = stepGates(clean, DEFAULT_DRAFT).validate;
    assert.equal(gate.ok, false, 'Next waits for the save: the preview and the import read the file on disk');
    assert.equal(gate.saveToGoOn, true, 'the view offers its Save button beside Next');
    assert.match(gate.reason ?? '', /^Save students\.csv to go on/);
    assert.match(gate.reason ?? '', /the import reads the file as saved on disk/);
    assert.match(gate.reason ?? '', /Ctrl\+S/);
    assert.equal(firstOpenStep(stepGates(clean, DEFAULT_DRAFT)), 'validate');
    // Unaccepted warnings or errors are said first: saving alone would not open the step.
    const warned = stepGates(dirty(snapshot({ counts: { errors: 0, warnings: 1, infos: 0 } })), DEFAULT_DRAFT).validate;
    assert.match(warned.reason ?? '', /accept it/);
    assert.ok(!warned.saveToGoOn);
    const accepted = stepGates(dirty(snapshot({ counts: { errors: 0, warnings: 1, infos: 0 } })), { ...DEFAULT_DRAFT, acceptCautions: true }).validate;
    assert.equal(accepted.saveToGoOn, true);
    assert.ok(!stepGates(dirty(snapshot({ counts: { errors: 1, warnings: 0, infos: 0 } })), DEFAULT_DRAFT).validate.saveToGoOn);
    // Saved: nothing blocks.
    assert.deepEqual(stepGates(state(), DEFAULT_DRAFT).validate, { ok: true, reason: null });
  });

  it('wants a current, submittable preview before Submit', () => {
    const result = { submittable: true } as NonNullable<PanelState['preview']>['result'];
    assert.equal(stepGates(state({ preview: { result, current: true, version: 4 } }), DEFAULT_DRAFT).review.ok, true);
    assert.match(stepGates(state({ preview: { result, current: false, version: 3 } }), DEFAULT_DRAFT).review.reason ?? '', /changed since the preview/);
    const refused = { submittable: false } as typeof result;
    assert.match(stepGates(state({ preview: { result: refused, current: true, version: 4 } }), DEFAULT_DRAFT).review.reason ?? '', /errors that block/);
    assert.match(stepGates(state({ preview: { result, current: true, version: 4 } }), { ...DEFAULT_DRAFT, customGroupId: 99 }).review.reason ?? '', /custom group no longer exists/);
  });
});

describe('import panel: school choices', () => {
  const schools = [
    { sisId: '00123', name: 'Lincoln Elementary' },
    { sisId: '00231', name: 'Spring Middle School' },
    { sisId: 'HS01', name: 'Ridgeview High School' },
  ];

  it('resolves each value and puts the likely schools first', () => {
    const rows = schoolRows(
      [
        { value: '123', rows: 5, firstLine: 1 },
        { value: 'HS01', rows: 2, firstLine: 2 },
        { value: 'Spring', rows: 1, firstLine: 3 },
        { value: '00999', rows: 4, firstLine: 4 },
      ],
      schools,
      { '00999': null },
    );
    const [lost, exact, byName, none] = rows;
    assert.equal(lost?.resolved.sisId, null);
    assert.equal(lost?.suggestion?.sisId, '00123', 'lost leading zeros');
    assert.deepEqual(lost?.choices[0], { sisId: '00123', name: 'Lincoln Elementary', suggested: true });
    assert.equal(exact?.resolved.how, 'exact');
    assert.equal(exact?.suggestion, null);
    assert.equal(byName?.suggestion?.sisId, '00231', 'a name the value resembles');
    assert.deepEqual(none?.target, { kind: 'none' });
    assert.equal(none?.suggestion, null, 'mapped to no school on purpose: no suggestion');
    assert.equal(usersWithoutSchool(rows), 5 + 1 + 4);
    assert.equal(rows.every((r) => r.choices.length === schools.length), true, 'every school is offered');
  });

  it('follows the saved mapping', () => {
    const [row] = schoolRows([{ value: '123', rows: 5, firstLine: 1 }], schools, { '123': '00123' });
    assert.deepEqual(row?.target, { kind: 'school', sisId: '00123' });
    assert.equal(row?.resolved.how, 'mapped');
    assert.equal(usersWithoutSchool(row ? [row] : []), 0);
  });
});

describe('import panel: failures', () => {
  const context = { what: 'The preview', kind: 'sandbox' as const };

  it('says what failed and what to do, and whether a retry makes sense', () => {
    const network = describeFailure(new ImportServiceError('Could not reach the import service at http://127.0.0.1:4000/api/v1: fetch failed.', 0, 'network'), context);
    assert.match(network.message, /^The preview failed: Could not reach/);
    assert.match(network.hint, /Start Local Sandbox District.*Your choices are kept/);
    assert.equal(network.retryable, true);

    const unauthorized = describeFailure(new ImportServiceError('The token is not valid.', 401, 'auth.invalid-token'), context);
    assert.match(unauthorized.hint, /Connect to District/);
    assert.equal(unauthorized.retryable, false);

    const problems = [{ code: 'name.invalid-character', severity: 'error' as const, message: 'x', line: 2, column: 1, endLine: 2, endColumn: 3, field: 'First Name' as const }];
    const invalid = describeFailure(
      new ImportServiceError('The file has 1 error.', 422, 'file.invalid', { error: { status: 422, code: 'file.invalid', message: 'The file has 1 error.', problems } }),
      context,
    );
    assert.deepEqual(invalid.problems, problems);
    assert.match(invalid.hint, /Fix the problems listed/);

    assert.match(describeFailure(new ImportServiceError('No group 9.', 400, 'group.unknown'), context).hint, /another custom group/);
    assert.match(describeFailure(new ImportServiceError('Column x.', 400, 'mapping.unknown-column'), context).hint, /Map Fields/);
    assert.equal(describeFailure(new ImportServiceError('boom', 503, 'internal'), context).retryable, true);
  });

  it('tells a cancellation from a failure', () => {
    assert.equal(isCancellation(Object.assign(new Error('aborted'), { name: 'AbortError' })), true);
    assert.equal(isCancellation(new Error('nope')), false);
    assert.equal(isCancellation(Object.assign(new Error('late'), { name: 'TimeoutError' })), false);
  });
});

describe('import panel: idempotent submission', () => {
  const request = { fileName: 'students.csv', csv: 'a,b\n' };
  const summary = { number: '00001', status: 'Scheduled' } as ImportSummary;

  function memoryStore(): PendingStore & { map: Map<string, PendingSubmission> } {
    const map = new Map<string, PendingSubmission>();
    return {
      map,
      get: (k) => map.get(k),
      set: async (k, v) => void map.set(k, v),
      delete: async (k) => void map.delete(k),
    };
  }

  /** A service that makes one import per key, like the real one, and can drop its answer. */
  function service() {
    const imports = new Map<string, ImportSummary>();
    const keys: string[] = [];
    let dropNext = false;
    return {
      imports,
      keys,
      dropNextAnswer: () => (dropNext = true),
      async submit(_r: unknown, key: string): Promise<SubmitResult> {
        keys.push(key);
        const replayed = imports.has(key);
        if (!replayed) imports.set(key, { ...summary, number: String(imports.size + 1).padStart(5, '0') });
        if (dropNext) {
          dropNext = false;
          throw new ImportServiceError('Could not reach the import service: socket hang up.', 0, 'network');
        }
        return { import: imports.get(key) as ImportSummary, replayed };
      },
    };
  }

  it('reuses the key after a dropped connection, so the retry returns the same import', async () => {
    const store = memoryStore();
    const client = service();
    let n = 0;
    const attempt = { client, store, documentKey: 'doc', request, fingerprint: 'f1', newKey: () => `key-${++n}` };
    client.dropNextAnswer();
    await assert.rejects(submitIdempotently(attempt), (e) => e instanceof ImportServiceError && e.status === 0);
    assert.equal(client.imports.size, 1, 'the service made the import; the answer was lost');
    assert.equal(store.map.get('doc')?.key, 'key-1', 'the key is kept for the retry');
    const retry = await submitIdempotently(attempt);
    assert.equal(retry.import.number, '00001');
    assert.equal(retry.replayed, true);
    assert.equal(retry.reusedKey, true);
    assert.deepEqual(client.keys, ['key-1', 'key-1']);
    assert.equal(client.imports.size, 1, 'no second import');
    assert.equal(store.map.has('doc'), false, 'done: the next submission gets a new key');
  });

  it('makes a new key for a changed request, and forgets a key the service refused outright', async () => {
    const store = memoryStore();
    await store.set('doc', { key: 'old', fingerprint: 'f1', createdAt: '' });
    const refusing = {
      async submit(): Promise<SubmitResult> {
        throw new ImportServiceError('The file has errors.', 422, 'file.invalid');
      },
    };
    await assert.rejects(submitIdempotently({ client: refusing, store, documentKey: 'doc', request, fingerprint: 'f2', newKey: () => 'new' }));
    assert.equal(store.map.has('doc'), false);
    const client = service();
    const made = await submitIdempotently({ client, store, documentKey: 'doc', request, fingerprint: 'f2', newKey: () => 'fresh' });
    assert.equal(made.key, 'fresh');
    assert.equal(made.reusedKey, false);
  });
});

describe('import panel: watching imports', () => {
  it('reports each status change and the final one once, through service errors', async () => {
    const statuses: ImportSummary['status'][] = ['Scheduled', 'Processing', 'Processing', 'Completed'];
    let calls = 0;
    const client = {
      async getImport(number: string): Promise<ImportDetails> {
        calls++;
        if (calls === 2) throw new ImportServiceError('restarting', 0, 'network');
        const status = statuses.shift() ?? 'Completed';
        return { number, status, options: {}, mapping: {}, schoolMapping: {}, customGroup: null, problems: [], attempts: 1 } as unknown as ImportDetails;
      },
    };
    const updates: string[] = [];
    const errors: string[] = [];
    const final = new Promise<ImportSummary>((resolve) => {
      const watcher = new ImportWatcher({
        client: () => client,
        intervalMs: 1,
        maxIntervalMs: 5,
        onUpdate: (s) => updates.push(s.status),
        onFinal: (s) => {
          watcher.dispose();
          resolve(s);
        },
        onError: (n) => errors.push(n),
      });
      watcher.watch('00007');
      watcher.watch('00007');
    });
    const done = await final;
    assert.equal(done.status, 'Completed');
    assert.equal('options' in done, false, 'a summary, not the details');
    assert.deepEqual(updates, ['Scheduled', 'Processing', 'Completed']);
    assert.deepEqual(errors, ['00007']);
  });

  it('does not watch an import that is already final', () => {
    const watcher = new ImportWatcher({ client: () => undefined, onUpdate: () => {}, onFinal: () => {} });
    watcher.watch('00001', { status: 'Completed' } as ImportSummary);
    assert.deepEqual(watcher.numbers(), []);
    watcher.dispose();
  });
});

describe('import snapshot: columns that may hold passwords send no values', () => {
  it('by heading', () => {
    for (const h of ['password', 'Initial Pass', 'PWD', 'secret', 'PIN']) assert.equal(mayHoldPasswords(h, []), true, h);
    for (const h of ['First Name', 'Spinner', 'School']) assert.equal(mayHoldPasswords(h, ['x']), false, h);
  });

  it('by value: a letter, a digit and a symbol, but not an e-mail address or an identifier', () => {
    for (const v of ['Eagle$285', 'P@ssw0rd', 'Owl#42']) assert.equal(looksLikePassword(v), true, v);
    for (const v of ['13035', 'Tracy', '9/20/2021', 'tbaxley@lincoln.perficientads.com', 'cda272c0-bf6c-4e72-8b13-5f1f3be72339', 'Ye9n-2BPj-JfZf', 'Jaime Jr.', 'Falcon2024']) {
      assert.equal(looksLikePassword(v), false, v);
    }
  });

  it('without a heading, any value joining letters and digits (a weak password has no symbol)', () => {
    assert.equal(mayHoldPasswords(null, ['Falcon2024']), true);
    assert.equal(mayHoldPasswords('Username', ['Falcon2024']), false);
    assert.equal(mayHoldPasswords(null, ['Tracy', '13035', '9/20/2021', 'a@b.org', 'HS01']), false);
  });
});

describe('import panel: the step list ticks only visited, valid steps', () => {
  it('ticks no step the user has not visited, though nothing blocks it', () => {
    const st = state();
    const gates = stepGates(st, { ...DEFAULT_DRAFT });
    assert.ok(gates.map.ok && gates.schools.ok);
    assert.deepEqual([...completedSteps(st, gates, ['upload'])], ['upload']);
  });

  it('ticks School Mapping only when no value is left unmapped (a choice of "No school" counts as mapped)', () => {
    const unmapped = state(); // "123" leads to no school
    const gates = stepGates(unmapped, { ...DEFAULT_DRAFT });
    assert.deepEqual([...completedSteps(unmapped, gates, ['upload', 'map', 'schools'])], ['upload', 'map']);
    for (const schoolMapping of [{ '123': '00123' }, { '123': null }]) {
      const mapped = state({}, snapshot({ config: { schoolMapping } }));
      assert.deepEqual([...completedSteps(mapped, stepGates(mapped, { ...DEFAULT_DRAFT }), ['upload', 'map', 'schools'])], ['upload', 'map', 'schools']);
    }
  });

  it('ticks nothing from the first blocked step on, visited or not', () => {
    const st = state({}, snapshot({ counts: { errors: 2, warnings: 0, infos: 0 }, config: { schoolMapping: { '123': '00123' } } }));
    const gates = stepGates(st, { ...DEFAULT_DRAFT });
    assert.deepEqual([...completedSteps(st, gates, ['upload', 'map', 'schools', 'validate', 'actions'])], ['upload', 'map', 'schools']);
  });
});

describe('import panel: the history list', () => {
  const summary = (number: string, status: string) => ({ number, status }) as unknown as ImportSummary;
  const list = { imports: [summary('00001', 'Completed')], total: 1, loadedAt: '2026-12-04T07:41:24.000Z' };

  it('a new submission goes first and moves "updated" to now', () => {
    const now = new Date('2026-12-04T07:43:23.000Z');
    const next = withImport(list, summary('00002', 'Scheduled'), now, true);
    assert.deepEqual(next.imports.map((i) => i.number), ['00002', '00001']);
    assert.equal(next.total, 2);
    assert.equal(next.loadedAt, now.toISOString());
  });

  it('a watched import\'s new status replaces it and moves "updated" to now; an import not listed changes nothing', () => {
    const now = new Date('2026-12-04T07:46:02.000Z');
    const next = withImport(list, summary('00001', 'Failed'), now, false);
    assert.equal(next.imports[0]?.status, 'Failed');
    assert.equal(next.loadedAt, now.toISOString());
    assert.equal(withImport(list, summary('00009', 'Completed'), now, false), list);
  });
});
