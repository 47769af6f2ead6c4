import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnrollmentDocument, parseConfig, type Problem } from '../../core';
import { lintJson, ROOT, requireBuiltCli, SAMPLES } from './helpers';

/** What the editor would show for a file: the core's problems with the same config and file name. */
function coreProblems(file: string): Problem[] {
  const { config, errors } = parseConfig(fs.readFileSync(path.join(SAMPLES, '.classworks.json'), 'utf8'));
  assert.deepEqual(errors, []);
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return new EnrollmentDocument(text, { config, fileName: file }).getProblems();
}

describe('cli: same problems as the core (and so the editor)', () => {
  before(requireBuiltCli);

  for (const name of ['students.csv', 'staff.csv', 'sis-export-oneroster.csv']) {
    it(`samples/district/${name}`, () => {
      const file = path.join(SAMPLES, name);
      const { report } = lintJson([path.relative(ROOT, file)]);
      const cli = report.files[0]!.problems;
      const core = coreProblems(file).map((p) => ({
        code: p.code,
        severity: p.severity,
        message: p.message,
        line: p.range.start.line + 1,
        column: p.range.start.character + 1,
        endLine: p.range.end.line + 1,
        endColumn: p.range.end.character + 1,
        field: p.field,
        fix: p.fix?.title ?? null,
        suggestions: p.suggestions.map((s) => s.title),
      }));
      assert.ok(core.length > 0);
      assert.deepEqual(cli, core);
    });
  }

  it('finds the deliberate problems listed in samples/district/README.md for students.csv', () => {
    const { report } = lintJson(['samples/district/students.csv']);
    const lines = report.files[0]!.problems.map((p) => p.line);
    assert.deepEqual(lines, [3, 6, 7, 8, 15, 23, 28, 30, 33, 49, 54, 58, 60, 64, 73]);
  });
});
