/** Decimal-string money in minor units, so the sandbox never adds floats. */
import { fromMinorUnits, minorUnitsOf } from '@braid/flow-schema';

// Minor units per currency and exact conversions come from the finance library flows use, so the
// sandbox and the mappings can never disagree about a currency's decimals.
export {
  minorUnitsOf as decimalsOf,
  toMinorUnits as toMinor,
  fromMinorUnits as fromMinor,
} from '@braid/flow-schema';

/** A REST `*_set` object (shop and presentment money) for an amount in minor units. */
export function moneySet(
  minor: number,
  currency: string,
  presentment: { currency: string; rate: number } = { currency, rate: 1 },
): {
  shop_money: { amount: string; currency_code: string };
  presentment_money: { amount: string; currency_code: string };
} {
  const presentmentMinor = Math.round(
    (minor / 10 ** minorUnitsOf(currency)) *
      presentment.rate *
      10 ** minorUnitsOf(presentment.currency),
  );
  return {
    shop_money: { amount: fromMinorUnits(minor, currency), currency_code: currency },
    presentment_money: {
      amount: fromMinorUnits(presentmentMinor, presentment.currency),
      currency_code: presentment.currency,
    },
  };
}
