import { StepFailure } from '@braid/engine';

/** Shopify resource types whose ids Braid converts. */
export type ShopifyResource =
  | 'Order'
  | 'Customer'
  | 'LineItem'
  | 'OrderTransaction'
  | 'Refund'
  | 'Metafield'
  | 'Product'
  | 'Location';

/** JSON Schema for an id given as a numeric string or as a gid of `resource`. */
export function idSchema(resource: ShopifyResource, description?: string): Record<string, unknown> {
  return {
    type: 'string',
    pattern: `^(\\d+|gid://shopify/${resource}/\\d+)$`,
    description: description ?? `${resource} id: numeric ("820982911946154508") or a gid.`,
  };
}

/** Converts a numeric id or a gid of the right type to a gid; anything else fails the step. */
export function toGid(resource: ShopifyResource, id: string): string {
  if (/^\d+$/.test(id)) return `gid://shopify/${resource}/${id}`;
  if (new RegExp(`^gid://shopify/${resource}/\\d+$`).test(id)) return id;
  throw new StepFailure({
    kind: 'fatal',
    code: 'SHOPIFY_BAD_ID',
    message: `"${id}" is not a ${resource} id (expected digits or gid://shopify/${resource}/<id>)`,
  });
}

/** Converts any owner id for metafields: a gid of any type passes, bare digits mean an Order. */
export function toOwnerGid(id: string): string {
  if (/^gid:\/\/shopify\/[A-Za-z]+\/\d+$/.test(id)) return id;
  return toGid('Order', id);
}

/** The numeric part of a gid (`gid://shopify/Order/1` → `1`); digits pass unchanged. */
export function legacyId(gid: string): string {
  return gid.slice(gid.lastIndexOf('/') + 1);
}
