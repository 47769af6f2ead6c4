import { html, nothing, type TemplateResult } from 'lit';
import type { ImportDetails, ImportRow, ImportSummary, RowCounts } from '../../../core/importApi/imports';
import { scheduleNote } from '../../panel/shared/schedule';
import type { ViewContext } from '../app';
import { districtBox, formatDate, heading, icon, notice, taskStatus } from '../widgets';

/** Step 7: the district's imports, one open with its details and rows; download its file. */
export function renderHistory(context: ViewContext): TemplateResult {
  const { state, ui } = context;
  const history = state.history;
  const intro = 'The imports of the connected district, newest first. Open one for its details; its file can be downloaded into the workspace again.';
  if (state.connection.status !== 'connected') return html`${heading(null, 'Import History', intro)}${districtBox(context)}`;
  return html`
    ${heading(null, 'Import History', intro)}
    <div class="toolbar">
      <vscode-button icon="refresh" secondary @click=${() => context.send({ type: 'loadHistory' })}>Refresh</vscode-button>
      ${history ? html`<span class="muted">${history.total} import${history.total === 1 ? '' : 's'}; updated ${formatDate(history.loadedAt)}</span>` : nothing}
    </div>
    ${taskStatus(context, 'history', { retry: () => context.send({ type: 'loadHistory' }) })}
    ${history && history.imports.length === 0 ? notice('info', 'No imports yet.') : nothing}
    ${history && history.imports.length > 0
      ? html`<div class="table-scroll"><table class="grid history" aria-label="Imports">
          <thead><tr>
            <th scope="col">Import Number</th><th scope="col">Description</th><th scope="col">Type</th><th scope="col">Status</th>
            <th scope="col">Complete Date</th><th scope="col">Created</th><th scope="col">Updated</th><th scope="col">Unchanged</th><th scope="col">Errors</th>
          </tr></thead>
          <tbody>${history.imports.map((i) => importRow(context, i, state.watching.includes(i.number)))}</tbody>
        </table></div>`
      : nothing}
    ${ui.openImport ? detailsView(context, ui.openImport) : nothing}
  `;
}

function importRow(context: ViewContext, summary: ImportSummary, watched: boolean): TemplateResult {
  const counts: RowCounts | null = summary.counts;
  const open = context.ui.openImport === summary.number;
  return html`<tr class=${open ? 'selected' : ''} data-import=${summary.number}>
    <td><vscode-button secondary aria-pressed=${open ? 'true' : 'false'} aria-label=${`Open import ${summary.number}`} @click=${() => context.setUi({ openImport: summary.number })}>${summary.number}</vscode-button></td>
    <td><span class="cell-text">${summary.description || summary.fileName}</span></td>
    <td>${summary.type}</td>
    <td>${statusBadge(summary.status)}${watched ? html` <span class="muted">${icon('loading', 'spin')}</span>` : nothing}${scheduleNote(summary) ? html`<div class="muted" data-import-schedule>${scheduleNote(summary)}</div>` : nothing}</td>
    <td>${formatDate(summary.completedAt)}</td>
    <td class="num">${counts?.create ?? '—'}</td>
    <td class="num">${counts?.update ?? '—'}</td>
    <td class="num">${counts?.unchanged ?? '—'}</td>
    <td class="num">${counts?.error ?? '—'}</td>
  </tr>`;
}

export function statusBadge(status: ImportSummary['status']): TemplateResult {
  const kind = status === 'Completed' ? 'ok' : status === 'Failed' ? 'failed' : status === 'Completed with errors' ? 'caution' : 'pending';
  return html`<span class="status ${kind}" data-status=${status}>${status}</span>`;
}

