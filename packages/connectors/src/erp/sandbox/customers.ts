import { faults } from './qbo-faults.js';
import {
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

const WRITABLE = [
  'DisplayName',
  'Title',
  'GivenName',
  'MiddleName',
  'FamilyName',
  'Suffix',
  'CompanyName',
  'PrintOnCheckName',
  'PrimaryEmailAddr',
  'PrimaryPhone',
  'Mobile',
  'BillAddr',
  'ShipAddr',
  'Notes',
  'Active',
  'Taxable',
] as const;

function pickWritable(body: Rec): Rec {
  return Object.fromEntries(WRITABLE.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}

function displayNameOf(fields: Rec): string {
  const given = str(fields.DisplayName)?.trim();
  if (given) return given;
  const person = [fields.GivenName, fields.MiddleName, fields.FamilyName]
    .map(str)
    .filter(Boolean)
    .join(' ');
  const name = person || str(fields.CompanyName);
  if (!name) throw faults.required('DisplayName');
  return name;
}

// Display names are unique per company, compared without regard to case.
function assertUniqueName(store: RealmStore, name: string, selfId?: string): void {
  const wanted = name.toLowerCase();
  for (const c of store.table('Customer').values()) {
    if (c.Id !== selfId && str(c.DisplayName)?.toLowerCase() === wanted) {
      throw faults.duplicateName(String(c.Id));
    }
  }
}

function validate(fields: Rec): void {
  maxLength(str(fields.DisplayName), 'DisplayName', 500);
  for (const k of ['GivenName', 'MiddleName', 'FamilyName', 'CompanyName'] as const) {
    maxLength(str(fields[k]), k, 100);
  }
  const email = obj(fields.PrimaryEmailAddr);
  if (fields.PrimaryEmailAddr !== undefined && !str(email?.Address)?.includes('@')) {
    throw faults.invalid('PrimaryEmailAddr', 'PrimaryEmailAddr.Address is not an email address');
  }
}

/** POST /customer without Id: creates a customer. */
export function createCustomer(store: RealmStore, body: Rec, now: string): Rec {
  const fields = pickWritable(body);
  validate(fields);
  const DisplayName = displayNameOf(fields);
  assertUniqueName(store, DisplayName);
  return store.insert(
    'Customer',
    {
      Active: true,
      Taxable: false,
      Job: false,
      BillWithParent: false,
      Balance: 0,
      BalanceWithJobs: 0,
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      PreferredDeliveryMethod: 'Print',
      ...fields,
      DisplayName,
      FullyQualifiedName: DisplayName,
      PrintOnCheckName: str(fields.PrintOnCheckName) ?? DisplayName,
    },
    now,
  );
}

/** POST /customer with Id + SyncToken: sparse (merge) or full (replace writable fields) update. */
export function updateCustomer(store: RealmStore, body: Rec, now: string): Rec {
  const current = store.get('Customer', str(body.Id) ?? '');
  checkSyncToken(current, body);
  const fields = pickWritable(body);
  validate(fields);
  const next: Rec = { ...current };
  if (body.sparse !== true) for (const k of WRITABLE) delete next[k];
  Object.assign(next, fields);
  const DisplayName = displayNameOf(body.sparse === true ? next : fields);
  assertUniqueName(store, DisplayName, String(current.Id));
  Object.assign(next, {
    DisplayName,
    FullyQualifiedName: DisplayName,
    Active: next.Active ?? true,
  });
  next.PrintOnCheckName ??= DisplayName;
  touch(next, now);
  store.table('Customer').set(String(current.Id), next);
  return next;
}

/** Adds `delta` mills to a customer's open balance. */
export function adjustCustomerBalance(store: RealmStore, id: string, delta: bigint): void {
  const customer = store.table('Customer').get(id);
  if (!customer) return;
  const balance = storedMills(customer, 'Balance') + delta;
  customer.Balance = num(balance);
  customer.BalanceWithJobs = num(balance);
}
