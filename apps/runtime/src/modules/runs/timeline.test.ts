import { describe, expect, it } from 'vitest';
import { renderTimeline } from './timeline.js';

const t = (ms: number): string => new Date(Date.UTC(2026, 10, 29, 12, 0, 0, ms)).toISOString();

describe('renderTimeline', () => {
  const run = {
    id: 'r-1',
    flow_id: 'order <sync> & co',
    status: 'succeeded',
    created_at: t(0),
    finished_at: t(1500),
  };
  const steps = [
    {
      step_key: 'prepare',
      node_id: 'prepare',
      attempt: 1,
      status: 'succeeded',
      started_at: t(10),
      finished_at: t(12),
    },
    {
      step_key: 'charge',
      node_id: 'charge',
      attempt: 1,
      status: 'failed',
      started_at: t(20),
      finished_at: t(220),
      error: { code: 'PAYTRACE_HTTP_503' },
    },
    {
      step_key: 'charge',
      node_id: 'charge',
      attempt: 2,
      status: 'succeeded',
      started_at: t(700),
      finished_at: t(900),
    },
  ];

  it('draws a row per step, a bar per attempt and the wait between retries', () => {
    const svg = renderTimeline(run, steps);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect x=/g)).toHaveLength(3);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(1);
    expect(svg).toContain('charge attempt 1: failed (PAYTRACE_HTTP_503), 200 ms');
    expect(svg).toContain('fill="#c62828"');
    expect(svg).toContain('1.5 s from acceptance');
  });

  it('escapes names and survives a run with no steps yet', () => {
    const svg = renderTimeline({ ...run, finished_at: null }, []);
    expect(svg).toContain('order &#60;sync&#62; &#38; co');
    expect(svg).not.toContain('<sync>');
    expect(svg.endsWith('</svg>')).toBe(true);
  });
});
