import * as assert from 'node:assert/strict';
import { EnrollmentDocument } from '../../core';

describe('core smoke', () => {
  it('finds the accented first name', () => {
    const doc = new EnrollmentDocument('First Name,Last Name\nJosé,Smith\n');
    const problem = doc.getProblems().find((p) => p.code === 'name.invalid-character');
    assert.ok(problem);
    assert.deepEqual(problem.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
  });
});
