/** The pure parts the service stands on: canonical import rows, redaction, school mapping, the window. */
import * as assert from 'node:assert/strict';
import { EnrollmentDocument } from '../../core';
import {
  analyzeImportFile,
  buildImportRows,
  canonicalValue,
  redactPasswords,
  resolveSchoolValue,
  schoolsForLint,
  summarizeSchoolValues,
} from '../../core/importFile';
import { inWindow, nextWindowStart, parseWindow } from '../../import-service/importing/window';
import { SCHOOLS } from './helpers/fixtures';

describe('import rows (core/importFile)', function () {
  it('builds canonical rows from the mapping: trimmed names, 0/1, Classworks grades, one date form', function () {
    const text =
      'Student Number,Given,Last Name,Username,Password,Birthdate,Role,Grade,Email,School,Gender,Migrant\r\n' +
      '100,  Ana   Maria ,Lopez,alopez,"Pa,ss#1x", 3/4/2015 ,Student,KG,ALopez@Example.org, 00123 ,female,Yes\r\n';
    const doc = new EnrollmentDocument(text, { config: { columns: { Given: 'First Name', School: 'School SIS ID' } } });
    const [row] = buildImportRows(doc);
    assert.deepEqual(row, {
      line: 2,
      endLine: 2,
      values: {
        'District ID': '100',
        'First Name': 'Ana Maria',
        'Last Name': 'Lopez',
        Username: 'alopez',
        Birthdate: '03/04/2015',
        'User Type': '0',
        Grade: 'K',
        'Email Address': 'alopez@example.org',
        'School SIS ID': '00123',
        Gender: 'F',
        Migrant: 'Y',
      },
      password: 'Pa,ss#1x',
      schoolValue: '00123',
    });
  });

  it('keeps the password exactly as written and never among the values', function () {
    assert.equal(canonicalValue('Grade', '05'), '5');
    assert.equal(canonicalValue('User Type', 'Teacher'), '1');
    const doc = new EnrollmentDocument('First Name,Password\r\nAmy, Sp@ce 1 \r\n', {});
    const [row] = buildImportRows(doc);
    assert.equal(row?.password, ' Sp@ce 1 ');
    assert.equal(Object.keys(row?.values ?? {}).includes('Password'), false);
  });

  it('empties Password cells (quotes included) and changes no other byte', function () {
    const text = 'First Name,Password,Last Name\r\nAmy,"x,""y""1#",Ng\r\nBo,Plain#123,Li\r\n\r\nCy,,Xu';
    const doc = new EnrollmentDocument(text, {});
    assert.equal(redactPasswords(doc), 'First Name,Password,Last Name\r\nAmy,,Ng\r\nBo,,Li\r\n\r\nCy,,Xu');
    const noPassword = new EnrollmentDocument('First Name,Last Name\r\nAmy,Ng\r\n', {});
    assert.equal(redactPasswords(noPassword), 'First Name,Last Name\r\nAmy,Ng\r\n');
  });

  it('resolves school values: mapping first, then exact SIS ID, else the district only', function () {
    const mapping = { '123': '00123', Old: null };
    assert.deepEqual(resolveSchoolValue('123', mapping, SCHOOLS), { sisId: '00123', name: 'Lincoln Elementary', how: 'mapped' });
    assert.deepEqual(resolveSchoolValue('HS01', mapping, SCHOOLS), { sisId: 'HS01', name: 'Ridgeview High School', how: 'exact' });
    assert.deepEqual(resolveSchoolValue('Old', mapping, SCHOOLS), { sisId: null, name: null, how: 'mapped' });
    assert.deepEqual(resolveSchoolValue('00999', mapping, SCHOOLS), { sisId: null, name: null, how: 'none' });
    assert.deepEqual(schoolsForLint(mapping, SCHOOLS).map((s) => s.sisId), ['00123', '00456', 'HS01', '123']);
    const summary = summarizeSchoolValues(['456', '456', '00123'], {}, SCHOOLS);
    assert.deepEqual(summary.map((s) => [s.value, s.rows, s.how, s.suggestion?.sisId]), [['456', 2, 'none', '00456'], ['00123', 1, 'exact', undefined]]);
  });

  it('reports mapping problems before anything else', function () {
    const analysis = analyzeImportFile('First Name,Last Name\r\nAmy,Ng\r\n', { mapping: { columns: { Surname: 'Last Name' } }, schools: SCHOOLS, schoolMapping: {} });
    assert.deepEqual(analysis.mappingIssues.map((i) => i.code), ['mapping.unknown-column', 'mapping.required-unmapped']);
    assert.deepEqual(analysis.rows, []);
  });
});

describe('off-peak window', function () {
  const at = (h: number, m: number) => new Date(2026, 11, 3, h, m);
  it('crosses midnight by default (22:00–05:00)', function () {
    const w = parseWindow('22:00-05:00');
    assert.equal(inWindow(w, at(23, 30)), true);
    assert.equal(inWindow(w, at(4, 59)), true);
    assert.equal(inWindow(w, at(5, 0)), false);
    assert.equal(inWindow(w, at(12, 0)), false);
    assert.deepEqual(nextWindowStart(w, at(12, 0)), at(22, 0));
    assert.deepEqual(nextWindowStart(w, at(23, 0)), at(23, 0));
  });
  it('opens tomorrow when today\'s start has passed; equal ends mean all day', function () {
    const w = parseWindow('01:00-02:00');
    assert.deepEqual(nextWindowStart(w, at(3, 0)), new Date(2026, 11, 4, 1, 0));
    assert.equal(inWindow(parseWindow('00:00-00:00'), at(13, 0)), true);
    assert.throws(() => parseWindow('22-05'), /HH:MM-HH:MM/);
    assert.throws(() => parseWindow('25:00-05:00'), /HH:MM-HH:MM/);
  });
});
