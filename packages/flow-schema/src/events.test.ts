import { describe, expect, it } from 'vitest';
import { eventMatches } from './events.js';

describe('eventMatches', () => {
  it('matches exactly, by topic prefix, or anything', () => {
    expect(eventMatches('orders/create', 'orders/create')).toBe(true);
    expect(eventMatches('orders/create', 'orders/paid')).toBe(false);
    expect(eventMatches('customers/*', 'customers/update')).toBe(true);
    expect(eventMatches('customers/*', 'customers_data/request')).toBe(false);
    expect(eventMatches('customers/*', 'orders/create')).toBe(false);
    expect(eventMatches('*', 'refunds/create')).toBe(true);
  });
});
