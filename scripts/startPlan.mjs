// The decisions of `npm start` (scripts/start.mjs), kept pure so that a test can run them:
// what to do with the sample workspace and whether to start at all, from what the script found
// BEFORE it touched anything.

/**
 * @typedef {object} StartFacts
 * @property {boolean} workspaceIsSample  the workspace is the sample copy in the tools cache
 * @property {boolean} sampleExists       that copy already exists (it may hold the user's edits)
 * @property {boolean} freshSample        --fresh-sample: replace the copy with samples/district
 * @property {boolean} useCodeServer      code-server (else desktop VS Code, no port)
 * @property {number} port                code-server's port
 * @property {'free' | 'code-server' | 'other'} portState  what answers on 127.0.0.1:port now
 * @property {{ pid: number, workspace: string, url?: string } | undefined} running  another `npm start` of this tools folder that is still alive
 */

/**
 * @param {StartFacts} facts
 * @returns {{ start: false, problem: string } | { start: true, sample: 'copy' | 'reset' | 'reuse' | 'none' }}
 */
export function planStart(facts) {
  const { workspaceIsSample, sampleExists, freshSample, useCodeServer, port, portState, running } = facts;
  const unchanged = 'Nothing was copied, deleted or started.';
  if (running) {
    const where = running.url ? `at ${running.url}` : 'in VS Code';
    return {
      start: false,
      problem:
        `another "npm start" (pid ${running.pid}) is still running with ${running.workspace} open ${where}. ` +
        `Use that window, or stop it first (Ctrl-C in its terminal). ${unchanged}`,
    };
  }
  if (useCodeServer && portState !== 'free') {
    const who = portState === 'code-server' ? 'a code-server (an earlier "npm start"?) already answers there' : 'another program listens there';
    return {
      start: false,
      problem: `port ${port} is in use: ${who}. Stop it, or pick another port: PORT=9000 npm start. ${unchanged}`,
    };
  }
  if (!workspaceIsSample) return { start: true, sample: 'none' };
  if (!sampleExists) return { start: true, sample: 'copy' };
  return { start: true, sample: freshSample ? 'reset' : 'reuse' };
}
