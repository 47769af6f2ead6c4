import * as assert from 'node:assert/strict';
import { applyTextEdits, fixAllEdits, fixAllText } from '../../core';
import { HEADER, SCHOOLS, TODAY, lint, staffRow, row } from './helpers';

const options = { today: TODAY, config: SCHOOLS };

/** A classic-Mac export with a BOM, quoted cells and problems of every kind. */
const BEFORE = [
  '\uFEFF',
  `${HEADER}\r`,
  `"José",O'Brien,alee,1001,Maple!274,4/2/2018,Student,KG,alee@x.org,123\r`,
  `" Ana  Maria ",Lee,blee,1002,Maple!275,4/2/2018,0,05,"  blee@x.org",hs01\r`,
  `Carl,Stone,cstone,T900,Cedar#518,5/17/1980,Teacher,,cstone@x.org,00124\r`,
  `Bo,Lee,clee,1003,Maple!276,4/2/2018,Guardian,"Pre K",clee@x.org,00456\r`,
].join('');

/** Every safe fix applied, nothing else touched: quoting, the BOM and the values stay. */
const AFTER = [
  '\uFEFF',
  `${HEADER}\r\n`,
  `"José",O'Brien,alee,1001,Maple!274,4/2/2018,0,K,alee@x.org,00123\r\n`,
  `"Ana Maria",Lee,blee,1002,Maple!275,4/2/2018,0,5,"blee@x.org",HS01\r\n`,
  `Carl,Stone,cstone,T900,Cedar#518,5/17/1980,1,,cstone@x.org,00124\r\n`,
  `Bo,Lee,clee,1003,Maple!276,4/2/2018,Guardian,"Pre-K",clee@x.org,00456\r\n`,
].join('');

describe('fix-all', () => {
  it('applies every safe fix and gives exactly the expected text', () => {
    const result = fixAllText(BEFORE, options);
    assert.equal(result.text, AFTER);
    // CR→CRLF, 2 user types, 3 grades, 2 schools, 1 name, 1 email.
    assert.equal(result.fixed, 10);
  });

  it('leaves problems that only have suggestions for a person to decide', () => {
    const left = lint(fixAllText(BEFORE, options).text, options);
    assert.deepEqual(
      left.map((p) => [p.code, p.range.start.line]),
      [
        ['name.invalid-character', 1],
        ['name.invalid-character', 1],
        ['school.unknown', 3],
        ['user-type.invalid', 4],
      ],
    );
    assert.ok(left.every((p) => p.fix === undefined && p.suggestions.length > 0));
  });

  it('changes nothing the second time', () => {
    assert.deepEqual(fixAllText(AFTER, options), { text: AFTER, fixed: 0 });
  });

  it('fixAllEdits gives the edits of one rule only', () => {
    const problems = lint(BEFORE, options);
    const edits = fixAllEdits(problems, 'grade.invalid');
    assert.equal(edits.length, 3);
    // Only the grades change; the CR endings, user types and schools stay for another time.
    assert.equal(
      applyTextEdits(BEFORE, edits).text,
      BEFORE.replace(',KG,', ',K,').replace(',05,', ',5,').replace('"Pre K"', '"Pre-K"'),
    );
  });

  it('fixAllEdits without a code takes every compatible safe fix at once', () => {
    const text = [`${HEADER}\n`, `${row({ Grade: 'KG', 'User Type': 'Student' }, 1)}\n`, `${staffRow({ 'User Type': 'Teacher' }, 2)}\n`].join('');
    const edits = fixAllEdits(lint(text, options));
    assert.equal(
      applyTextEdits(text, edits).text,
      [`${HEADER}\n`, `${row({ Grade: 'K', 'User Type': '0' }, 1)}\n`, `${staffRow({ 'User Type': '1' }, 2)}\n`].join(''),
    );
  });
});
