import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { shopifyGraphql } from '../graphql.js';
import { idSchema, toGid } from '../ids.js';

/** Input of `shopify.updateOrderNote`. */
export interface UpdateOrderNoteInput {
  orderId: string;
  /** Replaces the whole note; an empty string clears it. */
  note: string;
}

/** Output of `shopify.updateOrderNote`. */
export interface UpdateOrderNoteOutput {
  orderId: string;
  note: string | null;
  updatedAt: string;
}

const MUTATION = `mutation BraidUpdateOrderNote($input: OrderInput!) {
  orderUpdate(input: $input) {
    order { id note updatedAt }
    userErrors { field message }
  }
}`;

interface Result {
  order: { id: string; note: string | null; updatedAt: string };
}

async function run(
  input: UpdateOrderNoteInput,
  ctx: ConnectorContext,
): Promise<UpdateOrderNoteOutput> {
  const result = await shopifyGraphql<Result>(ctx, {
    query: MUTATION,
    variables: { input: { id: toGid('Order', input.orderId), note: input.note } },
    root: 'orderUpdate',
    expectedCost: 13,
  });
  return { orderId: result.order.id, note: result.order.note, updatedAt: result.order.updatedAt };
}

/** `shopify.updateOrderNote`: replaces an order's note (orderUpdate). */
export const updateOrderNoteOperation = defineOperation<
  UpdateOrderNoteInput,
  UpdateOrderNoteOutput
>({
  id: 'updateOrderNote',
  label: 'Update order note',
  description:
    'Replaces the note of an order (orderUpdate). The note is replaced, not appended, so repeating the step is harmless.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['orderId', 'note'],
    additionalProperties: false,
    properties: { orderId: idSchema('Order'), note: { type: 'string', maxLength: 5000 } },
  },
  output: {
    type: 'object',
    required: ['orderId', 'note', 'updatedAt'],
    properties: {
      orderId: { type: 'string' },
      note: { type: ['string', 'null'] },
      updatedAt: { type: 'string' },
    },
  },
  sample: {
    input: { orderId: '820982911946154508', note: 'Paid by PayTrace, transaction 395022187' },
    output: {
      orderId: 'gid://shopify/Order/820982911946154508',
      note: 'Paid by PayTrace, transaction 395022187',
      updatedAt: '2025-10-01T12:05:00-04:00',
    },
  },
  run,
});
