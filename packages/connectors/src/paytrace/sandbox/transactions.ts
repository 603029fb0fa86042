import { fromMills } from '../money.js';
import { MISMATCH_CSC, maskedNumber, readKeyedCard, type MaskedCard } from './card-intake.js';
import {
  optionalString,
  scalar,
  transactionIdOf,
  type PayTraceHandler,
  type SandboxEnv,
} from './env.js';
import { errors, ok, parseAmount } from './responses.js';
import type { SandboxTransaction } from './store.js';

/** The documented sandbox decline amount (0.29), in mills. */
export const DECLINE_AMOUNT_MILLS = 290;

type Source = 'keyed' | 'pt_protect' | 'by_customer';

function cardFor(
  source: Source,
  body: Record<string, unknown>,
  env: SandboxEnv,
):
  | { card: MaskedCard; cscMatches?: boolean; customerId?: string }
  | { fail: Record<string, string[]> | string[] } {
  if (source === 'by_customer') {
    const customer = env.store.customers.get(scalar(body.customer_id));
    return customer ? { card: customer.card, customerId: customer.customerId } : { fail: ['30'] };
  }
  if (source === 'pt_protect') {
    const token = scalar(body.hpf_token);
    const entry = env.store.hostedFields.get(token);
    if (!entry || entry.encKey !== body.enc_key) return { fail: ['901'] };
    env.store.hostedFields.delete(token); // one use only
    return {
      card: entry.card,
      ...(entry.cscMatches !== undefined ? { cscMatches: entry.cscMatches } : {}),
    };
  }
  const intake = readKeyedCard(body);
  if (!intake.ok) return { fail: intake.errors };
  return {
    card: intake.card,
    ...(intake.csc !== undefined ? { cscMatches: intake.csc !== MISMATCH_CSC } : {}),
  };
}

/** Sale or authorization endpoint handler for one card source. */
export function chargeHandler(type: 'SALE' | 'AUTHORIZATION', source: Source): PayTraceHandler {
  return (body, env) => {
    const amountMills = parseAmount(body.amount);
    if (amountMills === undefined || amountMills <= 0) return errors(env.policy, ['39']);
    const got = cardFor(source, body, env);
    if ('fail' in got) return errors(env.policy, got.fail);
    const declined = amountMills === DECLINE_AMOUNT_MILLS;
    const autoVoided = !declined && got.cscMatches === false;
    const code = declined ? '' : env.store.approvalCode();
    const responseCode = declined ? 102 : autoVoided ? 103 : 101;
    const statusMessage = declined
      ? 'Your transaction was not approved.'
      : autoVoided
        ? 'Your transaction was successfully approved. However, it was voided because your address and/or CSC did not match.'
        : 'Your transaction was successfully approved.';
    const cscResponse = got.cscMatches === undefined ? '' : got.cscMatches ? 'Match' : 'No Match';
    const address = body.billing_address as Record<string, unknown> | undefined;
    const tx = env.store.add({
      type,
      amountMills,
      responseCode,
      statusMessage,
      approvalCode: code,
      approvalMessage: declined
        ? '    DECLINE      - Do not honor'
        : `APPROVAL ${code}  - Approved and completed`,
      avsResponse: address?.zip ? 'Full Exact Match' : '0',
      cscResponse,
      approved: responseCode === 101,
      voided: autoVoided,
      captured: false,
      card: got.card,
      ...(address ? { billingAddress: address } : {}),
      ...optionals(body, got.customerId),
    });
    return ok(cardResponse(tx), !tx.approved ? env.policy.declineStatus : 200);
  };
}

function optionals(
  body: Record<string, unknown>,
  customerId?: string,
): Partial<SandboxTransaction> {
  const out: Partial<SandboxTransaction> = {};
  const invoiceId = optionalString(body.invoice_id);
  if (invoiceId) out.invoiceId = invoiceId;
  if (customerId) out.customerId = customerId;
  const email = optionalString(body.email);
  if (email) out.email = email;
  const description = optionalString(body.description);
  if (description) out.description = description;
  return out;
}

function cardResponse(tx: SandboxTransaction): Record<string, unknown> {
  return {
    success: tx.approved,
    response_code: tx.responseCode,
    status_message: tx.statusMessage,
    transaction_id: tx.id,
    approval_code: tx.approvalCode,
    approval_message: tx.approvalMessage,
    avs_response: tx.avsResponse,
    csc_response: tx.cscResponse,
    external_transaction_id: '',
    masked_card_number: maskedNumber(tx.card),
  };
}

