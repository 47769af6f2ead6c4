import * as assert from 'node:assert/strict';
import { EnrollmentDocument } from '../../core';
import type { Row } from '../../core/csv/csvTypes';
import fc from 'fast-check';
import { KeyIndex, keyHash, trimmedLowercaseKeyHash } from '../../core/model/keyIndex';
import { duplicateUsername } from '../../core/rules/duplicates';
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

describe('the cross-row indexes keep keys by hash', () => {
  // 724109 and 801206 (and user449599 and user612382) have the same 30-bit hash (keyHash).
  it('the two key pairs used below do collide', () => {
    assert.equal(keyHash('724109'), keyHash('801206'));
    assert.equal(keyHash('user449599'), keyHash('user612382'));
    assert.notEqual(keyHash('724109'), keyHash('724110'));
  });

  it('rows whose different keys share a hash are no duplicates; real duplicates among them still are, pointing at their own first row', () => {
    const text = file([
      row({ 'District ID': '724109', Username: 'user449599' }, 1),
      row({ 'District ID': '801206', Username: 'user612382' }, 2),
      row({}, 3),
      row({ 'District ID': '801206' }, 4),
      row({ Username: 'USER449599' }, 5),
    ]);
    const problems = lint(text, options).filter((p) => p.code.startsWith('duplicate.'));
    assert.deepEqual(
      problems.map((p) => `${p.code} line ${p.range.start.line + 1}: ${p.message.split('. ')[0]}`),
      ['duplicate.district-id line 5: District ID "801206" is already used on line 3', 'duplicate.username line 6: Username "USER449599" is already used on line 2'],
    );
  });

  it('after edits that make and unmake a colliding key, the document agrees with a fresh one', () => {
    const text = file([row({ 'District ID': '724109' }, 1), row({}, 2), row({}, 3)]);
    const doc = new EnrollmentDocument(text, options);
    const at = doc.getText().indexOf('10012');
    doc.applyEdit(at, at + 5, '801206');
    assert.deepEqual(doc.getProblems(), []);
    const again = doc.getText().indexOf('10013');
    doc.applyEdit(again, again + 5, '801206');
    const problems = doc.getProblems();
    assert.deepEqual(problems.map((p) => `${p.code} ${p.range.start.line}`), ['duplicate.district-id 3']);
    assert.deepEqual(problems, new EnrollmentDocument(doc.getText(), options).getProblems());
    doc.applyEdit(doc.getText().indexOf('801206'), doc.getText().indexOf('801206') + 6, '10012');
    assert.deepEqual(doc.getProblems(), []);
  });
});

describe('KeyIndex', () => {
  it('after 20,000 random adds and removes of 400 rows under 250 keys (the table grows, freed slots are reused), holds the same rows as a plain map', () => {
    const rowsById: Row[] = [];
    for (let i = 0; i < 400; i++) rowsById.push({ start: i, value: () => `key${i < 200 ? i % 50 : i}` } as unknown as Row);
    const keyOf = (row: Row) => row.value(0) as string;
    const index = new KeyIndex(keyOf);
    const expected = new Map<string, Set<Row>>();
    let seed = 7;
    const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const held = new Set<Row>();
    // The shared groups are kept between calls: read them as edits come, so a stale answer shows.
    const sharedKeys = () => index.sharedGroups().map((g) => keyOf(g[0] as Row)).sort();
    const expectedShared = () => [...expected].filter(([, rows]) => rows.size > 1).map(([key]) => key).sort();
    for (let step = 0; step < 20_000; step++) {
      if (step % 97 === 0) assert.deepEqual(sharedKeys(), expectedShared(), `shared keys at step ${step}`);
      const row = rowsById[next(rowsById.length)] as Row;
      const key = keyOf(row);
      if (held.has(row)) {
        index.remove(keyHash(key), row);
        held.delete(row);
        expected.get(key)?.delete(row);
      } else {
        index.add(keyHash(key), row);
        held.add(row);
        if (!expected.has(key)) expected.set(key, new Set());
        expected.get(key)?.add(row);
      }
    }
    for (const [key, rows] of expected) assert.deepEqual(index.rows(key), [...rows].sort((a, b) => a.start - b.start), key);
    const groups = sharedKeys();
    assert.deepEqual(groups, expectedShared());
    assert.ok(groups.length > 10, `${groups.length} shared keys`);
  });
});

