import type { Clock } from '@braid/engine';
import { formatUsDateTime } from '../dates.js';
import { fromMills } from '../money.js';
import { maskedNumber, type MaskedCard } from './card-intake.js';

/** A transaction as the sandbox keeps it (masked card only). */
export interface SandboxTransaction {
  id: number;
  type: 'SALE' | 'AUTHORIZATION' | 'REFUND';
  amountMills: number;
  responseCode: number;
  statusMessage: string;
  approvalCode: string;
  approvalMessage: string;
  avsResponse: string;
  cscResponse: string;
  approved: boolean;
  voided: boolean;
  captured: boolean;
  settled: boolean;
  settledAt?: number;
  batchNumber?: number;
  refundedMills: number;
  /** For refunds of a transaction: the original. */
  originalId?: number;
  createdAt: number;
  invoiceId?: string;
  customerId?: string;
  card: MaskedCard;
  billingAddress?: Record<string, unknown>;
  email?: string;
  description?: string;
}

/** A vault customer (masked card only). */
export interface SandboxCustomer {
  customerId: string;
  card: MaskedCard;
  billingAddress: Record<string, unknown>;
  shippingAddress?: Record<string, unknown>;
  email?: string;
  phone?: string;
  createdAt: number;
}

/** A settlement batch. */
export interface SandboxBatch {
  number: number;
  createdAt: number;
  transactionIds: number[];
}

/** A processor chargeback (dispute API shape is unconfirmed). */
export interface SandboxChargeback {
  caseNumber: string;
  transactionId: number;
  amountMills: number;
  reasonCode: string;
  reason: string;
  state: 'open' | 'pending' | 'closed';
  receivedAt: number;
}

/** A hosted-fields token waiting for its one use. */
export interface HostedFieldsToken {
  encKey: string;
  card: MaskedCard;
  cscMatches?: boolean;
}

/** The sandbox's whole state. */
export class PayTraceStore {
  transactions = new Map<number, SandboxTransaction>();
  customers = new Map<string, SandboxCustomer>();
  batches: SandboxBatch[] = [];
  chargebacks: SandboxChargeback[] = [];
  tokens = new Map<string, { username: string; expiresAt: number }>();
  hostedFields = new Map<string, HostedFieldsToken>();
  private nextId: number;
  private approvals = 0;

  constructor(
    readonly clock: Clock,
    private readonly firstId = 178349480,
  ) {
    this.nextId = firstId;
  }

  /** Forgets everything. */
  reset(): void {
    this.transactions.clear();
    this.customers.clear();
    this.batches = [];
    this.chargebacks = [];
    this.tokens.clear();
    this.hostedFields.clear();
    this.nextId = this.firstId;
    this.approvals = 0;
  }

  /** Records a new transaction with the next id. */
  add(
    tx: Omit<SandboxTransaction, 'id' | 'createdAt' | 'refundedMills' | 'settled'>,
  ): SandboxTransaction {
    const full: SandboxTransaction = {
      ...tx,
      id: this.nextId,
      createdAt: this.clock.now(),
      refundedMills: 0,
      settled: false,
    };
    this.nextId += 1;
    this.transactions.set(full.id, full);
    return full;
  }

  /** A fresh approval code (`TAS` + digits, like the processor's test host). */
  approvalCode(): string {
    this.approvals += 1;
    return `TAS${String(this.approvals).padStart(3, '0')}`;
  }

  /** Settles every approved, unsettled, unvoided sale, captured authorization and refund. */
  settle(filter: (tx: SandboxTransaction) => boolean = () => true): number | undefined {
    const now = this.clock.now();
    const due = [...this.transactions.values()].filter(
      (tx) =>
        !tx.settled &&
        tx.approved &&
        !tx.voided &&
        (tx.type !== 'AUTHORIZATION' || tx.captured) &&
        filter(tx),
    );
    if (due.length === 0) return undefined;
    const number = this.batches.length + 1;
    for (const tx of due) {
      tx.settled = true;
      tx.settledAt = now;
      tx.batchNumber = number;
    }
    this.batches.push({ number, createdAt: now, transactionIds: due.map((t) => t.id) });
    return number;
  }

  /** The transaction as PayTrace exports it (amount as a number-with-two-places marker). */
  exportView(tx: SandboxTransaction): Record<string, unknown> {
    return {
      transaction_id: tx.id,
      created: { through: 'API', by: 'sandbox', at: formatUsDateTime(tx.createdAt) },
      amount: new Money(tx.amountMills),
      transaction_type: tx.type,
      response_code: tx.responseCode,
      status_message: tx.statusMessage,
      approval_code: tx.approvalCode,
      approval_message: tx.approvalMessage,
      avs_response: tx.avsResponse,
      csc_response: tx.cscResponse,
      settled: tx.settled,
      ...(tx.settledAt !== undefined ? { settled_at: formatUsDateTime(tx.settledAt) } : {}),
      voided: tx.voided,
      ...(tx.type === 'AUTHORIZATION' ? { captured: tx.captured } : {}),
      ...(tx.refundedMills > 0 ? { refunded_amount: new Money(tx.refundedMills) } : {}),
      invoice_id: tx.invoiceId ?? '',
      customer_id: tx.customerId ?? '',
      credit_card: {
        masked_number: maskedNumber(tx.card),
        type: tx.card.brand,
        expiration_month: tx.card.expirationMonth,
        expiration_year: tx.card.expirationYear,
      },
      billing_address: tx.billingAddress ?? {},
      email: tx.email ?? '',
      description: tx.description ?? '',
    };
  }

  /** A JSON view for tests: masked cards only. */
  snapshot(): PayTraceSandboxState {
    return {
      transactions: [...this.transactions.values()].map((tx) => ({
        ...tx,
        amount: fromMills(tx.amountMills),
        refunded: fromMills(tx.refundedMills),
        maskedCardNumber: maskedNumber(tx.card),
      })),
      customers: [...this.customers.values()].map((c) => ({
        ...c,
        maskedCardNumber: maskedNumber(c.card),
      })),
      batches: this.batches.map((b) => ({ ...b })),
      chargebacks: this.chargebacks.map((c) => ({ ...c, amount: fromMills(c.amountMills) })),
    };
  }
}

/** The sandbox state as tests see it: masked cards only, amounts as decimal strings. */
export interface PayTraceSandboxState {
  transactions: (SandboxTransaction & {
    amount: string;
    refunded: string;
    maskedCardNumber: string;
  })[];
  customers: (SandboxCustomer & { maskedCardNumber: string })[];
  batches: SandboxBatch[];
  chargebacks: (SandboxChargeback & { amount: string })[];
}

/** Money written into JSON as a number with exactly two places (`10.50`), as PayTrace does. */
export class Money {
  constructor(readonly mills: number) {}
}

const MARK = '\u0000money:';

/** Serialises JSON with Money values written as two-place numbers. */
export function moneyJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Money ? `${MARK}${fromMills(v.mills)}` : v,
  ).replace(/"\\u0000money:(-?\d+\.\d{2})"/g, '$1');
}
