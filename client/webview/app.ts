import { html, nothing, render, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import {
  DEFAULT_DRAFT,
  type Draft,
  hostMessageSchema,
  type PanelState,
  STEP_TITLES,
  STEPS,
  type Step,
  type Task,
  type WebviewMessage,
  webviewMessageSchema,
  type WebviewState,
  webviewStateSchema,
} from '../panel/shared/protocol';
import { completedSteps, type Gates, stepGates } from '../panel/shared/readiness';
import { renderActions } from './steps/actions';
import { renderHistory } from './steps/history';
import { renderMap } from './steps/map';
import { renderReview } from './steps/review';
import { renderSchools } from './steps/schools';
import { renderUpload } from './steps/upload';
import { renderValidate } from './steps/validate';
import type { VsCodeApi } from './vscodeApi';
import { icon } from './widgets';

/** What every step's view gets. */
export interface ViewContext {
  state: PanelState;
  ui: WebviewState;
  gates: Gates;
  send(message: WebviewMessage): void;
  setDraft(patch: Partial<Draft>): void;
  setUi(patch: Partial<WebviewState>): void;
  go(step: Step): void;
}

const DEFAULT_UI: WebviewState = { step: 'upload', draft: DEFAULT_DRAFT, openImport: null, problemFilter: 'all', documentUri: null, visited: ['upload'] };
const LIVE_TASKS: readonly Task[] = ['connect', 'mapping', 'fix', 'preview', 'submit', 'history', 'details', 'download'];

/**
 * The panel's UI: renders the host's state with lit templates (every value is a text binding:
 * nothing from the CSV is ever parsed as HTML), keeps the user's place and choices with
 * setState, and sends the user's intents to the host.
 */
export class PanelApp {
  private state: PanelState | null = null;
  private ui: WebviewState;
  /** Counts this webview's draft changes; the host acknowledges them (PanelState.draftAck). */
  private seq = 0;
  private focusHeading = false;
  private requested = new Set<string>();

  constructor(
    private readonly api: VsCodeApi,
    private readonly root: HTMLElement,
  ) {
    const saved = webviewStateSchema.safeParse(api.getState());
    this.ui = saved.success ? saved.data : DEFAULT_UI;
  }

  start(): void {
    // The page's static "Loading…" line goes: from here on lit owns the container.
    this.root.replaceChildren();
    this.render();
    this.send({ type: 'ready' });
  }

  receive(data: unknown): void {
    const parsed = hostMessageSchema.safeParse(data);
    if (!parsed.success) {
      console.warn(`Classworks import panel: ignored a malformed message (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'showStep') {
      this.go(message.step);
      return;
    }
    const state = message.state;
    const documentUri = state.document?.uri ?? null;
    let ui = this.ui;
    if (documentUri !== ui.documentUri) {
      // Another file starts at its first step; without a file there is only the history.
      const step: Step = documentUri === null ? 'history' : ui.documentUri === null && ui.step === 'history' ? 'history' : 'upload';
      ui = { ...ui, documentUri, step, visited: [step] };
    }
    // The host's draft, unless this webview's own newer changes are still on their way.
    if (state.draftAck >= this.seq) ui = { ...ui, draft: state.draft };
    this.state = state;
    this.ui = ui;
    this.save();
    this.render();
    this.loadWhatTheStepNeeds();
  }

  send(message: WebviewMessage): void {
    // Our own messages follow the same schema the host checks.
    const checked = webviewMessageSchema.safeParse(message);
    if (!checked.success) {
      console.error('Classworks import panel: refusing to send a malformed message', checked.error.issues);
      return;
    }
    this.api.postMessage(checked.data);
  }

  private go(step: Step): void {
    this.ui = { ...this.ui, step, visited: this.ui.visited.includes(step) ? this.ui.visited : [...this.ui.visited, step] };
    this.focusHeading = true;
    this.save();
    this.render();
    this.loadWhatTheStepNeeds();
  }

  private setDraft(patch: Partial<Draft>): void {
    const draft = { ...this.ui.draft, ...patch };
    this.ui = { ...this.ui, draft };
    this.seq++;
    this.send({ type: 'draft', draft, seq: this.seq });
    this.save();
    this.render();
  }

  private setUi(patch: Partial<WebviewState>): void {
    this.ui = { ...this.ui, ...patch };
    this.save();
    this.render();
    this.loadWhatTheStepNeeds();
  }

  private save(): void {
    this.api.setState(this.ui);
  }

  /** The history and an open import's details are loaded when their view is shown. */
  private loadWhatTheStepNeeds(): void {
    const state = this.state;
    if (!state || state.connection.status !== 'connected' || this.ui.step !== 'history') return;
    const key = `${state.connection.url}`;
    if (!state.history && state.tasks.history?.status !== 'running' && !this.requested.has(`history:${key}`)) {
      this.requested.add(`history:${key}`);
      this.send({ type: 'loadHistory' });
    }
    const open = this.ui.openImport;
    if (open && state.details?.import.number !== open && state.tasks.details?.status !== 'running' && !this.requested.has(`details:${key}:${open}`)) {
      this.requested.add(`details:${key}:${open}`);
      this.send({ type: 'openImport', number: open });
    }
  }

  private render(): void {
    render(this.view(), this.root);
    if (this.focusHeading) {
      this.focusHeading = false;
      this.root.querySelector<HTMLElement>('#step-heading')?.focus();
    }
  }

  private view(): TemplateResult {
    const state = this.state;
    if (!state) return html`<p class="loading" role="status">Loading the import panel…</p>`;
    const gates = stepGates(state, this.ui.draft);
    const context: ViewContext = {
      state,
      ui: this.ui,
      gates,
      send: (m) => this.send(m),
      setDraft: (p) => this.setDraft(p),
      setUi: (p) => this.setUi(p),
      go: (s) => this.go(s),
    };
    const step = state.document || this.ui.step === 'history' ? this.ui.step : 'history';
    return html`
      <header class="top">
        <h1>${state.document ? html`Import <span class="file">${state.document.fileName}</span>` : 'Classworks import history'}</h1>
        ${connectionBadge(state)}
      </header>
      <div class="layout">
        ${this.nav(state, gates, step)}
        <main class="step" aria-labelledby="step-heading">${keyed(`${state.document?.uri ?? ''}#${step}`, this.stepView(step, context))}</main>
      </div>
      ${this.liveRegion(state)}
    `;
  }

  private nav(state: PanelState, gates: Gates, current: Step): TemplateResult {
    const firstBlocked = (['upload', 'map', 'schools', 'validate', 'actions'] as const).findIndex((s) => !gates[s].ok);
    const completed = completedSteps(state, gates, [...this.ui.visited, current]);
    return html`<nav class="steps" aria-label="Import steps">
      <ol>
        ${STEPS.map((step, index) => {
          const isHistory = step === 'history';
          const reachable = isHistory || (state.document !== null && (firstBlocked === -1 || index <= firstBlocked));
          const done = completed.has(step);
          return html`<li>
            <button
              type="button"
              class="step-link ${step === current ? 'current' : ''} ${done ? 'done' : ''}"
              aria-current=${step === current ? 'step' : nothing}
              ?disabled=${!reachable}
              title=${!reachable ? 'Complete the steps before this one first' : STEP_TITLES[step]}
              @click=${() => this.go(step)}
            >
              <span class="step-number" aria-hidden="true">${isHistory ? icon('history') : done ? icon('check') : index + 1}</span>
              <span class="step-title">${STEP_TITLES[step]}</span>
              ${done ? html`<span class="visually-hidden">(complete)</span>` : nothing}
            </button>
          </li>`;
        })}
      </ol>
    </nav>`;
  }

  private stepView(step: Step, context: ViewContext): TemplateResult {
    switch (step) {
      case 'upload':
        return renderUpload(context);
      case 'map':
        return renderMap(context);
      case 'schools':
        return renderSchools(context);
      case 'validate':
        return renderValidate(context);
      case 'actions':
        return renderActions(context);
      case 'review':
        return renderReview(context);
      case 'history':
        return renderHistory(context);
    }
  }

  /** What the running or just finished work says, read out by screen readers. */
  private liveRegion(state: PanelState): TemplateResult {
    const lines = LIVE_TASKS.map((t) => state.tasks[t])
      .filter((t) => t && (t.status === 'running' || t.status === 'failed'))
      .map((t) => t?.message ?? '');
    return html`<div class="visually-hidden" role="status" aria-live="polite">${lines.join(' ')}</div>`;
  }
}

function connectionBadge(state: PanelState): TemplateResult {
  const c = state.connection;
  if (c.status === 'connected') {
    return html`<p class="connection connected">${icon('plug')} ${state.district?.name ?? 'District'}
      <span class="muted">(${c.kind === 'sandbox' ? 'local sandbox' : c.url})</span></p>`;
  }
  if (c.status === 'connecting') return html`<p class="connection">${icon('loading', 'spin')} Connecting…</p>`;
  return html`<p class="connection disconnected">${icon('debug-disconnect')} No district connected</p>`;
}
