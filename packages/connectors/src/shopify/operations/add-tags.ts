import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { shopifyGraphql } from '../graphql.js';
import { idSchema, toGid } from '../ids.js';

/** Input of `shopify.addTags`. */
export interface AddTagsInput {
  orderId: string;
  tags: string[];
}

/** Output of `shopify.addTags`. */
export interface AddTagsOutput {
  orderId: string;
  /** All tags of the order after the call. */
  tags: string[];
}

const MUTATION = `mutation BraidAddTags($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) {
    node { id ... on Order { tags } }
    userErrors { field message }
  }
}`;

interface Result {
  node: { id: string; tags?: string[] };
}

async function run(input: AddTagsInput, ctx: ConnectorContext): Promise<AddTagsOutput> {
  const result = await shopifyGraphql<Result>(ctx, {
    query: MUTATION,
    variables: { id: toGid('Order', input.orderId), tags: input.tags },
    root: 'tagsAdd',
    expectedCost: 13,
  });
  return { orderId: result.node.id, tags: result.node.tags ?? [] };
}

/** `shopify.addTags`: adds tags to an order, keeping the existing ones (tagsAdd). */
export const addTagsOperation = defineOperation<AddTagsInput, AddTagsOutput>({
  id: 'addTags',
  label: 'Add order tags',
  description:
    'Adds tags to an order, keeping those it has (tagsAdd). Adding a tag twice keeps one copy, so repeating the step is harmless.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['orderId', 'tags'],
    additionalProperties: false,
    properties: {
      orderId: idSchema('Order'),
      tags: {
        type: 'array',
        minItems: 1,
        maxItems: 250,
        items: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^,]+$' },
      },
    },
  },
  output: {
    type: 'object',
    required: ['orderId', 'tags'],
    properties: { orderId: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
  },
  sample: {
    input: { orderId: '820982911946154508', tags: ['paytrace-paid'] },
    output: {
      orderId: 'gid://shopify/Order/820982911946154508',
      tags: ['paytrace-paid', 'wholesale'],
    },
  },
  run,
});
