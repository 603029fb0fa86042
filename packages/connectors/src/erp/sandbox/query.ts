import { QBO_ENTITIES } from '../client.js';
import { faults } from './qbo-faults.js';
import type { RealmStore, Rec } from './store.js';

const QUERY_RE =
  /^\s*select\s+\*\s+from\s+(\w+)(?:\s+where\s+(\w+)\s*=\s*'((?:[^'\\]|\\.)*)')?(?:\s+startposition\s+(\d+))?(?:\s+maxresults\s+(\d+))?\s*;?\s*$/i;

const QUERYABLE = new Set(['Id', 'DocNumber', 'DisplayName']);
const DEFAULT_MAX = 100;
const LIMIT_MAX = 1000;

/**
 * Runs the subset of QBO's query language the connector uses:
 * `select * from <Entity> [where <Id|DocNumber|DisplayName> = '<value>'] [startposition n] [maxresults n]`.
 * A backslash escapes a quote or a backslash inside the value.
 */
export function runQuery(store: RealmStore, query: string): Rec {
  const m = QUERY_RE.exec(query);
  if (!m) throw faults.query(`Encountered an unsupported statement: ${query}`);
  const [, rawEntity = '', fieldName, rawValue, start, max] = m;
  const entity = QBO_ENTITIES.find((e) => e.toLowerCase() === rawEntity.toLowerCase());
  if (!entity) throw faults.query(`Invalid context declaration: ${rawEntity}`);
  if (fieldName !== undefined && !QUERYABLE.has(fieldName)) {
    throw faults.query(`property '${fieldName}' is not queryable in the sandbox`);
  }
  const value = rawValue?.replace(/\\(.)/g, '$1');
  const startPosition = Math.max(1, Number(start ?? 1));
  const maxResults = Math.min(LIMIT_MAX, Number(max ?? DEFAULT_MAX));
  const matches = [...store.table(entity).values()]
    .filter((rec) => fieldName === undefined || rec[fieldName] === value)
    .sort((a, b) => Number(a.Id) - Number(b.Id))
    .slice(startPosition - 1, startPosition - 1 + maxResults);
  // An empty result is an empty QueryResponse, without the entity key or positions.
  if (matches.length === 0) return { QueryResponse: {} };
  return {
    QueryResponse: {
      [entity]: matches,
      startPosition,
      maxResults: matches.length,
    },
  };
}
