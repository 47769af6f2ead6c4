/** Small view pieces shared by the steps. Every value is bound as text. */
import { html, nothing, type TemplateResult } from 'lit';
import type { PanelState, Task, TaskState } from '../panel/shared/protocol';
import type { ViewContext } from './app';

/** A codicon (decorative: hidden from screen readers; the text next to it says the same). */
export function icon(name: string, extra = ''): TemplateResult {
  return html`<span class="codicon codicon-${name} ${extra}" aria-hidden="true"></span>`;
}

export function heading(number: number | null, title: string, intro?: TemplateResult | string): TemplateResult {
  return html`<h2 id="step-heading" tabindex="-1">${number === null ? '' : `${number}. `}${title}</h2>
    ${intro ? html`<p class="intro">${intro}</p>` : nothing}`;
}

export function notice(kind: 'info' | 'caution' | 'error' | 'success', body: TemplateResult | string, actions?: TemplateResult): TemplateResult {
  const role = kind === 'error' ? 'alert' : nothing;
  const glyph = { info: 'info', caution: 'warning', error: 'error', success: 'pass' }[kind];
  return html`<div class="notice ${kind}" role=${role}>
    ${icon(glyph)}
    <div class="notice-body">${body}${actions ? html`<div class="notice-actions">${actions}</div>` : nothing}</div>
  </div>`;
}

/** A task's progress or failure, with Cancel while it runs when it can be cancelled. */
export function taskStatus(context: ViewContext, task: Task, options: { retry?: () => void } = {}): TemplateResult {
  const state: TaskState | undefined = context.state.tasks[task];
  if (!state || state.status === 'idle') {
    return state?.message ? html`<p class="task-note muted">${state.message}</p>` : html``;
  }
  if (state.status === 'running') {
    return html`<div class="task running">
      <vscode-progress-ring aria-label=${state.message ?? 'Working'}></vscode-progress-ring>
      <span>${state.message}</span>
      ${state.cancellable ? html`<vscode-button secondary @click=${() => context.send({ type: 'cancel', task })}>Cancel</vscode-button>` : nothing}
    </div>`;
  }
  if (state.status === 'failed') {
    return notice(
      'error',
      html`<strong>${state.message}</strong>
        ${state.hint ? html`<p>${state.hint}</p>` : nothing}
        ${state.problems.length > 0
          ? html`<ul class="problem-list">
              ${state.problems.slice(0, 20).map((p) => html`<li><span class="sev ${p.severity}">${severityLabel(p.severity)}</span> line ${p.line}: ${p.message} <code>${p.code}</code></li>`)}
              ${state.problems.length > 20 ? html`<li>… and ${state.problems.length - 20} more</li>` : nothing}
            </ul>`
          : nothing}`,
      options.retry && state.retryable ? html`<vscode-button @click=${options.retry}>Retry</vscode-button>` : undefined,
    );
  }
  return state.message ? html`<p class="task-note success">${icon('check')} ${state.message}</p>` : html``;
}

export function severityLabel(severity: 'error' | 'warning' | 'info'): string {
  return severity === 'error' ? 'Error' : severity === 'warning' ? 'Warning' : 'Note';
}

/**
 * Back / Next under a step; Next is disabled with the reason shown when the step is not complete.
 * `unblock`: a button beside Next that removes what blocks it (Save), shown only while blocked.
 */
export function stepFooter(
  context: ViewContext,
  back: Parameters<ViewContext['go']>[0] | null,
  next: Parameters<ViewContext['go']>[0] | null,
  gateOk: boolean,
  reason: string | null,
  unblock?: TemplateResult,
): TemplateResult {
  return html`<footer class="step-footer">
    ${!gateOk && reason ? html`<p class="blocked" id="next-blocked">${icon('circle-slash')} ${reason}</p>` : nothing}
    <div class="buttons">
      ${back ? html`<vscode-button secondary @click=${() => context.go(back)}>Back</vscode-button>` : nothing}
      ${!gateOk && unblock ? unblock : nothing}
      ${next
        ? html`<vscode-button ?disabled=${!gateOk} aria-describedby=${!gateOk && reason ? 'next-blocked' : nothing} @click=${() => context.go(next)}>Next</vscode-button>`
        : nothing}
    </div>
  </footer>`;
}

/** The district box: connected, connecting, or the offer to start the sandbox / connect. */
export function districtBox(context: ViewContext): TemplateResult {
  const { connection, district } = context.state;
  const busy = context.state.tasks.connect?.status === 'running' || connection.status === 'connecting';
  if (connection.status === 'connected') {
    return notice(
      'success',
      html`Connected to <strong>${district?.name ?? 'the district'}</strong>
        ${connection.kind === 'sandbox' ? html`— the local sandbox district at <code>${connection.url}</code>` : html`at <code>${connection.url}</code>`}
        ${connection.account ? html`as ${connection.account.name}` : nothing}.
        ${district ? html`<span class="muted">${district.schools.length} schools, ${district.groups.length} custom groups.</span>` : nothing}`,
      html`<vscode-button secondary @click=${() => context.send({ type: 'disconnect' })}>${connection.kind === 'sandbox' ? 'Stop sandbox' : 'Disconnect'}</vscode-button>`,
    );
  }
  const why = connection.message ? html`<p>${connection.message}</p>` : nothing;
  return notice(
    connection.status === 'failed' ? 'error' : 'info',
    html`${connection.status === 'failed' ? html`<strong>Not connected.</strong>` : html`<strong>No district is connected.</strong>`} ${why}
      <p>The local sandbox district runs the Classworks import service on this computer, with the schools of your
        <code>.classworks.json</code>, so you can try the whole import safely. Or connect to your district's import service with an administrator's token
        (kept in VS Code's secret storage).</p>
      ${busy ? html`<div class="task running"><vscode-progress-ring></vscode-progress-ring><span>${connection.message ?? 'Connecting…'}</span></div>` : nothing}`,
    html`<vscode-button ?disabled=${busy} @click=${() => context.send({ type: 'startSandbox' })}>Start local sandbox district</vscode-button>
      <vscode-button secondary ?disabled=${busy} @click=${() => context.send({ type: 'connect' })}>Connect to a district…</vscode-button>`,
  );
}

export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function isConnected(state: PanelState): boolean {
  return state.connection.status === 'connected' && state.district !== null;
}
