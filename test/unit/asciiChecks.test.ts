import { strict as assert } from 'node:assert';
import { hasEdgeBlank, hasLetterE, hasNonAscii, isAsciiDigits, isPlainName } from '../../core/values/ascii';

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
