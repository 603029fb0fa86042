import { adjustCustomerBalance } from './customers.js';
import { faults } from './qbo-faults.js';
import { customerRef } from './sales.js';
import {
  mills,
  maxLength,
  num,
  obj,
  type RealmStore,
  type Rec,
  storedMills,
  str,
  touch,
} from './store.js';

const LINKABLE = { Invoice: 'Invoice', CreditMemo: 'CreditMemo' } as const;

interface Application {
  type: keyof typeof LINKABLE;
  target: Rec;
  amount: bigint;
}

function applications(store: RealmStore, body: Rec, customerId: string): Application[] {
  const lines = Array.isArray(body.Line) ? body.Line : [];
  const pending = new Map<Rec, bigint>();
  return lines.map((raw, i) => {
    const line = obj(raw) ?? {};
    const amount = mills(line.Amount, `Line[${i}].Amount`);
    const links = Array.isArray(line.LinkedTxn) ? line.LinkedTxn.map(obj) : [];
    const link = links[0];
    if (links.length !== 1 || !link) {
      throw faults.invalid(
        `Line[${i}].LinkedTxn`,
        'each payment line links exactly one transaction',
      );
    }
    const type = str(link.TxnType);
    if (type !== 'Invoice' && type !== 'CreditMemo') {
      throw faults.invalid(`Line[${i}].LinkedTxn.TxnType`, `cannot apply a payment to ${type}`);
    }
    const target = store.get(LINKABLE[type], str(link.TxnId) ?? '');
    if (str(obj(target.CustomerRef)?.value) !== customerId) {
      throw faults.business(
        `${type} ${String(target.Id)} belongs to another customer.`,
        'LinkedTxn',
      );
    }
    const used = (pending.get(target) ?? 0n) + amount;
    if (used > storedMills(target, 'Balance')) {
      throw faults.business(
        `The amount applied to ${type} ${String(target.Id)} exceeds its open balance.`,
        'Line.Amount',
      );
    }
    pending.set(target, used);
    return { type, target, amount };
  });
}

/** POST /payment without Id: records a payment and applies its lines to invoices and credits. */
export function createPayment(store: RealmStore, body: Rec, now: string): Rec {
  const CustomerRef = customerRef(store, body);
  const total = mills(body.TotalAmt, 'TotalAmt');
  const ref = str(body.PaymentRefNum);
  maxLength(ref, 'PaymentRefNum', 21);
  maxLength(str(body.PrivateNote), 'PrivateNote', 4000);
  const apps = applications(store, body, String(CustomerRef.value));
  const net = apps.reduce((acc, a) => acc + (a.type === 'Invoice' ? a.amount : -a.amount), 0n);
  if (net < 0n || net > total) {
    throw faults.business('The amount applied does not match the payment total.', 'TotalAmt');
  }
  const payment = store.insert(
    'Payment',
    {
      CustomerRef,
      TxnDate: str(body.TxnDate) ?? now.slice(0, 10),
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      TotalAmt: num(total),
      UnappliedAmt: num(total - net),
      ProcessPayment: false,
      ...(ref !== undefined ? { PaymentRefNum: ref } : {}),
      ...(body.PrivateNote !== undefined ? { PrivateNote: str(body.PrivateNote) } : {}),
      ...(obj(body.DepositToAccountRef)
        ? { DepositToAccountRef: { value: str(obj(body.DepositToAccountRef)?.value) } }
        : {}),
      Line: apps.map((a) => ({
        Amount: num(a.amount),
        LinkedTxn: [{ TxnId: String(a.target.Id), TxnType: a.type }],
      })),
    },
    now,
  );
  for (const a of apps) {
    const balance = num(storedMills(a.target, 'Balance') - a.amount);
    a.target.Balance = balance;
    if (a.type === 'CreditMemo') a.target.RemainingCredit = balance;
    const linked: unknown[] = Array.isArray(a.target.LinkedTxn) ? a.target.LinkedTxn : [];
    a.target.LinkedTxn = [...linked, { TxnId: String(payment.Id), TxnType: 'Payment' }];
    touch(a.target, now);
  }
  adjustCustomerBalance(store, String(CustomerRef.value), -total);
  return payment;
}
