/** Builders of realistic Shopify REST payloads (as webhooks deliver them), ids as strings. */

/** A REST address (`billing_address`, `shipping_address`, `default_address`). */
export interface RestAddress {
  first_name: string;
  last_name: string;
  name: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string;
  province_code: string;
  country: string;
  country_code: string;
  zip: string;
  phone: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

/** A REST object with free-form fields; the sandbox only relies on the ones it names. */
export type RestObject = Record<string, unknown>;

// Ids above Number.MAX_SAFE_INTEGER, as the spec says Shopify's are, so tests catch rounding.
let nextId = 5_820_982_911_946_154_508n;

/**
 * Moves the id sequence on, e.g. by the clock, so a process that adds fixtures to a long-running
 * sandbox (the demo) does not reuse ids an earlier process handed out. Tests keep the default.
 */
export function startShopifyIdsAt(next: bigint): void {
  if (next > nextId) nextId = next;
}

/** A fresh 64-bit numeric id string, beyond JavaScript's safe integer range. */
export function newShopifyId(): string {
  nextId += 7n;
  return nextId.toString();
}

/** Fixed default timestamp so fixtures are deterministic. */
export const FIXTURE_TIME = '2025-10-01T12:00:00-04:00';

/** A REST address; defaults to a plausible Canadian one. */
export function buildAddress(overrides: Partial<RestAddress> = {}): RestAddress {
  const first = overrides.first_name ?? 'Ada';
  const last = overrides.last_name ?? 'Lovelace';
  return {
    first_name: first,
    last_name: last,
    name: `${first} ${last}`,
    company: null,
    address1: '12 Analytical Row',
    address2: null,
    city: 'Ottawa',
    province: 'Ontario',
    province_code: 'ON',
    country: 'Canada',
    country_code: 'CA',
    zip: 'K1P 1J1',
    phone: '+16135550135',
    ...overrides,
  };
}

/** Options of {@link buildCustomer}. */
export interface BuildCustomerOptions {
  id?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  currency?: string;
  tags?: string[];
  note?: string | null;
  ordersCount?: number;
  totalSpent?: string;
  address?: Partial<RestAddress>;
  createdAt?: string;
}

/** A customer as `customers/create` delivers it (and as orders embed it). */
export function buildCustomer(options: BuildCustomerOptions = {}): RestObject {
  const id = options.id ?? newShopifyId();
  const first = options.firstName ?? 'Ada';
  const last = options.lastName ?? 'Lovelace';
  const email = options.email ?? `${first}.${last}@example.com`.toLowerCase();
  const created = options.createdAt ?? FIXTURE_TIME;
  const address = {
    id: newShopifyId(),
    customer_id: id,
    ...buildAddress({ first_name: first, last_name: last, ...options.address }),
    default: true,
  };
  return {
    id,
    email,
    created_at: created,
    updated_at: created,
    first_name: first,
    last_name: last,
    orders_count: options.ordersCount ?? 0,
    state: 'enabled',
    total_spent: options.totalSpent ?? '0.00',
    last_order_id: null,
    note: options.note ?? null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    tags: (options.tags ?? []).join(', '),
    last_order_name: null,
    currency: options.currency ?? 'USD',
    phone: options.phone === undefined ? '+16135550135' : options.phone,
    addresses: [address],
    tax_exemptions: [],
    email_marketing_consent: {
      state: 'not_subscribed',
      opt_in_level: 'single_opt_in',
      consent_updated_at: null,
    },
    sms_marketing_consent: null,
    admin_graphql_api_id: `gid://shopify/Customer/${id}`,
    default_address: address,
  };
}
