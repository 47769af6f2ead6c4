/**
 * What each step of the import needs before the user may go on, decided in one place for the
 * webview (Next buttons, the step list) and the host ("Classworks: Submit Import").
 * Pure: no vscode, no DOM.
 */
import type { Draft, PanelState, Step } from './protocol';
import { schoolRows } from './schoolChoices';

export interface StepGate {
  /** The step is complete: the user may go past it. */
  ok: boolean;
  /** Why not, in a sentence that says what to do. */
  reason: string | null;
  /** Saving the file is all that blocks the step: the view offers a Save button with the reason. */
  saveToGoOn?: boolean;
}

const OK: StepGate = { ok: true, reason: null };
const blocked = (reason: string): StepGate => ({ ok: false, reason });

export type Gates = Record<Exclude<Step, 'history'>, StepGate>;

export function stepGates(state: PanelState, draft: Draft): Gates {
  const doc = state.document;
  const snapshot = doc?.snapshot ?? null;

  let upload = OK;
  if (!doc) upload = blocked('Open a CSV file and run "Classworks: Open Import Panel" for it.');
  else if (!snapshot) upload = blocked('Waiting for the language server to check the file…');
  else if (!snapshot.linted) {
    upload = blocked('The file is not checked as an enrollment file yet: treat it as one to map its columns.');
  } else if (state.connection.status !== 'connected') upload = blocked('Connect to a district, or start the local sandbox district.');

  let map = OK;
  if (!snapshot) map = blocked('Waiting for the language server to check the file…');
  else if (snapshot.unidentified) map = blocked('Tell which column holds which field: the first row is not a header Classworks recognises.');
  else if (snapshot.requiredMissing.length > 0) {
    map = blocked(`Map every required field to a column; not mapped: ${snapshot.requiredMissing.join(', ')}.`);
  } else if (snapshot.duplicates.length > 0) {
    const d = snapshot.duplicates[0];
    map = blocked(`Columns ${(d?.firstColumn ?? 0) + 1} and ${(d?.column ?? 0) + 1} both map to ${d?.field}: map one of them to another field.`);
  }

  const schools = state.district ? OK : blocked('Connect to a district to map its schools.');

  let validate = OK;
  if (!snapshot) validate = blocked('Waiting for the language server to check the file…');
  else if (snapshot.counts.errors > 0) {
    validate = blocked(`Resolve the ${plural(snapshot.counts.errors, 'error')} first: errors block the import.`);
  } else if (snapshot.hiddenErrors) {
    validate = blocked(
      `Resolve the ${plural(snapshot.hiddenErrors.count, 'error')} that your severity settings hide in the editor: the import checks every rule at its default severity and refuses the file.`,
    );
  } else if (snapshot.counts.warnings > 0 && !draft.acceptCautions) {
    validate = blocked(`Fix the ${plural(snapshot.counts.warnings, 'warning')} or accept ${snapshot.counts.warnings === 1 ? 'it' : 'them'}.`);
  } else if (doc?.dirty) {
    // The counts above are the editor's; the preview and the import read the file on disk.
    validate = {
      ok: false,
      reason: `Save ${doc.fileName} to go on: the import reads the file as saved on disk, and your changes in the editor are not saved yet. Press Ctrl+S in the editor (⌘S on a Mac).`,
      saveToGoOn: true,
    };
  }

  let actions = OK;
  if (draft.customGroupId !== null && state.district && !state.district.groups.some((g) => g.id === draft.customGroupId)) {
    actions = blocked('The chosen custom group no longer exists in the district: choose another one.');
  } else if (!state.preview) actions = blocked('Preview the import (a dry run) to see what it will do.');
  else if (!state.preview.current) actions = blocked('The file or your choices changed since the preview: preview again.');
  else if (!state.preview.result.submittable) actions = blocked('The preview found errors that block the import: fix them and preview again.');

  const earlier = [upload, map, schools, validate, actions].find((g) => !g.ok);
  let review = earlier ?? OK;
  if (review.ok && state.tasks.submit?.status === 'running') review = blocked('Submitting…');
  return { upload, map, schools, validate, actions, review };
}

const ORDER = ['upload', 'map', 'schools', 'validate', 'actions'] as const;

/**
 * The steps the step list ticks as complete: steps before the first blocked one that the user
 * has visited (a step never seen is not "complete", even when nothing blocks it), and School
 * Mapping only when no value is left unmapped without a decision (mapped, or "No school").
 */
export function completedSteps(state: PanelState, gates: Gates, visited: readonly Step[]): Set<Step> {
  const done = new Set<Step>();
  for (const step of ORDER) {
    if (!gates[step].ok) break;
    if (!visited.includes(step)) continue;
    if (step === 'schools' && unmappedSchoolValues(state) > 0) continue;
    done.add(step);
  }
  return done;
}

/** School SIS ID values that lead to no school and that the user has not mapped to "No school". */
export function unmappedSchoolValues(state: PanelState): number {
  const snapshot = state.document?.snapshot;
  if (!snapshot || !state.district) return 0;
  return schoolRows(snapshot.schoolValues, state.district.schools, snapshot.config.schoolMapping ?? {}).filter(
    (row) => row.resolved.sisId === null && row.target.kind === 'auto',
  ).length;
}

/** The first step that is not complete, or 'review' when everything is. */
export function firstOpenStep(gates: Gates): Exclude<Step, 'history'> {
  for (const step of ['upload', 'map', 'schools', 'validate', 'actions'] as const) if (!gates[step].ok) return step;
  return 'review';
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
