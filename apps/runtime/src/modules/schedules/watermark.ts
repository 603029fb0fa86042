/**
 * Orders poll watermarks: numbers (or numeric strings) numerically, ISO timestamps by instant,
 * anything else as text. Returns <0, 0 or >0 like a sort comparator.
 */
export function compareWatermarks(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb)) {
    if (/^\d+$/.test(a) && /^\d+$/.test(b) && (a.length > 15 || b.length > 15)) {
      // 64-bit ids: compare as big integers, not as rounded floats.
      const ba = BigInt(a);
      const bb = BigInt(b);
      return ba < bb ? -1 : ba > bb ? 1 : 0;
    }
    return na - nb;
  }
  const ta = isoInstant(a);
  const tb = isoInstant(b);
  if (ta !== undefined && tb !== undefined) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isoInstant(s: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** The greatest of the current watermark and the candidates (absent values ignored). */
export function advanceWatermark(
  current: string | null,
  candidates: readonly unknown[],
): string | null {
  let best = current;
  for (const c of candidates) {
    if (c === undefined || c === null || c === '') continue;
    const s = typeof c === 'string' ? c : JSON.stringify(c);
    if (best === null || compareWatermarks(s, best) > 0) best = s;
  }
  return best;
}
