// The import panel says when an import runs and whether the service would refuse a file that
// the editor's severity settings make look clean: the pure pieces (client/panel/shared).
import * as assert from 'node:assert/strict';
import { DEFAULT_DRAFT, type ImportSnapshot, type PanelState } from '../../client/panel/shared/protocol';
import { stepGates } from '../../client/panel/shared/readiness';
import { processingSentence, scheduleNote } from '../../client/panel/shared/schedule';
import { panelState } from './panelFixtures';

const UTC = { locale: 'en-GB', timeZone: 'UTC' };

describe('import panel: when an import runs', () => {
  const now = new Date('2026-12-04T09:00:00Z');

  it('a Scheduled import runs in the off-peak window at scheduledFor, in local time', () => {
    assert.equal(scheduleNote({ status: 'Scheduled', scheduledFor: '2026-12-04T22:00:00.000Z' }, now, UTC), 'runs in the off-peak window at 22:00');
    assert.equal(scheduleNote({ status: 'Scheduled', scheduledFor: '2026-12-04T22:00:00.000Z' }, now, { locale: 'en-GB', timeZone: 'America/New_York' }), 'runs in the off-peak window at 17:00');
  });

  it('names the day when the window opens on another day', () => {
    assert.equal(scheduleNote({ status: 'Scheduled', scheduledFor: '2026-12-05T22:00:00.000Z' }, now, UTC), 'runs in the off-peak window at 22:00 on Sat 5 Dec');
  });

  it('says nothing for an import that is no longer Scheduled, and has no time to give without scheduledFor', () => {
    for (const status of ['Processing', 'Completed', 'Completed with errors', 'Failed'] as const) {
      assert.equal(scheduleNote({ status, scheduledFor: null }, now, UTC), null);
    }
    assert.equal(scheduleNote({ status: 'Scheduled', scheduledFor: null }, now, UTC), 'waits for its turn in the queue');
    assert.match(scheduleNote({ status: 'Scheduled', scheduledFor: '2026-12-04T08:00:00.000Z' }, now, UTC) ?? '', /window is open/);
  });

  it("the Review step's sentence follows the service's processing mode, not an assumption about the sandbox", () => {
    assert.match(processingSentence({ processing: { mode: 'immediate', window: null } }), /processes an import at once/);
    const offPeak = processingSentence({ processing: { mode: 'off-peak', window: '22:00-05:00' } });
    assert.match(offPeak, /off-peak window \(22:00–05:00, the service's local time\): a submitted import waits as Scheduled/);
    assert.doesNotMatch(offPeak, /at once|sandbox/);
    assert.doesNotMatch(processingSentence({}), /at once|sandbox/, 'an older service that does not say: no claim');
    assert.doesNotMatch(processingSentence(null), /at once|sandbox/);
  });
});

describe('import panel: errors that a severity setting hides but the import refuses', () => {
  const snapshot = (over: Partial<ImportSnapshot>): ImportSnapshot => ({
    uri: 'file:///w/staff.csv',
    version: 3,
    linted: true,
    configPath: null,
    config: {},
    configErrors: [],
    hasHeaderRow: true,
    unidentified: false,
    columns: [],
    requiredMissing: [],
    duplicates: [],
    dataRows: 5,
    schoolValues: [],
    problems: [],
    problemsTruncated: false,
    counts: { errors: 0, warnings: 0, infos: 0 },
    ...over,
  });
  const state = (snap: ImportSnapshot): PanelState => panelState(snap, { district: { name: 'Sandbox District', schools: [], groups: [] } }, 'staff.csv');

  const range = { start: { line: 4, character: 6 }, end: { line: 4, character: 15 } };
  const hiddenErrors = {
    count: 1,
    problems: [{ code: 'name.invalid-character', message: 'Last Name "Jaime Jr." has the character ".".', field: 'Last Name' as const, range }],
    settings: [{ code: 'name.invalid-character', severity: 'off' as const, source: 'settings' as const }],
  };

  it('Validate is blocked, saying the setting hides them and the import checks every rule', () => {
    const gates = stepGates(state(snapshot({ hiddenErrors })), DEFAULT_DRAFT);
    assert.equal(gates.validate.ok, false);
    assert.equal(
      gates.validate.reason,
      'Resolve the 1 error that your severity settings hide in the editor: the import checks every rule at its default severity and refuses the file.',
    );
    assert.equal(gates.review.ok, false, 'and so is Submit');
  });

  it('without hidden errors, a file with no problems passes Validate', () => {
    assert.equal(stepGates(state(snapshot({})), DEFAULT_DRAFT).validate.ok, true);
  });

  it('visible errors are named first', () => {
    const gates = stepGates(state(snapshot({ hiddenErrors, counts: { errors: 2, warnings: 0, infos: 0 } })), DEFAULT_DRAFT);
    assert.match(gates.validate.reason ?? '', /^Resolve the 2 errors first/);
  });
});
