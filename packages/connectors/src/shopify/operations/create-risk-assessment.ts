import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { shopifyGraphql } from '../graphql.js';
import { idSchema, toGid } from '../ids.js';
import { restEnum } from './shared.js';

/** Shopify's RiskAssessmentResult. */
export type RiskLevel = 'HIGH' | 'MEDIUM' | 'LOW' | 'NONE' | 'PENDING';

/** Input of `shopify.createRiskAssessment`. */
export interface CreateRiskAssessmentInput {
  orderId: string;
  riskLevel: RiskLevel;
  facts: { description: string; sentiment: 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE' }[];
}

/** Output of `shopify.createRiskAssessment`. */
export interface CreateRiskAssessmentOutput {
  orderId: string;
  riskLevel: string | null;
  facts: { description: string; sentiment: string | null }[];
}

const MUTATION = `mutation BraidCreateRiskAssessment($input: OrderRiskAssessmentCreateInput!) {
  orderRiskAssessmentCreate(orderRiskAssessmentInput: $input) {
    orderRiskAssessment { riskLevel facts { description sentiment } }
    userErrors { field message }
  }
}`;

interface Result {
  orderRiskAssessment: {
    riskLevel: string;
    facts: { description: string; sentiment: string }[];
  };
}

async function run(
  input: CreateRiskAssessmentInput,
  ctx: ConnectorContext,
): Promise<CreateRiskAssessmentOutput> {
  const orderId = toGid('Order', input.orderId);
  const result = await shopifyGraphql<Result>(ctx, {
    query: MUTATION,
    variables: { input: { orderId, riskLevel: input.riskLevel, facts: input.facts } },
    root: 'orderRiskAssessmentCreate',
    expectedCost: 14,
  });
  const assessment = result.orderRiskAssessment;
  return {
    orderId,
    riskLevel: restEnum(assessment.riskLevel),
    facts: assessment.facts.map((f) => ({
      description: f.description,
      sentiment: restEnum(f.sentiment),
    })),
  };
}

/** `shopify.createRiskAssessment`: attaches a risk verdict with facts to an order. */
export const createRiskAssessmentOperation = defineOperation<
  CreateRiskAssessmentInput,
  CreateRiskAssessmentOutput
>({
  id: 'createRiskAssessment',
  label: 'Create risk assessment',
  description:
    'Adds a risk assessment (HIGH, MEDIUM, LOW, NONE or PENDING, with facts) to an order, e.g. from AVS and CSC results (orderRiskAssessmentCreate).',
  effect: 'write',
  input: {
    type: 'object',
    required: ['orderId', 'riskLevel', 'facts'],
    additionalProperties: false,
    properties: {
      orderId: idSchema('Order'),
      riskLevel: { enum: ['HIGH', 'MEDIUM', 'LOW', 'NONE', 'PENDING'] },
      facts: {
        type: 'array',
        items: {
          type: 'object',
          required: ['description', 'sentiment'],
          additionalProperties: false,
          properties: {
            description: { type: 'string', minLength: 1 },
            sentiment: { enum: ['POSITIVE', 'NEUTRAL', 'NEGATIVE'] },
          },
        },
      },
    },
  },
  output: {
    type: 'object',
    required: ['orderId', 'riskLevel', 'facts'],
    properties: {
      orderId: { type: 'string' },
      riskLevel: { type: ['string', 'null'] },
      facts: { type: 'array', items: { type: 'object' } },
    },
  },
  sample: {
    input: {
      orderId: '820982911946154508',
      riskLevel: 'LOW',
      facts: [{ description: 'AVS and CSC matched', sentiment: 'POSITIVE' }],
    },
    output: {
      orderId: 'gid://shopify/Order/820982911946154508',
      riskLevel: 'low',
      facts: [{ description: 'AVS and CSC matched', sentiment: 'positive' }],
    },
  },
  run,
});
