import * as assert from 'node:assert/strict';
import { SCHOOLS, assertMessage, file, find, lint, row, textAt, withCode } from './helpers';

const options = { config: SCHOOLS };

describe('rules duplicate.district-id, duplicate.username, duplicate.email', () => {
  it('passes a file where every user has their own ID, username and address', () => {
    assert.deepEqual(lint(file([row({}, 1), row({}, 2), row({}, 3)]), options), []);
  });

  const cases = [
    { code: 'duplicate.district-id', field: 'District ID', first: '10011', again: '10011', why: 'overwrite the other' },
    { code: 'duplicate.username', field: 'Username', first: 'alee1', again: 'ALEE1', why: 'Usernames must be unique' },
    { code: 'duplicate.email', field: 'Email Address', first: 'alee1@x.org', again: 'Alee1@X.org', why: 'Single sign-on needs one address per user' },
  ] as const;

  for (const c of cases) {
    it(`${c.code}: flags every later row (case-insensitive), pointing at the first, which is not flagged`, () => {
      const first = row({ [c.field]: c.first }, 1);
      const text = file([first, row({}, 2), row({ [c.field]: c.again }, 3), row({ [c.field]: c.first }, 4)], '\r\n');
      const problems = withCode(lint(text, options), c.code);
      assert.deepEqual(
        problems.map((p) => p.range.start.line),
        [3, 4],
      );
      const firstRange = find(text, 1, c.first);
      for (const p of problems) {
        assert.equal(p.severity, 'error');
        assert.equal(p.field, c.field);
        assertMessage(p, `${c.field} "`, 'already used on line 2', c.why);
        assert.deepEqual(p.related?.map((r) => r.range), [firstRange]);
        assertMessage({ ...p, message: p.related![0]!.message }, 'first used here (line 2)');
      }
      assert.deepEqual(problems[0]!.range, find(text, 3, c.again));
      assert.equal(textAt(text, problems[0]!.range), c.again);
      assert.deepEqual(problems[1]!.range, find(text, 4, c.first));
      // Only the duplicate rule fires: nothing else is wrong with these rows.
      assert.equal(lint(text, options).length, 2);
    });
  }

  it('ignores spaces around a District ID when comparing', () => {
    const text = file([row({ 'District ID': '5001' }, 1), row({ 'District ID': ' 5001 ' }, 2)]);
    const problems = withCode(lint(text, options), 'duplicate.district-id');
    assert.equal(problems.length, 1);
    assert.equal(textAt(text, problems[0]!.range), ' 5001 ');
  });

  it('leaves blank values to value.missing instead of calling them duplicates', () => {
    const text = file([row({ Username: '' }, 1), row({ Username: '' }, 2)]);
    const found = lint(text, options).map((p) => p.code);
    assert.deepEqual(found, ['value.missing', 'value.missing']);
  });

  it('reports one problem per repeated row for a value used three times', () => {
    const text = file([row({ 'District ID': '7' }, 1), row({ 'District ID': '7' }, 2), row({ 'District ID': '7' }, 3)]);
    const problems = withCode(lint(text, options), 'duplicate.district-id');
    assert.deepEqual(
      problems.map((p) => [p.range.start.line, p.related?.[0]?.range.start.line]),
      [
        [2, 1],
        [3, 1],
      ],
    );
  });
});
