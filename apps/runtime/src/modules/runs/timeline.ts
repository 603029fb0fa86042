/** A step attempt as the run detail lists it. */
export interface TimelineStep {
  step_key: string;
  node_id: string;
  attempt: number;
  status: string;
  started_at: Date | string;
  finished_at: Date | string;
  error?: { code?: string } | null;
}

/** What the timeline's header shows. */
export interface TimelineRun {
  id: string;
  flow_id: string;
  status: string;
  created_at: Date | string;
  finished_at?: Date | string | null;
}

const COLORS: Record<string, string> = {
  succeeded: '#2e7d32',
  failed: '#c62828',
  waiting: '#ef8f00',
};

const ROW = 26;
const LABEL = 190;
const WIDTH = 900;
const TOP = 56;

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ms = (d: Date | string): number => new Date(d).getTime();

function tickStep(span: number): number {
  const rough = span / 6;
  const pow = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  return [1, 2, 5, 10].map((m) => m * pow).find((t) => t >= rough) ?? pow * 10;
}

function label(msValue: number): string {
  return msValue >= 1000
    ? `${(msValue / 1000).toFixed(msValue % 1000 === 0 ? 0 : 1)} s`
    : `${msValue} ms`;
}

/**
 * Draws a run as an SVG timeline: one row per step, one bar per attempt (green succeeded, red
 * failed, amber waiting), dashed lines for the waits between retries, and a time axis from the
 * moment the run was accepted.
 */
export function renderTimeline(run: TimelineRun, steps: readonly TimelineStep[]): string {
  const origin = ms(run.created_at);
  const end = Math.max(
    origin + 1,
    ...(run.finished_at ? [ms(run.finished_at)] : []),
    ...steps.map((s) => ms(s.finished_at)),
  );
  const span = end - origin;
  const x = (t: number): number => LABEL + ((t - origin) / span) * (WIDTH - LABEL - 20);
  const rows = [...new Set(steps.map((s) => s.step_key))];
  const height = TOP + rows.length * ROW + 30;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${esc(run.flow_id)} · run ${esc(run.id)}</text>`,
    `<text x="10" y="38" fill="#555">${esc(run.status)} · ${label(span)} from acceptance · ${steps.length} step attempts</text>`,
  ];
  const step = tickStep(span);
  for (let t = 0; t <= span; t += step) {
    const px = x(origin + t).toFixed(1);
    parts.push(
      `<line x1="${px}" y1="${TOP - 6}" x2="${px}" y2="${height - 24}" stroke="#eee"/>`,
      `<text x="${px}" y="${height - 10}" text-anchor="middle" fill="#777">${label(t)}</text>`,
    );
  }
  rows.forEach((key, i) => {
    const y = TOP + i * ROW;
    const attempts = steps.filter((s) => s.step_key === key).sort((a, b) => a.attempt - b.attempt);
    parts.push(
      `<text x="10" y="${y + 16}">${esc(key.length > 28 ? `${key.slice(0, 27)}…` : key)}</text>`,
    );
    attempts.forEach((a, j) => {
      const x1 = x(ms(a.started_at));
      const x2 = Math.max(x1 + 2, x(ms(a.finished_at)));
      const next = attempts[j + 1];
      if (next) {
        parts.push(
          `<line x1="${x2.toFixed(1)}" y1="${y + 12}" x2="${x(ms(next.started_at)).toFixed(1)}" y2="${y + 12}" stroke="#999" stroke-dasharray="3 3"/>`,
        );
      }
      const title = `${a.node_id} attempt ${a.attempt}: ${a.status}${a.error?.code ? ` (${a.error.code})` : ''}, ${ms(a.finished_at) - ms(a.started_at)} ms`;
      parts.push(
        `<rect x="${x1.toFixed(1)}" y="${y + 4}" width="${(x2 - x1).toFixed(1)}" height="16" rx="3" fill="${COLORS[a.status] ?? '#607d8b'}"><title>${esc(title)}</title></rect>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
