import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SCHOOLS, assertMessage, file, lint, on, only, row, textAt, withCode } from './helpers';

const options = { config: SCHOOLS };

/** The Password cell of `row(…, n)` starts after "Ana,Lee,alee<n>,1001<n>,". */
const passwordStart = (n: number) => (n === 0 ? 18 : 20);

describe('rule password.too-short', () => {
  it('passes 7 characters with a letter, a digit and a symbol', () => {
    assert.deepEqual(lint(file([row({ Password: 'abc12#$' })]), options), []);
  });

  it('flags a password shorter than 7 characters', () => {
    const text = file([row({ Password: 'ab1!' })]);
    const p = only(lint(text, options), 'password.too-short');
    assert.equal(p.severity, 'error');
    assert.equal(p.field, 'Password');
    assert.deepEqual(p.range, on(1, passwordStart(0), passwordStart(0) + 4));
    assertMessage(p, 'Password has 4 characters', 'at least 7', 'set a longer password');
    assert.equal(p.message.includes('ab1!'), false, 'a message never shows the password');
    assert.equal(p.fix, undefined);
  });
});

describe('rule password.too-weak', () => {
  const cases: [string, string[], string[]][] = [
    ['abcdefgh', ['a digit', 'a symbol'], ['a letter']],
    ['12345678', ['a letter', 'a symbol'], ['a digit']],
    ['abc12345', ['a symbol'], ['a letter', 'a digit']],
    ['!!!!!!!!', ['a letter and a digit'], ['a symbol']],
  ];
  for (const [password, lacks, has] of cases) {
    it(`says which of letter/digit/symbol "${'•'.repeat(password.length)}" lacks (${lacks.join(', ')})`, () => {
      const text = file([row({ Password: password }, 1)]);
      const p = only(lint(text, options), 'password.too-weak');
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, on(1, passwordStart(1), passwordStart(1) + password.length));
      assertMessage(p, 'Password lacks', ...lacks);
      for (const present of has) assert.equal(p.message.includes(`lacks ${present}`), false);
      assert.equal(p.message.includes(password), false, 'a message never shows the password');
    });
  }

  it('reports both rules for a short password lacking a symbol', () => {
    const problems = lint(file([row({ Password: 'ab12' })]), options);
    assert.deepEqual(problems.map((p) => p.code), ['password.too-short', 'password.too-weak']);
  });
});

describe('rule password.shared', () => {
  it('warns on every later row that repeats a password, pointing at the first occurrence', () => {
    const text = file([row({ Password: 'Secret!99' }, 1), row({}, 2), row({ Password: 'Secret!99' }, 3), row({ Password: 'Secret!99' }, 4)]);
    const problems = withCode(lint(text, options), 'password.shared');
    assert.equal(problems.length, 2, 'the first occurrence itself is not flagged');
    for (const [k, p] of problems.entries()) {
      const line = k + 3;
      assert.equal(p.severity, 'warning');
      assert.deepEqual(p.range, on(line, passwordStart(line), passwordStart(line) + 9));
      assert.equal(textAt(text, p.range), 'Secret!99');
      // Short, since it repeats on every such row, and still self-contained: which row, and why it matters.
      assert.equal(p.message, 'Same password as line 2: whoever knows one of the two can sign in to the other account. Give each user their own.');
      assert.ok(p.message.length <= 120, `a short message (${p.message.length} characters)`);
      // A warning must not claim the import requires it (the rulebook's "unique and secure" is enforced as errors only for length and strength).
      assert.doesNotMatch(p.message, /requires/);
      assert.equal(p.message.includes('Secret!99'), false, 'a message never shows the password');
      assert.deepEqual(p.related?.map((r) => r.range), [on(1, passwordStart(1), passwordStart(1) + 9)]);
      assert.equal(p.related?.[0]?.message.includes('Secret!99'), false);
    }
  });

  it('compares passwords exactly: a different case is a different password', () => {
    const text = file([row({ Password: 'Secret!99' }, 1), row({ Password: 'SECRET!99' }, 2)]);
    assert.deepEqual(lint(text, options), []);
  });
});

describe('passwords in messages', () => {
  it('no message, related message or fix title ever shows a password', () => {
    // Every password holds "Ж", which nothing else in these files does.
    const password = fc
      .string({ unit: fc.constantFrom('a', 'B', '1', '!', ' ', '"', ','), maxLength: 9 })
      .map((s) => `Ж${s}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(password, fc.boolean()), { minLength: 1, maxLength: 6 }), (passwords) => {
        const rows = passwords.map(([pw, quoted], n) => row({ Password: quoted || /[",]/.test(pw) ? `"${pw.replace(/"/g, '""')}"` : pw }, n + 1));
        // Repeat the first password so password.shared fires too.
        const text = file([...rows, rows[0]!.replace(/^Ana,Lee,alee1,10011/, 'Ana,Lee,zed,999')]);
        const problems = lint(text, options);
        assert.ok(problems.some((p) => p.code === 'password.shared'));
        for (const p of problems) {
          const shown = [p.message, ...(p.related ?? []).map((r) => r.message), p.fix?.title ?? '', ...p.suggestions.map((f) => f.title)];
          for (const s of shown) assert.equal(s.includes('Ж'), false, `${p.code}: ${s}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