function existing(body: Record<string, unknown>, env: SandboxEnv): SandboxTransaction | string {
  const id = transactionIdOf(body.transaction_id);
  if (id === undefined) return '58';
  return env.store.transactions.get(id) ?? '811';
}

/** `transactions/authorization/capture`: amount ≤ authorized, once. */
export const captureHandler: PayTraceHandler = (body, env) => {
  const tx = existing(body, env);
  if (typeof tx === 'string') return errors(env.policy, [tx]);
  if (tx.type !== 'AUTHORIZATION' || !tx.approved || tx.voided || tx.captured)
    return errors(env.policy, ['816']);
  const amount = body.amount === undefined ? tx.amountMills : parseAmount(body.amount);
  if (amount === undefined || amount <= 0) return errors(env.policy, ['39']);
  if (amount > tx.amountMills) return errors(env.policy, ['821']);
  tx.captured = true;
  tx.amountMills = amount;
  return ok({
    success: true,
    response_code: 112,
    status_message: 'Your transaction was successfully captured.',
    transaction_id: tx.id,
    external_transaction_id: '',
  });
};

/** `transactions/void`: only approved transactions pending settlement. */
export const voidHandler: PayTraceHandler = (body, env) => {
  const tx = existing(body, env);
  if (typeof tx === 'string') return errors(env.policy, [tx]);
  if (tx.settled || tx.voided || !tx.approved) return errors(env.policy, ['818']);
  tx.voided = true;
  return ok({
    success: true,
    response_code: 109,
    status_message: 'Your transaction was successfully voided.',
    transaction_id: tx.id,
  });
};

function refundResponse(tx: SandboxTransaction): Record<string, unknown> {
  return {
    success: true,
    response_code: 106,
    status_message: 'Your transaction was successfully refunded.',
    transaction_id: tx.id,
    external_transaction_id: '',
    masked_card_number: maskedNumber(tx.card),
  };
}

function refundOf(
  original: SandboxTransaction | undefined,
  card: MaskedCard,
  amountMills: number,
  body: Record<string, unknown>,
  env: SandboxEnv,
  customerId?: string,
): SandboxTransaction {
  const code = env.store.approvalCode();
  return env.store.add({
    type: 'REFUND',
    amountMills,
    responseCode: 106,
    statusMessage: 'Your transaction was successfully refunded.',
    approvalCode: code,
    approvalMessage: `APPROVAL ${code}  - Approved and completed`,
    avsResponse: '0',
    cscResponse: '',
    approved: true,
    voided: false,
    captured: false,
    card,
    ...(original ? { originalId: original.id } : {}),
    ...optionals(body, customerId ?? original?.customerId),
  });
}

/** `transactions/refund/for_transaction`: settled only (817), partial ≤ what remains. */
export const refundForTransactionHandler: PayTraceHandler = (body, env) => {
  const tx = existing(body, env);
  if (typeof tx === 'string') return errors(env.policy, [tx]);
  if (!tx.settled || tx.type === 'REFUND') return errors(env.policy, ['817']);
  const remaining = tx.amountMills - tx.refundedMills;
  const amount = body.amount === undefined ? remaining : parseAmount(body.amount);
  if (amount === undefined || amount <= 0) return errors(env.policy, ['39']);
  if (amount > remaining) {
    return errors(env.policy, {
      '820': [
        `${'The refund amount exceeds the amount that remains to be refunded'} (${fromMills(remaining)}).`,
      ],
    });
  }
  tx.refundedMills += amount;
  return ok(refundResponse(refundOf(tx, tx.card, amount, body, env)));
};

/** `transactions/refund/to_customer`: credits a vaulted card. */
export const refundToCustomerHandler: PayTraceHandler = (body, env) => {
  const amount = parseAmount(body.amount);
  if (amount === undefined || amount <= 0) return errors(env.policy, ['39']);
  const customer = env.store.customers.get(scalar(body.customer_id));
  if (!customer) return errors(env.policy, ['30']);
  return ok(
    refundResponse(refundOf(undefined, customer.card, amount, body, env, customer.customerId)),
  );
};
