import { multiplyToMills } from '../money.js';
import { adjustCustomerBalance } from './customers.js';
import { faults, QboFault } from './qbo-faults.js';
import {
  mills,
  checkSyncToken,
  maxLength,
  num,
  obj,
  type RealmStore,
  type Rec,
  storedMills,
  str,
  touch,
} from './store.js';

/** The sales forms the sandbox models. */
export type SalesForm = 'Invoice' | 'CreditMemo' | 'RefundReceipt';

function salesLine(raw: unknown, i: number): { line: Rec; amount: bigint } {
  const line = obj(raw) ?? {};
  if (line.DetailType !== 'SalesItemLineDetail') {
    throw faults.invalid(`Line[${i}].DetailType`, 'the sandbox models SalesItemLineDetail lines');
  }
  const amount = mills(line.Amount, 'Line.Amount');
  const detail = obj(line.SalesItemLineDetail) ?? {};
  const qty = str(detail.Qty);
  const unitPrice = str(detail.UnitPrice);
  if (qty !== undefined && unitPrice !== undefined && multiplyToMills(qty, unitPrice) !== amount) {
    throw new QboFault(
      'ValidationFault',
      '6070',
      'Amount is not equal to UnitPrice * Qty',
      `Amount is not equal to UnitPrice * Qty. Supplied value:${str(line.Amount)}`,
      'Line.Amount',
    );
  }
  const itemRef = obj(detail.ItemRef);
  const out: Rec = {
    Id: String(i + 1),
    LineNum: i + 1,
    ...(line.Description !== undefined ? { Description: str(line.Description) } : {}),
    Amount: num(amount),
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: {
      // QBO falls back to the default "Services" item when none is named.
      ItemRef: itemRef
        ? { value: str(itemRef.value), name: str(itemRef.name) }
        : { value: '1', name: 'Services' },
      ...(qty !== undefined ? { Qty: Number(qty) } : {}),
      ...(unitPrice !== undefined ? { UnitPrice: Number(unitPrice) } : {}),
      TaxCodeRef: { value: 'NON' },
    },
  };
  return { line: out, amount };
}

/** A fixed-amount discount line; it lowers the total after the subtotal. */
function discountLine(raw: Rec, i: number): { line: Rec; amount: bigint } {
  const detail = obj(raw.DiscountLineDetail) ?? {};
  if (detail.PercentBased === true) {
    throw faults.invalid(
      `Line[${i}].DiscountLineDetail`,
      'the sandbox models fixed-amount discounts',
    );
  }
  const amount = mills(raw.Amount, 'Line.Amount');
  return {
    line: {
      Id: String(i + 1),
      LineNum: i + 1,
      ...(raw.Description !== undefined ? { Description: str(raw.Description) } : {}),
      Amount: num(amount),
      DetailType: 'DiscountLineDetail',
      DiscountLineDetail: { PercentBased: false },
    },
    amount,
  };
}

/**
 * Parses sales lines; QBO appends a SubTotalLine (ignoring one sent in) and takes fixed-amount
 * DiscountLineDetail lines off the total.
 */
