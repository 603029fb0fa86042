import type { JsonSchema } from '../../kit/types.js';

/** JSON Schema of a PayTrace transaction id (digits, kept as a string in Braid). */
export const transactionIdSchema: JsonSchema = { type: 'string', pattern: '^[0-9]{1,18}$' };

/** PayTrace takes transaction ids as JSON integers; ids beyond 2^53 stay strings. */
export function transactionIdValue(id: string): number | string {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : id;
}
