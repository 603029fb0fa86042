import { roundHalfEven } from './builtins-numeric.js';

/**
 * `$formatNumber` for the plain decimal pictures mappings use (`#,##0.00`, `0.000`, `#`): digits,
 * grouping commas and a decimal point, no prefix/suffix, percent, exponent or options. The
 * compiler only emits calls whose picture is a literal accepted by `isSupportedPicture`; any other
 * picture makes the whole expression fall back to the interpreter.
 */
const SUPPORTED = /^(?:[#0]+(?:,[#0]+)*)?(?:\.0*#*)?$/;

/** True when `picture` is a literal this implementation formats exactly as jsonata does. */
export function isSupportedPicture(picture: string): boolean {
  if (!SUPPORTED.test(picture) || !/[#0]/.test(picture)) return false;
  const [integer = '', fraction] = picture.split('.');
  if (fraction === '' || integer.endsWith(',')) return false;
  // '#' after a mandatory '0' is an invalid XPath picture (D3090); leave it to jsonata.
  return !/0[,]*#/.test(integer);
}

interface Picture {
  minInt: number;
  minFrac: number;
  maxFrac: number;
  grouping: number[];
  regular: number;
  hasPoint: boolean;
}

const analysed = new Map<string, Picture>();

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function analyse(picture: string): Picture {
  const cached = analysed.get(picture);
  if (cached) return cached;
  const [integer = '', fraction = ''] = picture.split('.');
  const grouping: number[] = [];
  for (let i = 0; i < integer.length; i++) {
    if (integer[i] === ',') grouping.push(integer.substring(i).replace(/,/g, '').length);
  }
  let regular = 0;
  if (grouping.length > 0) {
    const factor = grouping.reduce(gcd);
    regular = factor;
    for (let k = 1; k <= grouping.length; k++) if (!grouping.includes(k * factor)) regular = 0;
  }
  let minInt = (integer.match(/0/g) ?? []).length;
  let minFrac = (fraction.match(/0/g) ?? []).length;
  const maxFrac = fraction.length;
  if (minInt === 0 && maxFrac === 0) minInt = 1;
  if (minInt === 0 && minFrac === 0) minFrac = 1;
  const result = { minInt, minFrac, maxFrac, grouping, regular, hasPoint: picture.includes('.') };
  analysed.set(picture, result);
  return result;
}

function insertAt(str: string, at: number): string {
  return str.slice(0, at) + ',' + str.slice(at);
}

/** Formats `value` with a supported picture (see `isSupportedPicture`). */
export function formatNumber(value: number | undefined, picture: string): string | undefined {
  if (value === undefined) return undefined;
  const pic = analyse(picture);
  const rounded = roundHalfEven(value, pic.maxFrac) as number;
  let str = Math.abs(rounded).toFixed(pic.maxFrac);
  str = str.includes('.') ? str : str + '.';
  str = str.replace(/^0+/, '').replace(/0+$/, '');
  let point = str.indexOf('.');
  const padLeft = pic.minInt - point;
  const padRight = pic.minFrac - (str.length - point - 1);
  str = (padLeft > 0 ? '0'.repeat(padLeft) : '') + str + (padRight > 0 ? '0'.repeat(padRight) : '');
  point = str.indexOf('.');
  if (pic.regular > 0) {
    const groups = Math.floor((point - 1) / pic.regular);
    for (let g = 1; g <= groups; g++) str = insertAt(str, point - g * pic.regular);
  } else {
    for (const pos of pic.grouping) {
      str = insertAt(str, point - pos);
      point += 1;
    }
  }
  point = str.indexOf('.');
  if (!pic.hasPoint || point === str.length - 1) str = str.substring(0, str.length - 1);
  return (value >= 0 ? '' : '-') + str;
}
