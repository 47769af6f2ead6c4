import * as assert from 'node:assert/strict';
import { SCHOOLS, applyFix, assertMessage, file, lint, on, only, row, suggestion, withCode } from './helpers';

const options = { config: SCHOOLS };

describe('rule name.invalid-character', () => {
  it('passes names of letters A–Z and spaces', () => {
    const text = file([row({ 'First Name': 'Mary Ann', 'Last Name': 'Van Der Berg' })]);
    assert.deepEqual(lint(text, options), []);
  });

  it('flags an accented letter, names it, and suggests removing accents (José → Jose)', () => {
    const text = file([row({ 'First Name': 'José' })], '\r\n');
    const p = only(lint(text, options), 'name.invalid-character');
    assert.equal(p.severity, 'error');
    assert.equal(p.field, 'First Name');
    assert.deepEqual(p.range, on(1, 0, 4));
    assertMessage(p, 'First Name "José"', 'the character "é"', 'only the letters A–Z and spaces', 'rejects this row');
    assert.equal(p.fix, undefined, 'changing a legal name is a person’s choice, never fix-all');
    assert.deepEqual(
      p.suggestions.map((s) => s.title),
      ['Remove accents: First Name "José" → "Jose"'],
    );
    assert.equal(applyFix(text, suggestion(p, 'Remove accents')), file([row({ 'First Name': 'Jose' })], '\r\n'));
  });

  it("flags punctuation and suggests removing it (O'Brien → OBrien)", () => {
    const text = file([row({ 'Last Name': "O'Brien" })]);
    const p = only(lint(text, options), 'name.invalid-character');
    assert.deepEqual(p.range, on(1, 4, 11));
    assert.equal(p.field, 'Last Name');
    assertMessage(p, `Last Name "O'Brien"`, `the character "'"`);
    assert.deepEqual(
      p.suggestions.map((s) => s.title),
      [`Remove punctuation: Last Name "O'Brien" → "OBrien"`],
    );
    assert.equal(applyFix(text, p.suggestions[0]), file([row({ 'Last Name': 'OBrien' })]));
  });

  it('offers accents and punctuation as separate suggestions when a name has both', () => {
    const text = file([row({ 'Last Name': "D'Ángelo" })]);
    const p = only(lint(text, options), 'name.invalid-character');
    assertMessage(p, `the characters "'", "Á"`);
    assert.equal(applyFix(text, suggestion(p, 'Remove accents:')), file([row({ 'Last Name': "D'Angelo" })]));
    assert.equal(applyFix(text, suggestion(p, 'Remove punctuation:')), file([row({ 'Last Name': 'DÁngelo' })]));
    assert.equal(applyFix(text, suggestion(p, 'Remove accents and punctuation')), file([row({ 'Last Name': 'DAngelo' })]));
  });

  it('names an invisible no-break space by its code point', () => {
    const text = file([row({ 'First Name': 'Ana\u00a0Maria' })]);
    const p = only(lint(text, options), 'name.invalid-character');
    assertMessage(p, 'U+00A0 (no-break space)');
    assert.deepEqual(p.range, on(1, 0, 9));
  });

  const spaceCases: [string, string, string, string][] = [
    ['Lee\u200b', 'Lee', 'Remove the invisible character', 'U+200B (zero-width space)'],
    ['Ana\u00a0Maria', 'Ana Maria', 'Replace the odd space with a normal space', 'U+00A0 (no-break space)'],
    ['Ana\u00a0\u200bMaria', 'Ana Maria', 'Remove the invisible character and replace the odd space with a normal space', 'U+200B (zero-width space)'],
    ['Lee\u200b\u200e', 'Lee', 'Remove the invisible characters', 'U+200E (left-to-right mark)'],
  ];
  for (const [value, after, what, named] of spaceCases) {
    it(`says what its safe fix does to ${JSON.stringify(value)}: "${what}", and the fix does that`, () => {
      const text = file([row({ 'Last Name': value })], '\r\n');
      const p = only(lint(text, options), 'name.invalid-character');
      assertMessage(p, named, `${what} (safe fix).`);
      assert.doesNotMatch(p.message, value.includes('\u00a0') ? /quick fix/ : /normal space|quick fix/);
      assert.equal(p.fix?.title, `${what}: Last Name "${after}"`);
      assert.equal(applyFix(text, p.fix), file([row({ 'Last Name': after })], '\r\n'));
    });
  }

  it('keeps the quotes of a quoted name when a suggestion rewrites it', () => {
    const text = file([row({ 'Last Name': '"Smith, Jr."' })], '\r\n');
    const p = only(lint(text, options), 'name.invalid-character');
    assert.deepEqual(p.range, on(1, 5, 15));
    assertMessage(p, '",", "."');
    assert.equal(applyFix(text, suggestion(p, 'Remove punctuation')), file([row({ 'Last Name': '"Smith Jr"' })], '\r\n'));
  });

  it('checks First Name and Last Name separately on one row', () => {
    const problems = withCode(lint(file([row({ 'First Name': 'Zoë', 'Last Name': 'Núñez' })]), options), 'name.invalid-character');
    assert.deepEqual(
      problems.map((p) => [p.field, p.range]),
      [
        ['First Name', on(1, 0, 3)],
        ['Last Name', on(1, 4, 9)],
      ],
    );
  });
});

describe('rule name.extra-space', () => {
  it('warns about leading, trailing or repeated spaces, with a safe fix that trims and collapses', () => {
    const text = file([row({ 'First Name': ' Ana  Maria ' })], '\r\n');
    const p = only(lint(text, options), 'name.extra-space');
    assert.equal(p.severity, 'warning');
    assert.deepEqual(p.range, on(1, 0, 12));
    assertMessage(p, '" Ana  Maria "', 'spaces', 'Trim them');
    assert.equal(applyFix(text, p.fix), file([row({ 'First Name': 'Ana Maria' })], '\r\n'));
  });

  it('collapses repeated spaces inside a quoted name, keeping its quotes', () => {
    const text = file([row({ 'Last Name': '"Van  Der Berg"' })]);
    const p = only(lint(text, options), 'name.extra-space');
    assertMessage(p, 'repeated spaces');
    assert.equal(applyFix(text, p.fix), file([row({ 'Last Name': '"Van Der Berg"' })]));
  });
});
