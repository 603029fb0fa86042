import { ResolverError } from './graphql-execute.js';

/** A `UserError` as most mutations return it. */
export function userError(field: string[], message: string): Record<string, unknown> {
  return { __typename: 'UserError', field, message };
}

/** The numeric id of a gid of the given type, or a top-level error as Shopify answers. */
export function gidId(value: unknown, type: string): string {
  const m = typeof value === 'string' ? /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)$/.exec(value) : null;
  if (!m || m[1] !== type) {
    throw new ResolverError(`Invalid global id '${String(value)}'`, 'argumentLiteralsIncompatible');
  }
  return m[2] ?? '';
}

/**
 * Checks an input object variable like GraphQL input coercion: it must be an object, have the
 * required keys and no keys the input type lacks.
 */
export function inputObject(
  value: unknown,
  typeName: string,
  required: string[],
  optional: string[],
): Record<string, unknown> {
  const invalid = (why: string): ResolverError =>
    new ResolverError(
      `Variable of type ${typeName}! was provided invalid value (${why})`,
      'INVALID_VARIABLE',
    );
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid('Expected value to be an object');
  }
  const obj = value as Record<string, unknown>;
  const allowed = new Set([...required, ...optional]);
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) throw invalid(`Field is not defined on ${typeName}: ${key}`);
  }
  for (const key of required) {
    if (obj[key] === undefined || obj[key] === null)
      throw invalid(`Expected value to not be null: ${key}`);
  }
  return obj;
}

/** An enum variable, checked against its values. */
export function enumValue(value: unknown, typeName: string, values: readonly string[]): string {
  if (typeof value !== 'string' || !values.includes(value)) {
    throw new ResolverError(
      `Variable of type ${typeName} was provided invalid value (Expected "${String(value)}" to be one of: ${values.join(', ')})`,
      'INVALID_VARIABLE',
    );
  }
  return value;
}

/** A list variable, or a top-level error. */
export function listValue(value: unknown, typeName: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new ResolverError(
      `Variable of type [${typeName}!]! was provided invalid value (Expected a list)`,
      'INVALID_VARIABLE',
    );
  }
  return value;
}

/** A Decimal variable as a string ("10.00"). */
export function decimalValue(value: unknown, field: string): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) {
    throw new ResolverError(
      `Variable ${field} of type Decimal! was provided invalid value`,
      'INVALID_VARIABLE',
    );
  }
  return text;
}