function detailsView(context: ViewContext, number: string): TemplateResult {
  const details = context.state.details;
  if (!details || details.import.number !== number) {
    return html`<section class="details" aria-label=${`Import ${number}`}>${taskStatus(context, 'details', { retry: () => context.send({ type: 'openImport', number }) })}</section>`;
  }
  const d: ImportDetails = details.import;
  const c = d.counts ?? d.expectedCounts;
  return html`<section class="details" aria-label=${`Import ${number}`}>
    <h3>Import ${d.number} ${statusBadge(d.status)}</h3>
    <dl class="review">
      <dt>File</dt><dd><span class="cell-text">${d.fileName}</span></dd>
      <dt>Description</dt><dd><span class="cell-text">${d.description || '(none)'}</span></dd>
      <dt>Submitted</dt><dd>${formatDate(d.submittedAt)} by <span class="cell-text">${d.submittedBy.name}</span></dd>
      ${scheduleNote(d) ? html`<dt>Runs</dt><dd data-import-schedule>${scheduleNote(d)} <span class="muted">(${formatDate(d.scheduledFor)})</span></dd>` : nothing}
      <dt>Complete Date</dt><dd>${formatDate(d.completedAt)}</dd>
      <dt>${d.counts ? 'Result' : 'Expected'}</dt><dd>${c.rows} rows: ${c.create} created, ${c.update} updated, ${c.unchanged} unchanged, ${c.conflict} in conflict, ${c.error} with errors, ${c.withoutSchool} without a school, ${c.addedToGroup} added to the group</dd>
      <dt>Choices</dt><dd>${d.options.conflictResolution === 'existing-wins' ? 'Existing record wins' : 'Imported record wins'}; ${d.options.existingPasswords === 'maintain' ? 'maintain passwords' : 'overwrite passwords'};
        ${d.customGroup ? html`students to <span class="cell-text">${d.customGroup.name}</span>` : 'no group'}; ${d.options.emailStaff ? 'staff e-mailed' : 'no e-mail'}</dd>
      ${d.failureReasons.length > 0 ? html`<dt>Why</dt><dd>${d.failureReasons.join(' ')}</dd>` : nothing}
    </dl>
    <div class="toolbar">
      <vscode-button icon="cloud-download" @click=${() => context.send({ type: 'downloadImport', number: d.number })}>Download the file into the workspace</vscode-button>
      <vscode-button icon="refresh" secondary @click=${() => context.send({ type: 'openImport', number: d.number })}>Refresh</vscode-button>
    </div>
    ${taskStatus(context, 'download')}
    <div class="table-scroll"><table class="grid" aria-label=${`Rows of import ${d.number}`}>
      <thead><tr><th scope="col">Line</th><th scope="col">District ID</th><th scope="col">Name</th><th scope="col">Outcome</th><th scope="col">School</th><th scope="col">Details</th></tr></thead>
      <tbody>${details.rows.map(rowView)}</tbody>
    </table></div>
    ${details.rowsTotal > details.rows.length ? html`<p class="muted">The first ${details.rows.length} of ${details.rowsTotal} rows.</p>` : nothing}
  </section>`;
}

function rowView(row: ImportRow): TemplateResult {
  const notes = [
    ...row.conflicts.map((k) => `${k.field}: file “${k.fileValue}”, Classworks “${k.existingValue}”, kept ${k.kept}`),
    ...row.changes.filter((ch) => ch.from !== null || ch.to !== null).map((ch) => `${ch.field}: ${ch.from ?? ''} → ${ch.to ?? ''}`),
    ...row.errors.map((e) => e.message),
    ...row.warnings.map((w) => w.message),
  ];
  return html`<tr>
    <td class="num">${row.line}</td>
    <td><span class="cell-text">${row.districtId}</span></td>
    <td><span class="cell-text">${row.firstName} ${row.lastName}</span></td>
    <td>${row.outcome}</td>
    <td>${row.school.name ? html`<span class="cell-text">${row.school.name}</span>` : html`<span class="muted">district only</span>`}</td>
    <td><span class="cell-text">${notes.join('; ')}</span></td>
  </tr>`;
}