describe('KeyIndex, many adds at once (put into the table together at the next read)', () => {
  /** What one-by-one adds give: the groups in the order their hash got its second row, keys in first-seen order. */
  function expectedGroups(adds: [number, Row][], keyOf: (row: Row) => string): string[][] {
    const seen = new Map<number, Row[]>();
    const order: number[] = [];
    for (const [hash, row] of adds) {
      const rows = seen.get(hash) ?? [];
      rows.push(row);
      seen.set(hash, rows);
      if (rows.length === 2) order.push(hash);
    }
    const groups: string[][] = [];
    for (const hash of order) {
      const byKey = new Map<string, Row[]>();
      for (const row of seen.get(hash) as Row[]) byKey.set(keyOf(row), [...(byKey.get(keyOf(row)) ?? []), row]);
      for (const g of byKey.values()) if (g.length > 1) groups.push(g.sort((a, b) => a.start - b.start).map((r) => `${keyOf(r)}@${r.start}`));
    }
    return groups;
  }

  it('5,000 adds with shared and colliding keys give the same rows and groups, in the same order, as adds read one by one', () => {
    let seed = 11;
    const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const pool = ['724109', '801206', 'user449599', 'user612382'];
    const rows: Row[] = [];
    for (let i = 0; i < 5000; i++) {
      const key = i % 7 === 0 ? (pool[next(pool.length)] as string) : i % 5 === 0 ? `k${next(300)}` : `u${i}`;
      rows.push({ start: 5000 - i, value: () => key } as unknown as Row);
    }
    const keyOf = (row: Row) => row.value(0) as string;
    const adds = rows.map((row) => [keyHash(keyOf(row)), row] as [number, Row]);
    for (const expected of [0, 10_000]) {
      const index = new KeyIndex(keyOf, expected);
      for (const [hash, row] of adds) index.add(hash, row);
      const groups = index.sharedGroups().map((g) => g.map((r) => `${keyOf(r)}@${r.start}`));
      assert.deepEqual(groups, expectedGroups(adds, keyOf));
      assert.ok(groups.length > 100, `${groups.length} groups`);
      assert.deepEqual(index.rows('724109'), rows.filter((r) => keyOf(r) === '724109').sort((a, b) => a.start - b.start));
      assert.deepEqual(index.rows('u1'), [rows[1]]);
      assert.deepEqual(index.rows('nobody'), []);
      // Removals after the bulk adds, then a second bulk of adds (among rows already held).
      for (const row of rows.slice(0, 2500)) index.remove(keyHash(keyOf(row)), row);
      assert.deepEqual(index.rows('u1'), []);
      for (const row of rows.slice(0, 2500)) index.add(keyHash(keyOf(row)), row);
      const again = adds.slice(2500).concat(adds.slice(0, 2500));
      assert.deepEqual(
        index.sharedGroups().map((g) => g.map((r) => `${keyOf(r)}@${r.start}`)).sort(),
        expectedGroups(again, keyOf).sort(),
      );
      assert.deepEqual(index.rows('u1'), [rows[1]]);
    }
  });
});

describe('trimmedLowercaseKeyHash (the duplicate rules hash keys without making them)', () => {
  it('equals keyHash of the trimmed, lowercased key on any value, ASCII or not', () => {
    const unit = fc.constantFrom('a', 'B', 'z', 'Z', '@', '0', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2003', '\ufeff', 'É', 'é', 'İ', 'ß', '😀');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (value) => {
        const key = value.trim().toLowerCase();
        assert.equal(trimmedLowercaseKeyHash(value), key === '' ? undefined : keyHash(key), JSON.stringify(value));
        assert.equal(duplicateUsername.hash?.(value), trimmedLowercaseKeyHash(value));
        // Told the value is ASCII (its row is), it gives the same without looking again.
        if (!/[^\x00-\x7f]/.test(value)) assert.equal(trimmedLowercaseKeyHash(value, true), trimmedLowercaseKeyHash(value));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('KeyIndex.clear (a check of every row starts over)', () => {
  it('forgets every row and shared group, and indexes the rows added after it as a new index would', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ start: i, value: () => `k${i % 100}` }) as unknown as Row);
    const keyOf = (row: Row) => row.value(0) as string;
    const index = new KeyIndex(keyOf, 300);
    for (const row of rows) index.add(keyHash(keyOf(row)), row);
    assert.equal(index.sharedGroups().length, 100);
    index.clear(300);
    assert.deepEqual(index.sharedGroups(), []);
    assert.deepEqual(index.rows('k1'), []);
    const fresh = new KeyIndex(keyOf, 300);
    for (const row of rows.slice(0, 150)) {
      index.add(keyHash(keyOf(row)), row);
      fresh.add(keyHash(keyOf(row)), row);
    }
    assert.deepEqual(index.sharedGroups(), fresh.sharedGroups());
    assert.equal(index.sharedGroups().length, 50);
    assert.deepEqual(index.rows('k7'), [rows[7], rows[107]]);
  });
});
