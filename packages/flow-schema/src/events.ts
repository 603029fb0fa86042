/**
 * Whether a webhook trigger's `event` pattern accepts a delivered event: `*` takes any event,
 * `customers/*` any event under `customers/`, anything else only itself.
 */
export function eventMatches(pattern: string, event: string): boolean {
  if (pattern === '*' || pattern === event) return true;
  return pattern.endsWith('/*') && event.startsWith(pattern.slice(0, -1));
}
