import { html, nothing, type TemplateResult } from 'lit';
import type { ViewContext } from '../app';
import { districtBox, heading, icon, notice, stepFooter, taskStatus } from '../widgets';

/** Step 1: the file (the open document), its description and type, and the district. */
export function renderUpload(context: ViewContext): TemplateResult {
  const { state, ui, gates } = context;
  const doc = state.document;
  if (!doc) return html`${heading(1, 'Upload')}${notice('info', 'Open a CSV file and run "Classworks: Open Import Panel" for it.')}`;
  const snapshot = doc.snapshot;
  return html`
    ${heading(1, 'Upload', 'The file to import is the document open in the editor: the import sends it as it is saved.')}
    <section class="card" aria-label="File">
      <p class="file-line">${icon('file')} <strong>${doc.fileName}</strong> ${doc.displayPath !== doc.fileName ? html`<span class="muted">${doc.displayPath}</span>` : nothing}</p>
      ${snapshot?.linted
        ? html`<p>${snapshot.dataRows} data row${snapshot.dataRows === 1 ? '' : 's'}${snapshot.hasHeaderRow ? ' below a header row' : ', no header row'}.
            ${snapshot.counts.errors + snapshot.counts.warnings > 0
              ? html`The editor shows ${snapshot.counts.errors} error${snapshot.counts.errors === 1 ? '' : 's'} and ${snapshot.counts.warnings} warning${snapshot.counts.warnings === 1 ? '' : 's'}.`
              : html`The editor shows no problems.`}</p>`
        : snapshot
          ? notice(
              'caution',
              'The file is not checked as an enrollment file (its first row names too few Classworks fields).',
              html`<vscode-button @click=${() => context.send({ type: 'markFile' })}>Treat it as an enrollment file</vscode-button>`,
            )
          : html`<p class="muted">Waiting for the language server…</p>`}
      ${doc.dirty
        ? notice('caution', html`<strong>${doc.fileName}</strong> has unsaved changes. Save it before the preview and the import.`, html`<vscode-button @click=${() => context.send({ type: 'save' })}>Save</vscode-button>`)
        : nothing}
      ${snapshot && snapshot.configErrors.length > 0
        ? notice('error', html`<code>.classworks.json</code> cannot be read, so it is ignored: ${snapshot.configErrors.join('; ')}`)
        : nothing}
    </section>
    <section class="form-grid" aria-label="Import">
      <vscode-label for="import-description">Description</vscode-label>
      <vscode-textfield
        id="import-description"
        placeholder="e.g. First Street ES Student File"
        maxlength="200"
        .value=${ui.draft.description}
        @input=${(e: Event) => context.setDraft({ description: (e.target as HTMLInputElement).value })}
      ></vscode-textfield>
      <vscode-label for="import-type">Import type</vscode-label>
      <vscode-single-select id="import-type" disabled value="User Data"><vscode-option value="User Data">User Data</vscode-option></vscode-single-select>
    </section>
    <section aria-label="District">
      <h3>District</h3>
      ${districtBox(context)}
      ${taskStatus(context, 'connect')}
    </section>
    ${stepFooter(context, null, 'map', gates.upload.ok, gates.upload.reason)}
  `;
}