export function salesLines(raw: unknown): { lines: Rec[]; total: bigint } {
  if (!Array.isArray(raw) || raw.length === 0) throw faults.required('Line');
  const input = raw.filter((l) => obj(l)?.DetailType !== 'SubTotalLineDetail');
  const sales = input.filter((l) => obj(l)?.DetailType !== 'DiscountLineDetail');
  const discounts = input.filter((l) => obj(l)?.DetailType === 'DiscountLineDetail');
  const parsed = sales.map((l, i) => salesLine(l, i));
  const subtotal = parsed.reduce((acc, p) => acc + p.amount, 0n);
  const off = discounts.map((l, i) => discountLine(obj(l) ?? {}, parsed.length + i));
  const discount = off.reduce((acc, d) => acc + d.amount, 0n);
  if (discount > subtotal) {
    throw faults.invalid('Line.DiscountLineDetail', 'the discount is larger than the subtotal');
  }
  const lines = parsed.map((p) => p.line);
  lines.push({ Amount: num(subtotal), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
  lines.push(...off.map((d) => d.line));
  return { lines, total: subtotal - discount };
}

/** Resolves `CustomerRef` to a stored customer (2020 when missing, 2500 when unknown). */
export function customerRef(store: RealmStore, body: Rec): Rec {
  const id = str(obj(body.CustomerRef)?.value);
  if (id === undefined) throw faults.required('CustomerRef');
  const customer = store.table('Customer').get(id);
  if (!customer) throw faults.invalidRef('CustomerRef', id);
  return { value: id, name: customer.DisplayName };
}

function headerFields(store: RealmStore, kind: SalesForm, body: Rec, now: string): Rec {
  const docNumber = str(body.DocNumber);
  maxLength(docNumber, 'DocNumber', 21);
  maxLength(str(body.PrivateNote), 'PrivateNote', 4000);
  const custom = Array.isArray(body.CustomField) ? body.CustomField.map(obj) : [];
  custom.forEach((f) => maxLength(str(f?.StringValue), 'CustomField.StringValue', 31));
  const txnDate = str(body.TxnDate) ?? now.slice(0, 10);
  return {
    DocNumber: docNumber ?? store.nextDoc(),
    TxnDate: txnDate,
    ...(kind === 'Invoice' ? { DueDate: str(body.DueDate) ?? txnDate, LinkedTxn: [] } : {}),
    CurrencyRef: { value: str(obj(body.CurrencyRef)?.value) ?? 'USD' },
    ...(body.PrivateNote !== undefined ? { PrivateNote: str(body.PrivateNote) } : {}),
    CustomField: custom.map((f) => ({
      DefinitionId: str(f?.DefinitionId),
      Name: str(f?.Name),
      Type: 'StringType',
      StringValue: str(f?.StringValue),
    })),
  };
}

/** POST /invoice, /creditmemo, /refundreceipt without Id: creates the sales form. */
export function createSalesForm(kind: SalesForm, store: RealmStore, body: Rec, now: string): Rec {
  const CustomerRef = customerRef(store, body);
  const { lines, total } = salesLines(body.Line);
  const header = headerFields(store, kind, body, now);
  const specific: Rec = { Balance: num(total) };
  if (kind === 'CreditMemo') specific.RemainingCredit = num(total);
  if (kind === 'RefundReceipt') {
    const account = str(obj(body.DepositToAccountRef)?.value);
    if (account === undefined) throw faults.required('DepositToAccountRef');
    const ref = str(body.PaymentRefNum);
    maxLength(ref, 'PaymentRefNum', 21);
    Object.assign(specific, {
      Balance: 0,
      DepositToAccountRef: { value: account },
      ...(ref !== undefined ? { PaymentRefNum: ref } : {}),
    });
  }
  const rec = store.insert(
    kind,
    { ...header, CustomerRef, Line: lines, TotalAmt: num(total), ...specific },
    now,
  );
  const delta = kind === 'Invoice' ? total : kind === 'CreditMemo' ? -total : 0n;
  adjustCustomerBalance(store, String(CustomerRef.value), delta);
  return rec;
}

/** POST /invoice with Id: a sparse/full update, or `operation=void`. */
export function updateInvoice(
  store: RealmStore,
  body: Rec,
  now: string,
  operation: string | null,
): Rec {
  const current = store.get('Invoice', str(body.Id) ?? '');
  checkSyncToken(current, body);
  const next: Rec = structuredClone(current);
  const oldBalance = storedMills(current, 'Balance');
  const customerId = String(obj(current.CustomerRef)?.value);
  if (operation === 'void') {
    const linked = Array.isArray(current.LinkedTxn) ? current.LinkedTxn.map(obj) : [];
    if (linked.some((t) => t?.TxnType === 'Payment')) {
      throw faults.business('This invoice has payments applied; remove them before voiding.');
    }
    next.Line = (Array.isArray(current.Line) ? current.Line : []).map((l) => {
      const line: Rec = { ...obj(l), Amount: 0 };
      const detail = obj(line.SalesItemLineDetail);
      if (detail) line.SalesItemLineDetail = { ...detail, Qty: 0 };
      return line;
    });
    Object.assign(next, { TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' });
    adjustCustomerBalance(store, customerId, -oldBalance);
  } else if (operation !== null) {
    throw faults.invalid('operation', `operation=${operation} is not supported on Invoice`);
  } else {
    maxLength(str(body.DocNumber), 'DocNumber', 21);
    if (body.Line !== undefined) {
      const { lines, total } = salesLines(body.Line);
      const applied = storedMills(current, 'TotalAmt') - oldBalance;
      if (total < applied) throw faults.business('The new total is less than the amount paid.');
      Object.assign(next, { Line: lines, TotalAmt: num(total), Balance: num(total - applied) });
      adjustCustomerBalance(store, customerId, total - applied - oldBalance);
    }
    for (const k of ['DocNumber', 'TxnDate', 'DueDate', 'PrivateNote', 'CustomField'] as const) {
      if (body[k] !== undefined) next[k] = body[k];
    }
  }
  touch(next, now);
  store.table('Invoice').set(String(current.Id), next);
  return next;
}
