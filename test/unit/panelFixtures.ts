import { DEFAULT_DRAFT, IDLE_TASK, type ImportSnapshot, type PanelState, TASKS } from '../../client/panel/shared/protocol';

/**
 * The import panel's state for a document (`fileName`, checked as `snapshot`), connected to the
 * sandbox district with two schools and one group, every task idle, nothing previewed or
 * submitted; `over` replaces any part.
 */
export function panelState(snapshot: ImportSnapshot | null, over: Partial<PanelState> = {}, fileName = 'students.csv'): PanelState {
  return {
    document: { uri: snapshot?.uri ?? `file:///w/${fileName}`, fileName, displayPath: fileName, dirty: false, snapshot },
    connection: { status: 'connected', kind: 'sandbox', url: 'http://127.0.0.1:4000', account: { name: 'Admin', username: 'admin' }, message: null },
    district: {
      name: 'Sandbox District',
      schools: [
        { sisId: '00123', name: 'Lincoln Elementary' },
        { sisId: 'HS01', name: 'Ridgeview High School' },
      ],
      groups: [{ id: 1, name: 'Readers', memberCount: 0 }],
    },
    tasks: Object.fromEntries(TASKS.map((t) => [t, IDLE_TASK])) as PanelState['tasks'],
    preview: null,
    submission: null,
    history: null,
    details: null,
    watching: [],
    draft: DEFAULT_DRAFT,
    draftAck: 0,
    ...over,
  };
}
