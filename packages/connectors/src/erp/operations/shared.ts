import { StepFailure } from '@braid/engine';
import type { JsonSchema } from '../../kit/types.js';
import { field, type QboObject } from '../client.js';
import { JsonDecimal } from '../json-exact.js';
import { formatMills, multiplyToMills, normaliseMoney, toMills } from '../money.js';

/** A money amount as a decimal string with at most two decimals. */
export const moneySchema: JsonSchema = {
  type: 'string',
  pattern: '^\\d{1,13}(\\.\\d{1,3})?$',
  description:
    'Decimal string in the currency minor units, e.g. "19.99", "1000" (JPY), "1.250" (KWD).',
};

/** An optional `YYYY-MM-DD` date. */
export const dateSchema: JsonSchema = { type: 'string', format: 'date' };

/** A sales line of an invoice, credit memo or refund receipt. */
export interface SalesLineInput {
  itemId: string;
  itemName?: string;
  description?: string;
  qty?: number;
  /** Decimal string; more than two decimals allowed (QBO keeps unit prices precise). */
  unitPrice?: string;
  /** Decimal string; computed as qty × unitPrice (rounded to three decimals) when omitted. */
  amount?: string;
}

/** A QBO custom field (string type), e.g. PayTrace's TransactionID. */
export interface CustomFieldInput {
  definitionId: string;
  name?: string;
  value: string;
}

/** JSON Schema of `SalesLineInput[]`. */
export const salesLinesSchema: JsonSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['itemId'],
    additionalProperties: false,
    anyOf: [{ required: ['amount'] }, { required: ['qty', 'unitPrice'] }],
    properties: {
      itemId: { type: 'string', minLength: 1 },
      itemName: { type: 'string' },
      description: { type: 'string', maxLength: 4000 },
      qty: { type: 'number', exclusiveMinimum: 0 },
      unitPrice: { type: 'string', pattern: '^\\d{1,13}(\\.\\d{1,7})?$' },
      amount: moneySchema,
    },
  },
};

/** JSON Schema of `CustomFieldInput[]`. */
export const customFieldsSchema: JsonSchema = {
  type: 'array',
  maxItems: 3,
  items: {
    type: 'object',
    required: ['definitionId', 'value'],
    additionalProperties: false,
    properties: {
      definitionId: { type: 'string', minLength: 1 },
      name: { type: 'string' },
      value: { type: 'string', maxLength: 31 },
    },
  },
};

/** Builds QBO sales lines; amounts go out as exact number literals. */
export function toSalesLines(lines: readonly SalesLineInput[]): QboObject[] {
  return lines.map((line) => {
    const mills =
      line.amount !== undefined
        ? toMills(line.amount)
        : multiplyToMills(String(line.qty), line.unitPrice ?? '0');
    return {
      Amount: new JsonDecimal(formatMills(mills)),
      DetailType: 'SalesItemLineDetail',
      ...(line.description !== undefined ? { Description: line.description } : {}),
      SalesItemLineDetail: {
        ItemRef: { value: line.itemId, ...(line.itemName ? { name: line.itemName } : {}) },
        ...(line.qty !== undefined ? { Qty: new JsonDecimal(String(line.qty)) } : {}),
        ...(line.unitPrice !== undefined ? { UnitPrice: new JsonDecimal(line.unitPrice) } : {}),
      },
    };
  });
}

/** Builds QBO `CustomField` entries. */
export function toCustomFields(fields: readonly CustomFieldInput[] | undefined): QboObject {
  if (!fields?.length) return {};
  return {
    CustomField: fields.map((f) => ({
      DefinitionId: f.definitionId,
      ...(f.name !== undefined ? { Name: f.name } : {}),
      Type: 'StringType',
      StringValue: f.value,
    })),
  };
}

/** Copies optional string inputs to QBO field names when they are set. */
export function optionalFields(pairs: Record<string, string | undefined>): QboObject {
  return Object.fromEntries(Object.entries(pairs).filter(([, v]) => v !== undefined));
}

/** The common output of a write or read: key fields as strings, plus the entity itself. */
export interface EntitySummary {
  id: string;
  syncToken: string;
  docNumber?: string;
  totalAmt?: string;
  balance?: string;
  /** The QBO entity; its numbers are kept as their exact JSON text (strings). */
  entity: QboObject;
}

/** JSON Schema of `EntitySummary`. */
export const summarySchema: JsonSchema = {
  type: 'object',
  required: ['id', 'syncToken', 'entity'],
  properties: {
    id: { type: 'string' },
    syncToken: { type: 'string' },
    docNumber: { type: 'string' },
    totalAmt: moneySchema,
    balance: moneySchema,
    entity: { type: 'object' },
  },
};

/** Summarises an entity; amounts become two-decimal strings. */
export function summarise(entity: QboObject): EntitySummary {
  const id = field(entity, 'Id');
  const syncToken = field(entity, 'SyncToken');
  if (id === undefined || syncToken === undefined) {
    throw new StepFailure({
      kind: 'fatal',
      code: 'QBO_BAD_RESPONSE',
      message: 'qbo: the entity in the response has no Id or SyncToken',
    });
  }
  const docNumber = field(entity, 'DocNumber');
  const total = field(entity, 'TotalAmt');
  const balance = field(entity, 'Balance');
  return {
    id,
    syncToken,
    ...(docNumber !== undefined ? { docNumber } : {}),
    ...(total !== undefined ? { totalAmt: normaliseMoney(total) } : {}),
    ...(balance !== undefined ? { balance: normaliseMoney(balance) } : {}),
    entity,
  };
}

/** The fields every sales form (invoice, credit memo, refund receipt) takes. */
export interface SalesFormInput {
  customerId: string;
  lines: SalesLineInput[];
  docNumber?: string;
  txnDate?: string;
  currency?: string;
  privateNote?: string;
  customFields?: CustomFieldInput[];
  /** A fixed discount off the lines' subtotal (order-level discount codes). */
  discount?: { amount: string; description?: string };
}

/** JSON Schema of `SalesFormInput.discount`. */
export const discountSchema: JsonSchema = {
  type: 'object',
  required: ['amount'],
  additionalProperties: false,
  properties: { amount: moneySchema, description: { type: 'string', maxLength: 4000 } },
};

/** A sales form's common fields in QuickBooks' shape; `extra` adds form-specific text fields. */
export function salesFormFields(
  input: SalesFormInput,
  extra: Record<string, string | undefined> = {},
): QboObject {
  return {
    CustomerRef: { value: input.customerId },
    Line: [
      ...toSalesLines(input.lines),
      ...(input.discount && toMills(input.discount.amount) > 0n
        ? [
            {
              Amount: new JsonDecimal(formatMills(toMills(input.discount.amount))),
              DetailType: 'DiscountLineDetail',
              DiscountLineDetail: { PercentBased: false },
              ...(input.discount.description ? { Description: input.discount.description } : {}),
            },
          ]
        : []),
    ],
    ...optionalFields({
      DocNumber: input.docNumber,
      TxnDate: input.txnDate,
      PrivateNote: input.privateNote,
      ...extra,
    }),
    ...(input.currency ? { CurrencyRef: { value: input.currency } } : {}),
    ...toCustomFields(input.customFields),
  };
}
