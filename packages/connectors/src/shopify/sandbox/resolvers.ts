import type { RootResolvers } from './graphql-execute.js';
import { customerNode, orderNode } from './graphql-objects.js';
import { moneyMutations } from './money-mutations.js';
import { metafieldsSet } from './metafields.js';
import { enumValue, gidId, inputObject, listValue, userError } from './resolve-util.js';
import type { ShopifyStore } from './store.js';

const RISK_LEVELS = ['HIGH', 'MEDIUM', 'LOW', 'NONE', 'PENDING'] as const;
const SENTIMENTS = ['POSITIVE', 'NEUTRAL', 'NEGATIVE'] as const;

function splitTags(value: unknown): string[] {
  // Shopify accepts a list, and splits each entry on commas too.
  const list = Array.isArray(value) ? value : [value];
  return list
    .flatMap((t) => String(t).split(','))
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The GraphQL root fields the sandbox serves. */
export function shopifyResolvers(store: ShopifyStore): RootResolvers {
  const orderFor = (gid: unknown): Record<string, unknown> | undefined =>
    store.orders.get(gidId(gid, 'Order'));
  return {
    query: {
      order: ({ id }) => {
        const order = orderFor(id);
        return order ? orderNode(store, order) : null;
      },
      customer: ({ id }) => {
        const customer = store.customers.get(gidId(id, 'Customer'));
        return customer ? customerNode(store, customer) : null;
      },
    },
    mutation: {
      ...moneyMutations(store),
      metafieldsSet: ({ metafields }) => metafieldsSet(store, metafields),
      orderUpdate: ({ input }) => {
        const fields = inputObject(
          input,
          'OrderInput',
          ['id'],
          ['note', 'tags', 'email', 'customAttributes'],
        );
        const order = orderFor(fields.id);
        if (!order) {
          return {
            __typename: 'OrderUpdatePayload',
            order: null,
            userErrors: [userError(['id'], 'Order does not exist')],
          };
        }
        if (fields.note !== undefined) order.note = fields.note;
        if (fields.email !== undefined) order.email = fields.email;
        // orderUpdate replaces the tags, unlike tagsAdd.
        if (fields.tags !== undefined) order.tags = splitTags(fields.tags).join(', ');
        if (Array.isArray(fields.customAttributes)) {
          order.note_attributes = (fields.customAttributes as { key: string; value: string }[]).map(
            (a) => ({ name: a.key, value: a.value }),
          );
        }
        order.updated_at = store.now();
        return { __typename: 'OrderUpdatePayload', order: orderNode(store, order), userErrors: [] };
      },
      tagsAdd: ({ id, tags }) => {
        const gid = String(id);
        const isCustomer = gid.startsWith('gid://shopify/Customer/');
        const target = isCustomer ? store.customers.get(gidId(gid, 'Customer')) : orderFor(gid);
        if (!target) {
          return {
            __typename: 'TagsAddPayload',
            node: null,
            userErrors: [userError(['id'], 'Resource not found')],
          };
        }
        const existing = splitTags(target.tags ?? '');
        const seen = new Set(existing.map((t) => t.toLowerCase()));
        for (const tag of splitTags(listValue(tags, 'String'))) {
          if (!seen.has(tag.toLowerCase())) existing.push(tag);
          seen.add(tag.toLowerCase());
        }
        // Shopify keeps tags sorted alphabetically.
        target.tags = existing.sort((a, b) => a.localeCompare(b)).join(', ');
        target.updated_at = store.now();
        const node = isCustomer ? customerNode(store, target) : orderNode(store, target);
        return { __typename: 'TagsAddPayload', node, userErrors: [] };
      },
      orderRiskAssessmentCreate: ({ orderRiskAssessmentInput }) => {
        const input = inputObject(
          orderRiskAssessmentInput,
          'OrderRiskAssessmentCreateInput',
          ['orderId', 'riskLevel', 'facts'],
          [],
        );
        const riskLevel = enumValue(input.riskLevel, 'RiskAssessmentResult', RISK_LEVELS);
        const facts = listValue(input.facts, 'OrderRiskAssessmentFactInput').map((f) => {
          const fact = inputObject(
            f,
            'OrderRiskAssessmentFactInput',
            ['description', 'sentiment'],
            [],
          );
          return {
            description: String(fact.description),
            sentiment: enumValue(fact.sentiment, 'RiskFactSentiment', SENTIMENTS),
          };
        });
        const order = orderFor(input.orderId);
        if (!order) {
          return {
            __typename: 'OrderRiskAssessmentCreatePayload',
            orderRiskAssessment: null,
            userErrors: [
              userError(['orderRiskAssessmentInput', 'orderId'], 'Order does not exist'),
            ],
          };
        }
        const record = { orderId: String(input.orderId), riskLevel, facts, createdAt: store.now() };
        store.risks.push(record);
        return {
          __typename: 'OrderRiskAssessmentCreatePayload',
          orderRiskAssessment: {
            __typename: 'OrderRiskAssessment',
            riskLevel,
            facts: facts.map((f) => ({ __typename: 'RiskFact', ...f })),
            provider: null,
            get order() {
              return orderNode(store, order);
            },
          },
          userErrors: [],
        };
      },
    },
  };
}
