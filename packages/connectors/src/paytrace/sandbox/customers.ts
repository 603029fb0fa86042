import { maskedNumber, readKeyedCard, type MaskedCard } from './card-intake.js';
import {
  optionalString,
  scalar,
  transactionIdOf,
  type PayTraceHandler,
  type SandboxEnv,
} from './env.js';
import { errors, ok } from './responses.js';
import type { SandboxCustomer } from './store.js';

type CardSource = 'keyed' | 'pt_protect';

function nameOf(c: SandboxCustomer): string {
  return typeof c.billingAddress.name === 'string' ? c.billingAddress.name : '';
}

function customerResponse(code: 160 | 161 | 162, c: SandboxCustomer): Record<string, unknown> {
  const verb = code === 160 ? 'created' : code === 161 ? 'updated' : 'deleted';
  return {
    success: true,
    response_code: code,
    status_message: `The customer profile for ${c.customerId}/${nameOf(c)} was successfully ${verb}.`,
    customer_id: c.customerId,
    masked_card_number: maskedNumber(c.card),
  };
}

function cardFrom(
  source: CardSource,
  body: Record<string, unknown>,
  env: SandboxEnv,
): MaskedCard | Record<string, string[]> | string[] {
  if (source === 'pt_protect') {
    const token = scalar(body.hpf_token);
    const entry = env.store.hostedFields.get(token);
    if (!entry || entry.encKey !== body.enc_key) return ['901'];
    env.store.hostedFields.delete(token);
    return entry.card;
  }
  const intake = readKeyedCard(body);
  return intake.ok ? intake.card : intake.errors;
}

function isCard(value: unknown): value is MaskedCard {
  return value !== null && typeof value === 'object' && 'last4' in value;
}

function contact(body: Record<string, unknown>): Partial<SandboxCustomer> {
  const out: Partial<SandboxCustomer> = {};
  const email = optionalString(body.email);
  if (email) out.email = email;
  const phone = optionalString(body.phone);
  if (phone) out.phone = phone;
  if (body.shipping_address && typeof body.shipping_address === 'object')
    out.shippingAddress = body.shipping_address as Record<string, unknown>;
  return out;
}

/** `customer/create` and `customer/pt_protect_create`: unique customer ids (171). */
export function createCustomerHandler(source: CardSource): PayTraceHandler {
  return (body, env) => {
    const id = optionalString(body.customer_id);
    if (!id) return errors(env.policy, ['30']);
    if (env.store.customers.has(id)) return errors(env.policy, ['171']);
    const card = cardFrom(source, body, env);
    if (!isCard(card)) return errors(env.policy, card);
    const customer: SandboxCustomer = {
      customerId: id,
      card,
      billingAddress: (body.billing_address ?? {}) as Record<string, unknown>,
      createdAt: env.store.clock.now(),
      ...contact(body),
    };
    env.store.customers.set(id, customer);
    return ok(customerResponse(160, customer));
  };
}

/** `customer/update` and `customer/pt_protect_update`: unknown id is 30, rename to a taken id 171. */
export function updateCustomerHandler(source: CardSource): PayTraceHandler {
  return (body, env) => {
    const current = env.store.customers.get(scalar(body.customer_id));
    if (!current) return errors(env.policy, ['30']);
    const newId = optionalString(body.new_customer_id);
    if (newId && newId !== current.customerId && env.store.customers.has(newId))
      return errors(env.policy, ['171']);
    let card = current.card;
    if (body.credit_card !== undefined || body.hpf_token !== undefined) {
      const got = cardFrom(source, body, env);
      if (!isCard(got)) return errors(env.policy, got);
      card = got;
    }
    const updated: SandboxCustomer = {
      ...current,
      ...contact(body),
      card,
      customerId: newId ?? current.customerId,
      ...(body.billing_address && typeof body.billing_address === 'object'
        ? { billingAddress: { ...current.billingAddress, ...body.billing_address } }
        : {}),
    };
    env.store.customers.delete(current.customerId);
    env.store.customers.set(updated.customerId, updated);
    return ok(customerResponse(161, updated));
  };
}

/** `customer/delete`: unknown id is 30. */
export const deleteCustomerHandler: PayTraceHandler = (body, env) => {
  const current = env.store.customers.get(scalar(body.customer_id));
  if (!current) return errors(env.policy, ['30']);
  env.store.customers.delete(current.customerId);
  const { masked_card_number: _masked, ...rest } = customerResponse(162, current);
  return ok(rest);
};

/** `customer/create_from_transaction`: vaults the card of a transaction. */
export const createFromTransactionHandler: PayTraceHandler = (body, env) => {
  const txId = transactionIdOf(body.transaction_id);
  if (txId === undefined) return errors(env.policy, ['58']);
  const tx = env.store.transactions.get(txId);
  if (!tx) return errors(env.policy, ['811']);
  const id = optionalString(body.customer_id);
  if (!id) return errors(env.policy, ['30']);
  if (env.store.customers.has(id)) return errors(env.policy, ['171']);
  const customer: SandboxCustomer = {
    customerId: id,
    card: tx.card,
    billingAddress: (body.billing_address ?? tx.billingAddress ?? {}) as Record<string, unknown>,
    createdAt: env.store.clock.now(),
    ...contact(body),
  };
  env.store.customers.set(id, customer);
  return ok(customerResponse(160, customer));
};

/** `customer/export`: one customer by id, or all. */
export const exportCustomersHandler: PayTraceHandler = (body, env) => {
  const id = optionalString(body.customer_id);
  const list = [...env.store.customers.values()].filter((c) => !id || c.customerId === id);
  return ok({
    success: true,
    response_code: 1,
    status_message: 'Your request has been successfully completed.',
    customers: list.map((c) => ({
      customer_id: c.customerId,
      credit_card: {
        masked_number: maskedNumber(c.card),
        expiration_month: c.card.expirationMonth,
        expiration_year: c.card.expirationYear,
      },
      billing_address: c.billingAddress,
      shipping_address: c.shippingAddress ?? {},
      email: c.email ?? '',
      phone: c.phone ?? '',
    })),
  });
};
