import { html, nothing, type TemplateResult } from 'lit';
import { OPTIONAL_FIELDS, REQUIRED_FIELDS, type FieldName } from '../../../core/fields';
import type { SnapshotColumn } from '../../panel/shared/protocol';
import type { ViewContext } from '../app';
import { heading, icon, notice, stepFooter, taskStatus } from '../widgets';

const IGNORE = '__ignore__';
const HOW: Record<NonNullable<SnapshotColumn['how']>, string> = {
  exact: 'automatic',
  normalized: 'automatic',
  alias: 'automatic (SIS heading)',
  config: 'saved mapping',
  'column-order': 'by position',
};

/** Step 2: file columns ↔ Classworks fields; saved in .classworks.json, re-checked at once. */
export function renderMap(context: ViewContext): TemplateResult {
  const { state, gates } = context;
  const snapshot = state.document?.snapshot;
  const intro = html`Match each column of the file to a Classworks field. Required fields are marked <strong>*</strong>.
    Your choices are saved in <code>.classworks.json</code> beside the file, and the editor checks the file with them at once.`;
  if (!snapshot || !snapshot.linted) {
    return html`${heading(2, 'Map Fields', intro)}${notice('info', 'The file is not checked as an enrollment file yet: see Upload.')}${stepFooter(context, 'upload', 'schools', false, gates.map.reason)}`;
  }
  const headerSetting = snapshot.config.hasHeaderRow === true ? 'yes' : snapshot.config.hasHeaderRow === false ? 'no' : 'auto';
  const usedBy = new Map<FieldName, number>();
  for (const c of snapshot.columns) if (c.field) usedBy.set(c.field, c.index);
  return html`
    ${heading(2, 'Map Fields', intro)}
    <div class="form-grid">
      <vscode-label for="header-row">First row</vscode-label>
      <vscode-single-select
        id="header-row"
        .value=${headerSetting}
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          context.send({ type: 'setHeaderRow', value: value === 'yes' ? true : value === 'no' ? false : 'auto' });
        }}
      >
        <vscode-option value="auto" ?selected=${headerSetting === 'auto'}>Detect automatically (now: ${snapshot.hasHeaderRow ? 'a header row' : 'no header row'})</vscode-option>
        <vscode-option value="yes" ?selected=${headerSetting === 'yes'}>Holds the headings</vscode-option>
        <vscode-option value="no" ?selected=${headerSetting === 'no'}>Is data: the file has no header row</vscode-option>
      </vscode-single-select>
    </div>
    ${snapshot.unidentified ? notice('caution', 'The first row is not a header Classworks recognises: choose the field of each column by its position and sample values.') : nothing}
    <div class="table-scroll"><table class="grid stack" aria-label="Column mapping">
      <thead><tr><th scope="col">Column</th><th scope="col">Heading in the file</th><th scope="col">Sample values</th><th scope="col">Classworks field</th></tr></thead>
      <tbody>
        ${snapshot.columns.map((column) => columnRow(context, column, usedBy))}
      </tbody>
    </table></div>
    ${taskStatus(context, 'mapping')}
    <h3>Required fields</h3>
    <ul class="required-fields" aria-label="Required fields">
      ${REQUIRED_FIELDS.map((field) => {
        const column = usedBy.get(field);
        return html`<li class=${column === undefined ? 'missing' : 'mapped'}>
          ${icon(column === undefined ? 'error' : 'check')} ${field}*
          <span class="muted">${column === undefined ? '— not mapped' : `— column ${column + 1}${headingOf(snapshot.columns, column)}`}</span>
        </li>`;
      })}
    </ul>
    ${stepFooter(context, 'upload', 'schools', gates.map.ok, gates.map.reason)}
  `;
}

function headingOf(columns: readonly SnapshotColumn[], index: number): string {
  const h = columns.find((c) => c.index === index)?.heading;
  return h ? ` (“${h}”)` : '';
}

function columnRow(context: ViewContext, column: SnapshotColumn, usedBy: Map<FieldName, number>): TemplateResult {
  const label = `Classworks field of column ${column.index + 1}${column.heading ? ` (${column.heading})` : ''}`;
  const option = (field: FieldName, required: boolean) => {
    const other = usedBy.get(field);
    const note = other !== undefined && other !== column.index ? ` — now column ${other + 1}` : '';
    return html`<vscode-option value=${field} ?selected=${column.field === field}>${field}${required ? ' *' : ''}${note}</vscode-option>`;
  };
  return html`<tr>
    <td class="num" data-label="Column">${column.index + 1}</td>
    <td data-label="Heading in the file">${column.heading === null ? html`<span class="muted">(no header)</span>` : html`<span class="cell-text">${column.heading}</span>`}</td>
    <td class="samples" data-label="Sample values" title=${column.masked ? 'Not shown: the column may hold passwords' : column.samples.join(', ')}>${column.masked
      ? html`<span class="muted">${icon('lock')} hidden (may hold passwords)</span>`
      : column.samples.length === 0
        ? html`<span class="muted">(blank)</span>`
        : column.samples.map((s, i) => html`${i > 0 ? ', ' : ''}<span class="sample">${s}</span>`)}</td>
    <td data-label="Classworks field">
      <vscode-single-select
        aria-label=${label}
        .value=${column.field ?? IGNORE}
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          context.send({ type: 'setColumn', index: column.index, field: value === IGNORE ? null : (value as FieldName) });
        }}
      >
        <vscode-option value=${IGNORE} ?selected=${column.field === null}>— Ignore this column —</vscode-option>
        ${REQUIRED_FIELDS.map((f) => option(f, true))}
        ${OPTIONAL_FIELDS.map((f) => option(f, false))}
      </vscode-single-select>
      ${column.how ? html`<div class="matched"><span class="tag how-${column.how}">${HOW[column.how]}</span></div>` : nothing}
    </td>
  </tr>`;
}
