import { ResolverError } from './graphql-execute.js';
import { metafieldNode } from './graphql-objects.js';
import { inputObject, listValue } from './resolve-util.js';
import type { MetafieldRecord, ShopifyStore } from './store.js';

/** Shopify's limit of metafields per metafieldsSet call. */
export const MAX_METAFIELDS_PER_CALL = 25;

// Validators of the metafield types flows use; other types are refused like unknown ones.
const TYPES: Record<string, (value: string) => string | undefined> = {
  single_line_text_field: (v) => (v.includes('\n') ? 'Value must be a single line.' : undefined),
  multi_line_text_field: () => undefined,
  number_integer: (v) => (/^-?\d+$/.test(v) ? undefined : 'Value must be an integer.'),
  number_decimal: (v) => (/^-?\d+(\.\d+)?$/.test(v) ? undefined : 'Value must be a decimal.'),
  boolean: (v) => (v === 'true' || v === 'false' ? undefined : 'Value must be true or false.'),
  date: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? undefined : 'Value must be in YYYY-MM-DD format.'),
  date_time: (v) =>
    Number.isNaN(Date.parse(v)) ? 'Value must be an ISO 8601 date and time.' : undefined,
  url: (v) => (/^https?:\/\//.test(v) ? undefined : 'Value must be a valid URL.'),
  json: (v) => {
    try {
      JSON.parse(v);
      return undefined;
    } catch {
      return 'Value must be valid JSON.';
    }
  },
};

function setUserError(
  index: number,
  field: string,
  message: string,
  code: string,
): Record<string, unknown> {
  return {
    __typename: 'MetafieldsSetUserError',
    field: ['metafields', String(index), field],
    message,
    code,
    elementIndex: null,
  };
}

function ownerExists(store: ShopifyStore, ownerId: string): boolean {
  const m = /^gid:\/\/shopify\/(Order|Customer)\/(\d+)$/.exec(ownerId);
  if (!m) return false;
  return m[1] === 'Order' ? store.orders.has(m[2] ?? '') : store.customers.has(m[2] ?? '');
}

/** `metafieldsSet`: atomic create-or-update of up to 25 metafields. */
export function metafieldsSet(store: ShopifyStore, raw: unknown): Record<string, unknown> {
  const list = listValue(raw, 'MetafieldsSetInput');
  if (list.length > MAX_METAFIELDS_PER_CALL) {
    throw new ResolverError(
      `The input array size of ${list.length} is greater than the maximum allowed of ${MAX_METAFIELDS_PER_CALL}.`,
      'MAX_INPUT_SIZE_EXCEEDED',
    );
  }
  const inputs = list.map((m) =>
    inputObject(
      m,
      'MetafieldsSetInput',
      ['ownerId', 'key', 'value'],
      ['namespace', 'type', 'compareDigest'],
    ),
  );
  const errors: Record<string, unknown>[] = [];
  inputs.forEach((m, i) => {
    const ownerId = String(m.ownerId);
    const type = typeof m.type === 'string' ? m.type : undefined;
    if (typeof m.value !== 'string') {
      errors.push(setUserError(i, 'value', 'Value must be a string.', 'INVALID_VALUE'));
    } else if (!ownerExists(store, ownerId)) {
      errors.push(setUserError(i, 'ownerId', 'Owner does not exist.', 'INVALID'));
    } else if (!type || !TYPES[type]) {
      errors.push(
        setUserError(
          i,
          'type',
          `Type '${String(type)}' is not a valid metafield type.`,
          'INVALID_TYPE',
        ),
      );
    } else {
      const problem = TYPES[type]?.(m.value);
      if (problem) errors.push(setUserError(i, 'value', problem, 'INVALID_VALUE'));
    }
  });
  if (errors.length > 0) {
    // All or nothing: one bad metafield saves none.
    return { __typename: 'MetafieldsSetPayload', metafields: [], userErrors: errors };
  }
  const now = store.now();
  const saved: MetafieldRecord[] = inputs.map((m) => {
    const ownerId = String(m.ownerId);
    const namespace = typeof m.namespace === 'string' ? m.namespace : '$app';
    const key = String(m.key);
    const existing = store.metafields.find(
      (r) => r.ownerId === ownerId && r.namespace === namespace && r.key === key,
    );
    if (existing) {
      existing.value = String(m.value);
      existing.type = String(m.type);
      existing.updatedAt = now;
      return existing;
    }
    const record: MetafieldRecord = {
      id: store.newId(),
      ownerId,
      namespace,
      key,
      type: String(m.type),
      value: String(m.value),
      createdAt: now,
      updatedAt: now,
    };
    store.metafields.push(record);
    return record;
  });
  return {
    __typename: 'MetafieldsSetPayload',
    metafields: saved.map(metafieldNode),
    userErrors: [],
  };
}
