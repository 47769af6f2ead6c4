/** Enrollment CSV text for the service tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REQUIRED_FIELDS, type FieldName } from '../../../core';
import type { ImportRequestInput } from '../../../core/importApi';
import { ROOT } from './serviceProcess';

export const SCHOOLS = [
  { sisId: '00123', name: 'Lincoln Elementary' },
  { sisId: '00456', name: 'Washington Elementary' },
  { sisId: 'HS01', name: 'Ridgeview High School' },
];

export function readFixture(relative: string): string {
  return fs.readFileSync(path.join(ROOT, relative), 'utf8');
}

export type RowSpec = Partial<Record<FieldName, string>>;

/** A valid student row for a District ID (unique username, e-mail and password). */
export function student(districtId: string, overrides: RowSpec = {}): RowSpec {
  return {
    'First Name': 'Sam',
    'Last Name': 'Rivera',
    Username: `s${districtId}`,
    'District ID': districtId,
    Password: `Kite#${districtId}x`,
    Birthdate: '3/14/2015',
    'User Type': '0',
    Grade: '5',
    'Email Address': `s${districtId}@lincoln.example.org`,
    'School SIS ID': '00123',
    ...overrides,
  };
}

export function staff(districtId: string, overrides: RowSpec = {}): RowSpec {
  return {
    'First Name': 'Dana',
    'Last Name': 'Mills',
    Username: `t${districtId}`,
    'District ID': districtId,
    Password: `Oak!${districtId}tree`,
    Birthdate: '4/5/1980',
    'User Type': '1',
    Grade: '',
    'Email Address': `t${districtId}@lincoln.example.org`,
    'School SIS ID': '00123',
    ...overrides,
  };
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CRLF CSV with Classworks' headings (the required fields, plus any optional ones used). */
export function csv(rows: RowSpec[], fields: readonly FieldName[] = REQUIRED_FIELDS): string {
  const lines = [fields.join(','), ...rows.map((r) => fields.map((f) => cell(r[f] ?? '')).join(','))];
  return lines.join('\r\n') + '\r\n';
}

export function request(text: string, extra: Partial<ImportRequestInput> = {}): ImportRequestInput {
  return { fileName: 'students.csv', description: 'Test import', csv: text, ...extra };
}
