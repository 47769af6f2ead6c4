import { html, nothing, type TemplateResult } from 'lit';
import { type SchoolRow, schoolRows, usersWithoutSchool } from '../../panel/shared/schoolChoices';
import type { ViewContext } from '../app';
import { districtBox, heading, icon, notice, stepFooter, taskStatus } from '../widgets';

const AUTO = '__auto__';
const NONE = '__none__';

/** Step 3: every School SIS ID value of the file mapped to one of the district's schools. */
export function renderSchools(context: ViewContext): TemplateResult {
  const { state, gates } = context;
  const snapshot = state.document?.snapshot;
  const district = state.district;
  const intro = html`Each School SIS ID value in the file, with its number of rows, mapped to one of the district's schools.
    A user whose value maps to no school is added to the district only, not enrolled at any school.`;
  if (!district || state.connection.status !== 'connected') {
    return html`${heading(3, 'School Mapping', intro)}${districtBox(context)}${stepFooter(context, 'map', 'validate', false, gates.schools.reason)}`;
  }
  if (!snapshot?.linted) return html`${heading(3, 'School Mapping', intro)}${stepFooter(context, 'map', 'validate', false, gates.upload.reason)}`;
  // The values that lead nowhere first (they need a look), then the biggest.
  const rows = schoolRows(snapshot.schoolValues, district.schools, snapshot.config.schoolMapping ?? {}).sort(
    (a, b) => Number(a.resolved.sisId !== null) - Number(b.resolved.sisId !== null) || b.rows - a.rows,
  );
  const withoutSchool = usersWithoutSchool(rows);
  const suggestions = rows.filter((r) => r.suggestion && r.target.kind === 'auto').length;
  return html`
    ${heading(3, 'School Mapping', intro)}
    ${rows.length === 0 ? notice('info', 'The file has no School SIS ID values.') : nothing}
    ${withoutSchool > 0
      ? notice(
          'caution',
          html`<strong>${withoutSchool} user${withoutSchool === 1 ? '' : 's'}</strong> will join the district without a school: their School SIS ID matches none of
            ${district.name}'s schools. Map the value to a school, or leave it to add them to the district only.`,
          suggestions > 0 ? html`<vscode-button @click=${() => context.send({ type: 'acceptSchoolSuggestions' })}>Use the ${suggestions} suggestion${suggestions === 1 ? '' : 's'}</vscode-button>` : undefined,
        )
      : rows.length > 0
        ? notice('success', `Every value leads to one of ${district.name}'s schools.`)
        : nothing}
    ${rows.length > 0
      ? html`<div class="table-scroll"><table class="grid stack" aria-label="School mapping">
          <thead><tr><th scope="col">Value in the file</th><th scope="col">Rows</th><th scope="col">School in ${district.name}</th><th scope="col">Result</th><th scope="col"><span class="visually-hidden">Go to row</span></th></tr></thead>
          <tbody>${rows.map((row) => schoolRow(context, row))}</tbody>
        </table></div>`
      : nothing}
    ${taskStatus(context, 'mapping')}
    ${stepFooter(context, 'map', 'validate', gates.schools.ok, gates.schools.reason)}
  `;
}

function schoolRow(context: ViewContext, row: SchoolRow): TemplateResult {
  const selected = row.target.kind === 'auto' ? AUTO : row.target.kind === 'none' ? NONE : row.target.sisId;
  const shown = row.value === '' ? '(blank)' : row.value;
  const exact = row.choices.find((c) => c.sisId === row.value);
  // Go to the first row with the value: its own column in the table; in the narrow card layout,
  // where that cell would be a lone icon under "Use suggestion", beside the value it is about.
  const goTo = (where: 'column' | 'card') => html`<vscode-toolbar-button
    class=${`go-to-row in-${where}`}
    icon="go-to-file"
    label=${`Show the first row with ${shown} in the editor`}
    title=${`Show the first row with ${shown} in the editor (line ${row.firstLine + 1})`}
    @click=${() => context.send({ type: 'reveal', range: { start: { line: row.firstLine, character: 0 }, end: { line: row.firstLine, character: 0 } } })}
  ></vscode-toolbar-button>`;
  return html`<tr class=${row.resolved.sisId === null ? 'caution-row' : ''}>
    <td data-label="Value in the file"><span class="cell-text">${shown}</span>${goTo('card')}</td>
    <td class="num" data-label="Rows">${row.rows}</td>
    <td data-label="School">
      <vscode-single-select
        aria-label=${`School for the value ${shown}`}
        .value=${selected}
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          context.send({
            type: 'setSchool',
            value: row.value,
            target: value === AUTO ? { kind: 'auto' } : value === NONE ? { kind: 'none' } : { kind: 'school', sisId: value },
          });
        }}
      >
        <vscode-option value=${AUTO} ?selected=${selected === AUTO}>${exact ? `Same SIS ID: ${exact.name} (${exact.sisId})` : 'Same SIS ID: no such school'}</vscode-option>
        ${row.choices.map((c) => html`<vscode-option value=${c.sisId} ?selected=${selected === c.sisId}>${c.suggested ? '★ ' : ''}${c.name} (${c.sisId})${c.suggested ? ' — suggested' : ''}</vscode-option>`)}
        <vscode-option value=${NONE} ?selected=${selected === NONE}>No school — district only</vscode-option>
      </vscode-single-select>
    </td>
    <td data-label="Result">${row.resolved.sisId !== null
      ? html`${icon('check')} ${row.resolved.how === 'mapped' ? 'Mapped' : 'Same SIS ID'}`
      : html`<span class="caution-text">${icon('warning')} District only</span>${row.suggestion
          ? html`<div class="muted">Did you mean ${row.suggestion.name} (${row.suggestion.sisId})?</div>
              ${row.target.kind === 'auto'
                ? html`<vscode-button secondary @click=${() => context.send({ type: 'setSchool', value: row.value, target: { kind: 'school', sisId: row.suggestion?.sisId ?? '' } })}>Use suggestion</vscode-button>`
                : nothing}`
          : nothing}`}</td>
    <td class="icon-cell">${goTo('column')}</td>
  </tr>`;
}
