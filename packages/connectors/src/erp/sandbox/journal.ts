import { faults } from './qbo-faults.js';
import { mills, maxLength, num, obj, type RealmStore, type Rec, str } from './store.js';
import { formatMills } from '../money.js';

/** POST /journalentry without Id: posts a journal entry; debits must equal credits. */
export function createJournalEntry(store: RealmStore, body: Rec, now: string): Rec {
  if (!Array.isArray(body.Line) || body.Line.length === 0) throw faults.required('Line');
  let debits = 0n;
  let credits = 0n;
  const lines = body.Line.map((raw, i) => {
    const line = obj(raw) ?? {};
    if (line.DetailType !== 'JournalEntryLineDetail') {
      throw faults.invalid(`Line[${i}].DetailType`, 'journal lines are JournalEntryLineDetail');
    }
    const amount = mills(line.Amount, `Line[${i}].Amount`);
    const detail = obj(line.JournalEntryLineDetail) ?? {};
    const posting = str(detail.PostingType);
    if (posting !== 'Debit' && posting !== 'Credit') {
      throw faults.required('JournalEntryLineDetail.PostingType');
    }
    const account = obj(detail.AccountRef);
    if (str(account?.value) === undefined)
      throw faults.required('JournalEntryLineDetail.AccountRef');
    if (posting === 'Debit') debits += amount;
    else credits += amount;
    return {
      Id: String(i),
      ...(line.Description !== undefined ? { Description: str(line.Description) } : {}),
      Amount: num(amount),
      DetailType: 'JournalEntryLineDetail',
      JournalEntryLineDetail: {
        PostingType: posting,
        AccountRef: { value: str(account?.value), name: str(account?.name) },
      },
    };
  });
  if (debits !== credits) {
    throw faults.business(
      `Transaction is not balanced: debits ${formatMills(debits)} do not equal credits ${formatMills(credits)}.`,
      'Line',
    );
  }
  const docNumber = str(body.DocNumber);
  maxLength(docNumber, 'DocNumber', 21);
  return store.insert(
    'JournalEntry',
    {
      ...(docNumber !== undefined ? { DocNumber: docNumber } : {}),
      TxnDate: str(body.TxnDate) ?? now.slice(0, 10),
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      ...(body.PrivateNote !== undefined ? { PrivateNote: str(body.PrivateNote) } : {}),
      Adjustment: false,
      TotalAmt: num(debits),
      Line: lines,
    },
    now,
  );
}
