import { html, nothing, type TemplateResult } from 'lit';
import type { PreviewResponse, RowPreview } from '../../../core/importApi/imports';
import type { ViewContext } from '../app';
import { districtBox, heading, notice, stepFooter, taskStatus } from '../widgets';

const NO_GROUP = '__none__';

/** Step 5: conflict resolution, passwords, custom group, e-mail; and the dry-run preview. */
export function renderActions(context: ViewContext): TemplateResult {
  const { state, ui, gates } = context;
  const draft = ui.draft;
  const district = state.district;
  const running = state.tasks.preview?.status === 'running';
  return html`
    ${heading(5, 'Additional Actions', 'Choose what happens to users who already exist, then preview what the import will do. The preview writes nothing.')}
    <fieldset>
      <legend>When a row matches an existing user (same District ID) and a field differs</legend>
      <vscode-radio-group variant="vertical" @change=${(e: Event) => {
        const value = (e.target as HTMLInputElement).value;
        if (value === 'existing-wins' || value === 'imported-wins') context.setDraft({ conflictResolution: value });
      }}>
        <vscode-radio name="conflict" value="existing-wins" ?checked=${draft.conflictResolution === 'existing-wins'}>Existing record wins: keep the values in Classworks</vscode-radio>
        <vscode-radio name="conflict" value="imported-wins" ?checked=${draft.conflictResolution === 'imported-wins'}>Imported record wins: the file's values replace them</vscode-radio>
      </vscode-radio-group>
    </fieldset>
    <fieldset>
      <legend>Existing users' passwords</legend>
      <vscode-radio-group variant="vertical" @change=${(e: Event) => {
        const value = (e.target as HTMLInputElement).value;
        if (value === 'maintain' || value === 'overwrite') context.setDraft({ existingPasswords: value });
      }}>
        <vscode-radio name="passwords" value="maintain" ?checked=${draft.existingPasswords === 'maintain'}>Maintain password: existing users keep theirs</vscode-radio>
        <vscode-radio name="passwords" value="overwrite" ?checked=${draft.existingPasswords === 'overwrite'}>Overwrite password: set the file's</vscode-radio>
      </vscode-radio-group>
    </fieldset>
    <fieldset>
      <legend>More</legend>
      <div class="form-grid">
        <vscode-label for="custom-group">Add the students to a custom group</vscode-label>
        <vscode-single-select
          id="custom-group"
          ?disabled=${!district}
          .value=${draft.customGroupId === null ? NO_GROUP : String(draft.customGroupId)}
          @change=${(e: Event) => {
            const value = (e.target as HTMLSelectElement).value;
            context.setDraft({ customGroupId: value === NO_GROUP ? null : Number(value) });
          }}
        >
          <vscode-option value=${NO_GROUP} ?selected=${draft.customGroupId === null}>No group</vscode-option>
          ${(district?.groups ?? []).map((g) => html`<vscode-option value=${String(g.id)} ?selected=${draft.customGroupId === g.id}>${g.name} (${g.memberCount} members)</vscode-option>`)}
        </vscode-single-select>
      </div>
      <vscode-checkbox .checked=${draft.emailStaff} @change=${(e: Event) => context.setDraft({ emailStaff: (e.target as HTMLInputElement).checked })}
        >E-mail staff users their login information</vscode-checkbox>
    </fieldset>
    <section aria-label="Preview">
      <h3>Preview (dry run)</h3>
      ${state.connection.status !== 'connected' ? districtBox(context) : nothing}
      <div class="toolbar">
        <vscode-button ?disabled=${running || state.connection.status !== 'connected'} @click=${() => context.send({ type: 'preview' })}>${state.preview ? 'Preview again' : 'Preview'}</vscode-button>
      </div>
      ${taskStatus(context, 'preview', { retry: () => context.send({ type: 'preview' }) })}
      ${state.preview ? previewView(state.preview.result, state.preview.current) : nothing}
    </section>
    ${stepFooter(context, 'validate', 'review', gates.actions.ok, gates.actions.reason)}
  `;
}

export function previewView(preview: PreviewResponse, current: boolean): TemplateResult {
  const c = preview.counts;
  const cells: [string, number, string][] = [
    ['Rows', c.rows, 'rows'],
    ['To create', c.create, 'create'],
    ['To update', c.update, 'update'],
    ['Unchanged', c.unchanged, 'unchanged'],
    ['In conflict', c.conflict, 'conflict'],
    ['With errors', c.error, 'error'],
    ['Without a school', c.withoutSchool, 'without-school'],
    ['Added to the group', c.addedToGroup, 'group'],
  ];
  const errors = preview.problems.filter((p) => p.severity === 'error');
  return html`
    ${current ? nothing : notice('caution', 'The file or your choices changed since this preview: preview again before submitting.')}
    ${preview.submittable ? nothing : notice('error', html`The import service would refuse this file: ${preview.problemCounts.errors} error${preview.problemCounts.errors === 1 ? '' : 's'}.`)}
    <dl class="preview-counts" aria-label="Preview counts">
      ${cells.map(([label, value, key]) => html`<div class="stat ${key} ${value > 0 ? 'nonzero' : ''}"><dt>${label}</dt><dd data-preview=${key}>${value}</dd></div>`)}
    </dl>
    ${examples('In conflict', preview.examples.conflict, (row) =>
      row.conflicts.map(
        (k) => html`<li>District ID <span class="cell-text">${row.districtId}</span> · ${k.field}: file <q class="cell-text">${k.fileValue}</q>, Classworks
          <q class="cell-text">${k.existingValue}</q> → keeps <q class="cell-text">${k.kept === 'imported' ? k.fileValue : k.existingValue}</q></li>`,
      ),
    )}
    ${examples('To create', preview.examples.create, (row) => html`<li>${who(row)}${row.school.name ? html` → ${row.school.name}` : html` → <em>no school</em>`}</li>`)}
    ${examples('To update', preview.examples.update, (row) =>
      html`<li>${who(row)}: ${row.changes.map((ch, i) => html`${i > 0 ? '; ' : ''}${ch.field} ${ch.from === null ? '' : html`<q class="cell-text">${ch.from}</q>`} → ${ch.to === null ? '(changed)' : html`<q class="cell-text">${ch.to}</q>`}`)}</li>`,
    )}
    ${examples('Without a school', preview.examples.withoutSchool, (row) => html`<li>${who(row)}: School SIS ID <q class="cell-text">${row.school.value}</q> matches no school</li>`)}
    ${examples('With errors', preview.examples.error, (row) => html`<li>${who(row)}: ${row.errors.map((e) => e.message).join(' ')}</li>`)}
    ${errors.length > 0
      ? html`<h4>Errors the service found</h4><ul class="problem-list">${errors.slice(0, 20).map((p) => html`<li>Line ${p.line}: <span class="cell-text">${p.message}</span> <code>${p.code}</code></li>`)}</ul>`
      : nothing}
  `;
}

function who(row: RowPreview): TemplateResult {
  const type = row.userType === '0' ? 'student' : row.userType === '1' ? 'staff' : 'user';
  return html`Line ${row.line} · <span class="cell-text">${row.firstName} ${row.lastName}</span> (${type}, District ID <span class="cell-text">${row.districtId}</span>)`;
}

function examples(title: string, rows: readonly RowPreview[], item: (row: RowPreview) => TemplateResult | TemplateResult[]): TemplateResult {
  if (rows.length === 0) return html``;
  return html`<vscode-collapsible title=${`${title}: first ${rows.length}`} class="examples">
    <ul>${rows.map(item)}</ul>
  </vscode-collapsible>`;
}
