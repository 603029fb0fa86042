import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { type ShopifyUserError, shopifyGraphql, userErrorFailure } from '../graphql.js';
import { toOwnerGid } from '../ids.js';
import { StepFailure } from '@braid/engine';

/** One metafield to set. */
export interface MetafieldInput {
  /** Owner gid (any resource) or a numeric Order id; defaults to the input's `ownerId`. */
  ownerId?: string;
  namespace: string;
  key: string;
  /** Shopify metafield type, e.g. `single_line_text_field`, `number_integer`, `json`. */
  type: string;
  /** Always a string, as Shopify stores it (JSON types carry serialised JSON). */
  value: string;
}

/** Input of `shopify.setMetafields`. */
export interface SetMetafieldsInput {
  ownerId?: string;
  metafields: MetafieldInput[];
}

/** Output of `shopify.setMetafields`. */
export interface SetMetafieldsOutput {
  metafields: { id: string; namespace: string; key: string; type: string; value: string }[];
  /** How many metafieldsSet calls were made (Shopify takes at most 25 per call). */
  batches: number;
}

/** Shopify's limit of metafields per metafieldsSet call. */
export const METAFIELDS_PER_CALL = 25;

const MUTATION = `mutation BraidSetMetafields($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id namespace key type value }
    userErrors { field message code }
  }
}`;

interface Result {
  metafields: SetMetafieldsOutput['metafields'];
}

// Shopify reports `["metafields", "3", "value"]` relative to one call; shift the index so the
// path points into the step's own input.
function shiftIndex(err: unknown, offset: number): unknown {
  if (!(err instanceof StepFailure) || err.code !== 'SHOPIFY_USER_ERROR' || offset === 0)
    return err;
  const list = (err.details?.userErrors ?? []) as ShopifyUserError[];
  const shifted = list.map((e) => {
    const [head, index, ...rest] = e.field ?? [];
    return head === 'metafields' && index !== undefined && /^\d+$/.test(index)
      ? { ...e, field: [head, String(Number(index) + offset), ...rest] }
      : e;
  });
  return userErrorFailure('metafieldsSet', shifted);
}

async function run(input: SetMetafieldsInput, ctx: ConnectorContext): Promise<SetMetafieldsOutput> {
  const all = input.metafields.map((m, i) => {
    const owner = m.ownerId ?? input.ownerId;
    if (!owner) {
      throw new StepFailure({
        kind: 'fatal',
        code: 'INPUT_INVALID',
        message: `metafields[${i}] has no ownerId and the input has no default ownerId`,
      });
    }
    return {
      ownerId: toOwnerGid(owner),
      namespace: m.namespace,
      key: m.key,
      type: m.type,
      value: m.value,
    };
  });
  const out: SetMetafieldsOutput = { metafields: [], batches: 0 };
  // Each call is atomic and setting is idempotent, so a retry after a partial failure only
  // rewrites the same values.
  for (let offset = 0; offset < all.length; offset += METAFIELDS_PER_CALL) {
    const batch = all.slice(offset, offset + METAFIELDS_PER_CALL);
    try {
      const result = await shopifyGraphql<Result>(ctx, {
        query: MUTATION,
        variables: { metafields: batch },
        root: 'metafieldsSet',
        expectedCost: 13,
      });
      out.metafields.push(...result.metafields);
      out.batches += 1;
    } catch (err) {
      throw shiftIndex(err, offset);
    }
  }
  return out;
}

/** `shopify.setMetafields`: sets metafields (metafieldsSet), 25 per call. */
export const setMetafieldsOperation = defineOperation<SetMetafieldsInput, SetMetafieldsOutput>({
  id: 'setMetafields',
  label: 'Set metafields',
  description:
    'Creates or updates metafields (metafieldsSet). More than 25 are sent in batches of 25; each batch is atomic and repeating it is harmless.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['metafields'],
    additionalProperties: false,
    properties: {
      ownerId: {
        type: 'string',
        pattern: '^(\\d+|gid://shopify/[A-Za-z]+/\\d+)$',
        description: 'Default owner: a gid, or digits for an Order.',
      },
      metafields: {
        type: 'array',
        minItems: 1,
        maxItems: 250,
        items: {
          type: 'object',
          required: ['namespace', 'key', 'type', 'value'],
          additionalProperties: false,
          properties: {
            ownerId: { type: 'string', pattern: '^(\\d+|gid://shopify/[A-Za-z]+/\\d+)$' },
            namespace: { type: 'string', minLength: 2, maxLength: 255 },
            key: { type: 'string', minLength: 2, maxLength: 64 },
            type: { type: 'string', minLength: 1 },
            value: { type: 'string' },
          },
        },
      },
    },
  },
  output: {
    type: 'object',
    required: ['metafields', 'batches'],
    properties: {
      metafields: { type: 'array', items: { type: 'object' } },
      batches: { type: 'integer' },
    },
  },
  sample: {
    input: {
      ownerId: '820982911946154508',
      metafields: [
        {
          namespace: 'braid',
          key: 'paytrace_transaction_id',
          type: 'single_line_text_field',
          value: '395022187',
        },
      ],
    },
    output: {
      metafields: [
        {
          id: 'gid://shopify/Metafield/1069228936',
          namespace: 'braid',
          key: 'paytrace_transaction_id',
          type: 'single_line_text_field',
          value: '395022187',
        },
      ],
      batches: 1,
    },
  },
  run,
});
