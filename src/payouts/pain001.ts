import type { BankAccount } from '../identity/bank-account';
import type { CategoryPurpose, PainVersion } from '../paying-bodies/paying-body-settings.repository';
import { stockholmDateTime } from '../common/stockholm-time';

/**
 * The payment file of an approved run as an ISO 20022 credit transfer initiation (pain.001, issue 18 #1):
 * `pain.001.001.09`, or `pain.001.001.03` for a bank that still needs it (a setting of the paying body). Pure: the
 * caller decrypts the accounts (finance of the payer only, audited) and hands them in; nothing here is logged.
 *
 * One message, one payment information block (one debit of the payer's own account on the run's payment date),
 * one credit transfer per person. What the Swedish banks' common interpretation of ISO 20022 narrows, and how:
 * - character set UTF-8; every text escaped, control characters dropped, names cut to 70 characters;
 * - identifiers (MsgId, PmtInfId, EndToEndId) at most 35 characters; MsgId is the run's own, so the same run's
 *   file always has the same MsgId and a bank's duplicate check refuses a second upload of it;
 * - domestic account transfers: service level `NURG`, currency SEK, charges `SLEV`;
 * - a Swedish account (BBAN) as `Othr/Id` = clearing number (4 digits; Swedbank's fifth digit left out) + account
 *   number with `SchmeNm/Cd` BBAN, its bank as clearing system member `SESBA` + the clearing number; an IBAN as
 *   `IBAN` (the creditor's bank then found from it);
 * - the debtor's agent by BIC; initiating party and debtor identified by the organisation number (`OrgId/Othr`,
 *   `SchmeNm/Cd` BANK, the identifier the payer's bank knows it by);
 * - category purpose (`SALA` salary: the bank keeps amounts out of the statement; needs the payer's agreement) at
 *   the payment information level, only when the payer's setting gives one;
 * - NbOfTxs and CtrlSum in the group header and the payment information block, amounts with two decimals, no
 *   zero payment.
 */
export interface PainPayment {
  /** The EndToEndId the bank reports back: the id of the person's first paid line in the run (hex, no hyphens). */
  endToEndId: string;
  creditorName: string;
  account: BankAccount;
  amountOre: number;
  /** The text on the person's statement (unstructured remittance). */
  remittance: string;
}

export interface PainDebtor {
  name: string;
  /** NNNNNN-NNNN, or null when the payer has not given it (the bank then knows it by its account alone). */
  organisationNumber: string | null;
  account: BankAccount;
  bic: string;
}

export interface PainFile {
  version: PainVersion;
  /** ≤ 35 characters, unique per run. */
  messageId: string;
  /** ≤ 35 characters. */
  paymentInfoId: string;
  /** When the message was made (the run's approval, so a file downloaded twice is the same file). */
  createdAt: Date;
  /** ÅÅÅÅ-MM-DD: the run's payment date. */
  executionDate: string;
  debtor: PainDebtor;
  categoryPurpose: CategoryPurpose | null;
  payments: readonly PainPayment[];
}

export const PAIN_NAMESPACES: Record<PainVersion, string> = {
  'pain.001.001.09': 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09',
  'pain.001.001.03': 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03',
};

/** One element: a name, attributes, and text or children. Built only by `el`, serialised only by `serialise`. */
interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string | null;
}
type Child = XmlElement | null | undefined | false;

function el(name: string, content?: string | Child[] | null, attrs: Record<string, string> = {}): XmlElement {
  if (typeof content === 'string') return { name, attrs, children: [], text: content };
  return { name, attrs, children: (content ?? []).filter((c): c is XmlElement => !!c), text: null };
}

