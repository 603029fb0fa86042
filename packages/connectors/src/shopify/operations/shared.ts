/** Schema and shape helpers shared by the Shopify operations. */

/** An amount as Shopify's GraphQL API gives it (decimal string, ISO currency). */
export interface Money {
  amount: string;
  currencyCode: string;
}

/** Shopify's `MoneyBag` as selected by the operations (shop money only). */
export interface MoneyBag {
  shopMoney: Money;
}

/** GraphQL selection of a MoneyBag's shop money. */
export const MONEY_BAG = 'shopMoney { amount currencyCode }';

/** JSON Schema of {@link Money}. */
export const moneySchema = {
  type: 'object',
  required: ['amount', 'currencyCode'],
  properties: {
    amount: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' },
    currencyCode: { type: 'string', pattern: '^[A-Z]{3}$' },
  },
} as const;

/** JSON Schema of a decimal amount given as a string ("10.00"), as Shopify expects money. */
export const decimalSchema = {
  type: 'string',
  pattern: '^\\d+(\\.\\d{1,4})?$',
  description: 'Decimal string, e.g. "10.00".',
} as const;

/** JSON Schema of a nullable string. */
export const nullableString = { type: ['string', 'null'] } as const;

/** Unwraps a MoneyBag's shop money. */
export function shopMoney(bag: MoneyBag | null | undefined): Money {
  return bag?.shopMoney ?? { amount: '0.0', currencyCode: 'XXX' };
}

/** Shopify enums are SCREAMING_CASE; Braid outputs the lower-case REST spelling (`paid`). */
export function restEnum(value: string | null | undefined): string | null {
  return value ? value.toLowerCase() : null;
}
