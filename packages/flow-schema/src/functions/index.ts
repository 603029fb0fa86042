import { addressFunctions } from './address.js';
import { cardFunctions } from './card.js';
import { countryFunctions } from './country.js';
import { decimalFunctions } from './decimal.js';
import { moneyFunctions } from './money.js';
import { referenceFunctions } from './reference.js';
import { statusFunctions } from './status.js';
import type { BraidFunction } from './types.js';

/** Every Braid finance function, registered on each JSONata expression as `$<name>`. */
export const braidFunctions: readonly BraidFunction[] = [
  ...moneyFunctions,
  ...decimalFunctions,
  ...statusFunctions,
  ...addressFunctions,
  ...countryFunctions,
  ...referenceFunctions,
  ...cardFunctions,
];

export {
  FUNCTION_ERROR_CODES,
  ROUNDING_MODES,
  type DecimalInput,
  type FunctionErrorCode,
  type RoundingMode,
} from './args.js';
export {
  fromMinorUnits,
  minorUnitsOf,
  normalizeCurrency,
  roundMoney,
  toMinorUnits,
} from './money.js';
export { decAdd, decCmp, decDiv, decMul, decRound, decSub, decSum } from './decimal.js';
export {
  DEFAULT_STATUS_MAP,
  PAYTRACE_RESPONSE_CODES,
  mapStatus,
  paytraceStatusOf,
  type PaytraceStatus,
} from './status.js';
export {
  toErpAddress,
  toPaytraceAddress,
  type ErpAddress,
  type PaytraceAddress,
  type ShopifyAddress,
} from './address.js';
export { countryCodeOf, normalizeZip } from './country.js';
export { subdivisionCodeOf } from './subdivisions.js';
export { MAX_REFERENCE_LENGTH, paytraceReference } from './reference.js';
export { luhnValid, maskPan, redactCardData } from './card.js';
export { renderFunctionDocs } from './render-docs.js';
