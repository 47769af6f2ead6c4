import { html, nothing, type TemplateResult } from 'lit';
import { STEP_TITLES } from '../../panel/shared/protocol';
import { firstOpenStep } from '../../panel/shared/readiness';
import { processingSentence, scheduleNote } from '../../panel/shared/schedule';
import { schoolRows, usersWithoutSchool } from '../../panel/shared/schoolChoices';
import type { ViewContext } from '../app';
import { heading, icon, notice, taskStatus } from '../widgets';

/** Step 6: every choice at a glance, then Submit; the import number and its live status after. */
export function renderReview(context: ViewContext): TemplateResult {
  const { state, ui, gates } = context;
  const doc = state.document;
  const snapshot = doc?.snapshot;
  const draft = ui.draft;
  const district = state.district;
  const preview = state.preview;
  const mapped = snapshot?.columns.filter((c) => c.field !== null).length ?? 0;
  const rows = snapshot && district ? schoolRows(snapshot.schoolValues, district.schools, snapshot.config.schoolMapping ?? {}) : [];
  const group = draft.customGroupId === null ? 'No group' : (district?.groups.find((g) => g.id === draft.customGroupId)?.name ?? `group ${draft.customGroupId}`);
  const submitTask = state.tasks.submit;
  const submitted = state.submission;
  const open = firstOpenStep(gates);
  return html`
    ${heading(6, 'Review & Submit', `Check every choice, then submit. ${processingSentence(district)}`)}
    <dl class="review">
      <dt>File</dt><dd>${doc?.fileName ?? '—'} <span class="muted">${snapshot ? `${snapshot.dataRows} rows` : ''}</span></dd>
      <dt>Description</dt><dd>${draft.description.trim() || html`<span class="muted">(none)</span>`}</dd>
      <dt>Type</dt><dd>User Data</dd>
      <dt>District</dt><dd>${district?.name ?? html`<span class="muted">not connected</span>`}</dd>
      <dt>Fields</dt><dd>${snapshot ? `${mapped} of ${snapshot.columns.length} columns mapped; ${snapshot.requiredMissing.length === 0 ? 'every required field mapped' : `not mapped: ${snapshot.requiredMissing.join(', ')}`}` : '—'}</dd>
      <dt>Schools</dt><dd>${rows.length} value${rows.length === 1 ? '' : 's'}; ${usersWithoutSchool(rows)} user${usersWithoutSchool(rows) === 1 ? '' : 's'} without a school</dd>
      <dt>Validation</dt><dd>${snapshot ? `${snapshot.counts.errors} errors, ${snapshot.counts.warnings} warning${snapshot.counts.warnings === 1 ? '' : 's'}${snapshot.counts.warnings > 0 && draft.acceptCautions ? ' (accepted)' : ''}` : '—'}</dd>
      <dt>Conflicts</dt><dd>${draft.conflictResolution === 'existing-wins' ? 'Existing record wins' : 'Imported record wins'}</dd>
      <dt>Existing passwords</dt><dd>${draft.existingPasswords === 'maintain' ? 'Maintain password' : 'Overwrite password'}</dd>
      <dt>Custom group</dt><dd>${group}</dd>
      <dt>E-mail staff</dt><dd>${draft.emailStaff ? 'Yes: staff get their login information' : 'No'}</dd>
      <dt>Preview</dt><dd>${preview
        ? html`${preview.result.counts.create} to create, ${preview.result.counts.update} to update, ${preview.result.counts.unchanged} unchanged,
            ${preview.result.counts.conflict} in conflict, ${preview.result.counts.withoutSchool} without a school${preview.current ? '' : html` <strong class="caution-text">(out of date)</strong>`}`
        : html`<span class="muted">not made yet</span>`}</dd>
    </dl>
    ${!gates.review.ok && submitTask?.status !== 'running' && !submitted
      ? notice('caution', html`${gates.review.reason}`, open !== 'review' ? html`<vscode-button secondary @click=${() => context.go(open)}>Go to ${STEP_TITLES[open]}</vscode-button>` : undefined)
      : nothing}
    <div class="toolbar">
      <vscode-button icon="cloud-upload" id="submit-import" ?disabled=${!gates.review.ok} @click=${() => context.send({ type: 'submit' })}>Submit import</vscode-button>
    </div>
    ${taskStatus(context, 'submit', { retry: () => context.send({ type: 'submit' }) })}
    ${submitted
      ? notice(
          'success',
          html`Import <strong data-import-number>${submitted.import.number}</strong> ${submitted.replayed ? 'had already been submitted' : 'submitted'}:
            <strong data-import-status>${submitted.import.status}</strong>${scheduleNote(submitted.import) ? html`: <span data-import-schedule>${scheduleNote(submitted.import)}</span>` : nothing}.
            ${state.watching.includes(submitted.import.number) ? html`<span class="muted">Watching it until it completes…</span>` : nothing}`,
          html`<vscode-button secondary @click=${() => {
            context.setUi({ openImport: submitted.import.number });
            context.go('history');
          }}>Show in the history</vscode-button>`,
        )
      : nothing}
  `;
}