// XML 1.0 allows tab, LF and CR among the control characters; no text of ours needs even those.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/** Text as XML character data: control characters dropped, & < > " ' escaped. */
export function xmlText(value: string): string {
  return value.replace(CONTROL, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function serialise(e: XmlElement, indent = ''): string {
  const attrs = Object.entries(e.attrs)
    .map(([k, v]) => ` ${k}="${xmlText(v)}"`)
    .join('');
  if (e.text !== null) return `${indent}<${e.name}${attrs}>${xmlText(e.text)}</${e.name}>\n`;
  if (!e.children.length) return `${indent}<${e.name}${attrs}/>\n`;
  return `${indent}<${e.name}${attrs}>\n${e.children.map((c) => serialise(c, `${indent}  `)).join('')}${indent}</${e.name}>\n`;
}

/** Öre as the file's decimal amount: 149100 → "1491.00". */
export function painAmount(ore: number): string {
  if (!Number.isSafeInteger(ore) || ore < 0) throw new RangeError('amount must be non-negative integer öre');
  return `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;
}

const cut = (s: string, n: number) => [...s.replace(CONTROL, '').trim()].slice(0, n).join('');
const id35 = (s: string) => {
  if (s.length === 0 || s.length > 35) throw new RangeError(`an ISO 20022 identifier has 1–35 characters: ${s}`);
  return s;
};

function accountId(a: BankAccount): XmlElement {
  return el('Id', [
    a.kind === 'iban' ? el('IBAN', a.iban) : el('Othr', [el('Id', `${a.clearing4}${a.accountNumber}`), el('SchmeNm', [el('Cd', 'BBAN')])]),
  ]);
}

function partyId(organisationNumber: string | null): XmlElement | null {
  if (!organisationNumber) return null;
  return el('Id', [el('OrgId', [el('Othr', [el('Id', organisationNumber.replace(/\D/g, '')), el('SchmeNm', [el('Cd', 'BANK')])])])]);
}

/** The pain.001 document of one approved run. Rows with nothing to pay are left out. */
export function pain001Xml(f: PainFile): string {
  const v09 = f.version === 'pain.001.001.09';
  const payments = f.payments.filter((p) => p.amountOre > 0);
  if (payments.length === 0) throw new RangeError('a payment file needs at least one payment');
  const total = payments.reduce((s, p) => s + p.amountOre, 0);
  const count = String(payments.length);
  const sum = painAmount(total);
  const bicName = v09 ? 'BICFI' : 'BIC';

  const tx = (p: PainPayment): XmlElement =>
    el('CdtTrfTxInf', [
      el('PmtId', [el('EndToEndId', id35(p.endToEndId))]),
      el('Amt', [el('InstdAmt', painAmount(p.amountOre), { Ccy: 'SEK' })]),
      p.account.kind === 'bban' &&
        el('CdtrAgt', [el('FinInstnId', [el('ClrSysMmbId', [el('ClrSysId', [el('Cd', 'SESBA')]), el('MmbId', p.account.clearing4)])])]),
      el('Cdtr', [el('Nm', cut(p.creditorName, 70))]),
      el('CdtrAcct', [accountId(p.account)]),
      el('RmtInf', [el('Ustrd', cut(p.remittance, 140))]),
    ]);

  const doc = el('Document', [
    el('CstmrCdtTrfInitn', [
      el('GrpHdr', [
        el('MsgId', id35(f.messageId)),
        el('CreDtTm', stockholmDateTime(f.createdAt)),
        el('NbOfTxs', count),
        el('CtrlSum', sum),
        el('InitgPty', [el('Nm', cut(f.debtor.name, 70)), partyId(f.debtor.organisationNumber)]),
      ]),
      el('PmtInf', [
        el('PmtInfId', id35(f.paymentInfoId)),
        el('PmtMtd', 'TRF'),
        el('NbOfTxs', count),
        el('CtrlSum', sum),
        el('PmtTpInf', [el('SvcLvl', [el('Cd', 'NURG')]), f.categoryPurpose && el('CtgyPurp', [el('Cd', f.categoryPurpose)])]),
        el('ReqdExctnDt', v09 ? [el('Dt', f.executionDate)] : f.executionDate),
        el('Dbtr', [el('Nm', cut(f.debtor.name, 70)), partyId(f.debtor.organisationNumber)]),
        el('DbtrAcct', [accountId(f.debtor.account), el('Ccy', 'SEK')]),
        el('DbtrAgt', [el('FinInstnId', [el(bicName, f.debtor.bic)])]),
        el('ChrgBr', 'SLEV'),
        ...payments.map(tx),
      ]),
    ]),
  ], { xmlns: PAIN_NAMESPACES[f.version] });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialise(doc)}`;
}
