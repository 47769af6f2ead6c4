import { html, nothing, type TemplateResult } from 'lit';
import type { ImportSnapshot, SnapshotProblem } from '../../panel/shared/protocol';
import type { ViewContext } from '../app';
import { heading, icon, notice, severityLabel, stepFooter, taskStatus } from '../widgets';

const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'error', label: 'Errors' },
  { value: 'warning', label: 'Warnings' },
  { value: 'info', label: 'Notes' },
] as const;

/** Step 4: the language server's problems, live; errors block, warnings may be accepted. */
export function renderValidate(context: ViewContext): TemplateResult {
  const { state, ui, gates } = context;
  const doc = state.document;
  const snapshot = doc?.snapshot;
  const intro = 'Errors must be resolved before going on; warnings may be accepted but should be fixed. The counts follow your edits in the editor.';
  if (!doc || !snapshot?.linted) return html`${heading(4, 'Validate', intro)}${stepFooter(context, 'schools', 'actions', false, gates.validate.reason)}`;
  const { errors, warnings, infos } = snapshot.counts;
  const filter = ui.problemFilter;
  const shown = snapshot.problems.filter((p) => filter === 'all' || p.severity === filter);
  const fixable = snapshot.problems.some((p) => p.fixTitle !== null);
  return html`
    ${heading(4, 'Validate', intro)}
    <div class="counts" role="group" aria-label="Problem counts">
      <span class="count error">${icon('error')} <strong data-count="errors">${errors}</strong> error${errors === 1 ? '' : 's'}</span>
      <span class="count warning">${icon('warning')} <strong data-count="warnings">${warnings}</strong> warning${warnings === 1 ? '' : 's'}</span>
      <span class="count info">${icon('info')} <strong data-count="infos">${infos}</strong> note${infos === 1 ? '' : 's'}</span>
    </div>
    <div class="toolbar">
      <vscode-button icon="wand" ?disabled=${!fixable} @click=${() => context.send({ type: 'fixAll' })}>Fix all safe problems</vscode-button>
      ${doc.dirty && !gates.validate.saveToGoOn ? html`<vscode-button secondary @click=${() => context.send({ type: 'save' })}>Save ${doc.fileName}</vscode-button>` : nothing}
      <vscode-radio-group aria-label="Show" @change=${(e: Event) => {
        const value = (e.target as HTMLInputElement).value as (typeof FILTERS)[number]['value'];
        if (FILTERS.some((f) => f.value === value)) context.setUi({ problemFilter: value });
      }}>
        ${FILTERS.map((f) => html`<vscode-radio name="problem-filter" value=${f.value} ?checked=${filter === f.value}>${f.label}</vscode-radio>`)}
      </vscode-radio-group>
    </div>
    ${taskStatus(context, 'fix')}
    ${errors + warnings + infos === 0 && !snapshot.hiddenErrors ? notice('success', 'No problems: the file is ready.') : nothing}
    ${snapshot.hiddenErrors ? hiddenErrorsView(context, snapshot.hiddenErrors) : nothing}
    ${shown.length > 0 ? html`<ul class="problems" aria-label="Problems">${shown.map((p) => problemItem(context, snapshot.version, p))}</ul>` : nothing}
    ${snapshot.problemsTruncated ? html`<p class="muted">Only the first ${snapshot.problems.length} problems are listed; the counts include all of them.</p>` : nothing}
    ${errors === 0 && warnings > 0
      ? html`<vscode-checkbox
          .checked=${ui.draft.acceptCautions}
          @change=${(e: Event) => context.setDraft({ acceptCautions: (e.target as HTMLInputElement).checked })}
          >Accept the ${warnings} warning${warnings === 1 ? '' : 's'} and go on</vscode-checkbox>`
      : nothing}
    ${stepFooter(
      context,
      'schools',
      'actions',
      gates.validate.ok,
      gates.validate.reason,
      // Only unsaved changes stand in the way: the Save button goes beside Next, not in the toolbar.
      gates.validate.saveToGoOn
        ? html`<vscode-button icon="save" @click=${() => context.send({ type: 'save' })}>Save ${doc.fileName}</vscode-button>`
        : undefined,
    )}
  `;
}

/**
 * Errors the import refuses although a severity setting hides them in the editor (the service
 * checks every rule at its default severity): listed as blocking, with the settings that hide them.
 */
function hiddenErrorsView(context: ViewContext, hidden: NonNullable<ImportSnapshot['hiddenErrors']>): TemplateResult {
  const where = (source: 'settings' | 'config') => (source === 'settings' ? 'the setting classworks.rules' : '"rules" in .classworks.json');
  const settings = hidden.settings.map((s) => `"${s.code}": "${s.severity}" (${where(s.source)})`).join(', ');
  return html`${notice(
    'error',
    html`<strong data-hidden-errors>${hidden.count} error${hidden.count === 1 ? '' : 's'}</strong> that the import refuses ${hidden.count === 1 ? 'is' : 'are'} hidden in the editor by ${settings}.
      That setting changes only what the editor shows: the import service checks every rule at its default severity and would refuse this file. Fix ${hidden.count === 1 ? 'it' : 'them'} to import the file.`,
  )}
    <ul class="problems" aria-label="Errors the import refuses, hidden in the editor">
      ${hidden.problems.map((p) => problemEntry(context, { ...p, severity: 'error' }, nothing))}
    </ul>`;
}

function problemItem(context: ViewContext, version: number, problem: SnapshotProblem): TemplateResult {
  const fix = (title: string, secondary: boolean) =>
    html`<vscode-button ?secondary=${secondary} @click=${() => context.send({ type: 'applyFix', version, index: problem.index, title })}>${title}</vscode-button>`;
  return problemEntry(context, problem, html`${problem.fixTitle ? fix(problem.fixTitle, false) : nothing}${problem.suggestionTitles.map((title) => fix(title, true))}`);
}

/** One problem of the list: severity, place, field, code, the message, Go to and `actions`. */
function problemEntry(
  context: ViewContext,
  problem: Pick<SnapshotProblem, 'severity' | 'range' | 'field' | 'code' | 'message'>,
  actions: TemplateResult | typeof nothing,
): TemplateResult {
  const where = `Line ${problem.range.start.line + 1}, column ${problem.range.start.character + 1}`;
  return html`<li class="problem sev-${problem.severity}">
    <div class="problem-head">
      <span class="sev ${problem.severity}">${icon(problem.severity === 'warning' ? 'warning' : problem.severity)} ${severityLabel(problem.severity)}</span>
      <span>${where}</span>${problem.field ? html`<span>· ${problem.field}</span>` : nothing}
      <code class="muted">${problem.code}</code>
    </div>
    <p class="cell-text">${problem.message}</p>
    <div class="problem-actions">
      <vscode-button secondary aria-label=${`Go to ${where}`} @click=${() => context.send({ type: 'reveal', range: problem.range })}>Go to</vscode-button>
      ${actions}
    </div>
  </li>`;
}
