/** Timestamps as the API and the database keep them: ISO 8601, UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}
