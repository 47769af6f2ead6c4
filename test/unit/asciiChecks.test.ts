import { strict as assert } from 'node:assert';
import { hasEdgeBlank, hasLetterE, hasNonAscii, isAsciiDigits, isPlainName } from '../../core/values/ascii';
import { asciiClasses, codePointCount, HAS_DIGIT, HAS_LETTER, HAS_SYMBOL } from '../../core/rules/passwordStrength';

describe('core/values/ascii: the char-code tests agree with the regular expressions they replace', () => {
  const picked = ['', ' ', '\t', 'a', 'A', 'Z', 'z', '@', '[', '`', '{', '0', '9', '/', ':', 'Jo', 'Mary Ann', 'Mary  Ann', ' Mary', 'Mary ', 'Mary\tAnn', 'José', 'e', 'E', '1e5', '007', '0x1', '\u00a0', '\u007f', '\u0080', '\ufeff', '١٢٣', 'O\u0027Brien', 'a b c', 'a b ', ' a b'];
  const alphabet = 'abzAZe E09 \t@[`{/:\u007f\u0080é\u00a0\ufeff';
  let seed = 9;
  const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
  const values = [...picked];
  for (let i = 0; i < 50_000; i++) {
    let v = '';
    const length = next(7);
    for (let k = 0; k < length; k++) v += alphabet[next(alphabet.length)];
    values.push(v);
  }
  const cases: [string, (v: string) => boolean, RegExp][] = [
    ['hasNonAscii', hasNonAscii, /[^\x00-\x7f]/],
    ['isAsciiDigits', isAsciiDigits, /^\d+$/],
    ['hasEdgeBlank', hasEdgeBlank, /^[ \t]+|[ \t]+$/],
    ['hasLetterE', hasLetterE, /[eE]/],
    ['isPlainName', isPlainName, /^[A-Za-z]+(?: [A-Za-z]+)*$/],
  ];
  for (const [name, test, regex] of cases) {
    it(`${name} is ${regex} on ${values.length} values (both answers among them)`, () => {
      const answers = new Set<boolean>();
      for (const v of values) {
        assert.equal(test(v), regex.test(v), `${name}(${JSON.stringify(v)})`);
        answers.add(test(v));
      }
      assert.equal(answers.size, 2);
    });
  }
});

describe('password rules: the one-pass tests agree with the expressions', () => {
  it('codePointCount is [...value].length, and asciiClasses is /\\p{L}/u, /\\d/ and /[^\\p{L}\\d\\s]/u (or -1 past ASCII), on 50,000 generated values', () => {
    const alphabet = ['a', 'Z', '0', '9', ' ', '\t', '\n', '\v', '\f', '\r', '!', '#', '_', '~', '\u007f', '\u0000', 'é', '\u00a0', '\ud83d', '\ude00', '😀', '٣', 'ª'];
    let seed = 21;
    const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const seen = new Set<number>();
    for (let i = 0; i < 50_000; i++) {
      let v = '';
      const length = next(9);
      for (let k = 0; k < length; k++) v += alphabet[next(i % 2 === 0 ? 10 + 5 : alphabet.length)];
      assert.equal(codePointCount(v), [...v].length, JSON.stringify(v));
      const has = asciiClasses(v);
      seen.add(has);
      if (/[^\x00-\x7f]/.test(v)) {
        assert.equal(has, -1, JSON.stringify(v));
        continue;
      }
      assert.equal((has & HAS_LETTER) !== 0, /\p{L}/u.test(v), JSON.stringify(v));
      assert.equal((has & HAS_DIGIT) !== 0, /\d/.test(v), JSON.stringify(v));
      assert.equal((has & HAS_SYMBOL) !== 0, /[^\p{L}\d\s]/u.test(v), JSON.stringify(v));
    }
    assert.equal(seen.size, 9); // -1 and every combination of the three
  });
});
