import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { Confirmation, ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Checkbox, Form, RadioGroup, SelectField, sendChecked, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDateTime, parseWhole } from '../../format';
import { useLoad } from '../../hooks';
import { ACCOUNT_KIND_LABELS, AGI_DUE_RULE_LABELS, CATEGORY_PURPOSE_LABELS, F_SKATT_POLICY_LABELS, label, PAIN_VERSION_LABELS, PAYOUT_FREQUENCY_LABELS } from '../../labels';
import type { AgiSettings, PayingBodySettings } from '../../types';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, l]) => ({ value, label: l }));

/**
 * Administrator: one paying body's own settings (issue 18 #6): its organisation number (on the payout slips and in the
 * employer return), its own bank account (the debtor of the pain.001 file; checked by the API against the clearing
 * number's bank and check digit, or the IBAN's), the payment file's version and purpose, how often it pays, the
 * F-skatt policy with its contact and the declaration's renewal; and the employer return's settings (issue 18 #3, #4):
 * due-date rule, whether Medverkan's file is the whole return (HU), specification number and contact. Every change is
 * audited by the API (which fields, never the account number); the account is only ever shown masked.
 */
export function PayingBodyPage() {
  const { code = '' } = useParams();
  const [data, reload] = useLoad(
    () => Promise.all([api.get<PayingBodySettings>(`/paying-bodies/${encodeURIComponent(code)}/settings`), api.get<AgiSettings>(`/paying-bodies/${encodeURIComponent(code)}/agi-settings`)]),
    [code],
  );
  if (data.status !== 'ok')
    return (
      <Page title="Betalare">
        {data.status === 'loading' ? <Working>Hämtar betalarens inställningar …</Working> : <ErrorMessage error={data.error} title="Inställningarna kunde inte hämtas" />}
      </Page>
    );
  const [settings, agi] = data.data;
  return (
    <Page title={settings.name} intro={<p>Betalarens egna uppgifter för utbetalningar, betalfilen till banken och arbetsgivardeklarationen till Skatteverket. Varje ändring loggas.</p>}>
      <dl className="facts">
        <div>
          <dt>Kod</dt>
          <dd>{settings.code}</dd>
        </div>
        <div>
          <dt>Organisationsnummer</dt>
          <dd>{settings.organisationNumber ?? 'Saknas'}</dd>
        </div>
        <div>
          <dt>Eget konto</dt>
          <dd>
            {settings.bankAccount
              ? `${settings.bankAccount.masked}${settings.bankAccount.bankName ? `, ${settings.bankAccount.bankName}` : ''} (${label(ACCOUNT_KIND_LABELS, settings.bankAccount.kind)}, BIC ${settings.bankAccount.bic})`
              : 'Saknas'}
          </dd>
        </div>
        <div>
          <dt>Senast ändrat</dt>
          <dd>{settings.settingsUpdatedAt ? formatDateTime(settings.settingsUpdatedAt) : 'Aldrig'}</dd>
        </div>
      </dl>
      {settings.missingForPayment.length > 0 && (
        <div className="info-box">
          <p>Innan en utbetalning från {settings.name} kan godkännas behövs {settings.missingForPayment.join(' och ')}.</p>
        </div>
      )}
      <PaymentSettingsForm settings={settings} onSaved={reload} />
      <AgiSettingsForm agi={agi} onSaved={reload} />
      <p>
        <Link to="/administration/betalare">Alla betalare</Link>
      </p>
    </Page>
  );
}

type AccountChoice = 'keep' | 'bban' | 'iban' | 'remove';

function PaymentSettingsForm({ settings, onSaved }: { settings: PayingBodySettings; onSaved: () => Promise<void> }) {
  const initial = () => ({
    organisationNumber: settings.organisationNumber ?? '',
    payoutFrequency: settings.payoutFrequency as string,
    painVersion: settings.painVersion as string,
    categoryPurpose: (settings.categoryPurpose ?? '') as string,
    salaryPaymentAgreement: settings.salaryPaymentAgreement,
    fSkattPolicy: settings.fSkattPolicy as string,
    fSkattContact: settings.fSkattContact ?? '',
    declarationRenewMonths: String(settings.declarationRenewMonths),
    account: (settings.bankAccount ? 'keep' : 'bban') as AccountChoice,
    clearingNumber: '',
    accountNumber: '',
    iban: '',
    bic: '',
  });
  const [v, setV] = useState(initial);
  const [confirmation, setConfirmation] = useState('');
  const put = (patch: Partial<ReturnType<typeof initial>>) => setV((old) => ({ ...old, ...patch }));
  // After a save the stored settings are shown (the organisation number as the API normalised it, the account masked).
  useEffect(() => setV(initial), [settings]);

  async function submit() {
    const body: Record<string, unknown> = {
      organisationNumber: v.organisationNumber.trim() || null,
      payoutFrequency: v.payoutFrequency,
      painVersion: v.painVersion,
      categoryPurpose: v.categoryPurpose || null,
      salaryPaymentAgreement: v.salaryPaymentAgreement,
      fSkattPolicy: v.fSkattPolicy,
      fSkattContact: v.fSkattContact.trim() || null,
      declarationRenewMonths: parseWhole(v.declarationRenewMonths),
    };
    if (v.account === 'remove') body.bankAccount = null;
    else if (v.account === 'iban') body.bankAccount = { iban: v.iban.trim(), bic: v.bic.trim() };
    // A body without an account may leave the Swedish account's fields empty: nothing to change then.
    else if (v.account === 'bban' && (v.clearingNumber.trim() || v.accountNumber.trim() || v.bic.trim())) {
      body.bankAccount = { clearingNumber: v.clearingNumber.trim(), accountNumber: v.accountNumber.trim(), bic: v.bic.trim() };
    }
    const checks = {
      declarationRenewMonths: Number.isNaN(body.declarationRenewMonths) && 'Skriv antalet månader som ett heltal, 1–36.',
      'bankAccount.clearingNumber': v.account === 'bban' && !v.clearingNumber.trim() && (settings.bankAccount === null ? v.accountNumber.trim() || v.bic.trim() : true) && 'Ange clearingnumret.',
      'bankAccount.accountNumber': v.account === 'bban' && !v.accountNumber.trim() && (settings.bankAccount === null ? v.clearingNumber.trim() || v.bic.trim() : true) && 'Ange kontonumret.',
      'bankAccount.iban': v.account === 'iban' && !v.iban.trim() && 'Ange IBAN.',
      'bankAccount.bic': (v.account === 'iban' || (v.account === 'bban' && (settings.bankAccount !== null || v.clearingNumber.trim() || v.accountNumber.trim()))) && !v.bic.trim() && 'Ange bankens BIC, till exempel ESSESESS.',
    };
    await sendChecked(checks, (extra) => api.patch<PayingBodySettings>(`/paying-bodies/${encodeURIComponent(settings.code)}/settings`, { ...body, ...extra }));
    await onSaved();
    setConfirmation(`Inställningarna för ${settings.name} är sparade${body.bankAccount ? ', med det nya kontot' : ''}. Ändringen finns i loggen.`);
  }

  const accountOptions = [
    ...(settings.bankAccount ? [{ value: 'keep', label: `Behåll det sparade kontot (${settings.bankAccount.masked})` }] : []),
    { value: 'bban', label: settings.bankAccount ? 'Byt till ett svenskt konto (clearingnummer och kontonummer)' : 'Svenskt konto (clearingnummer och kontonummer)' },
    { value: 'iban', label: settings.bankAccount ? 'Byt till ett IBAN' : 'IBAN' },
    ...(settings.bankAccount ? [{ value: 'remove', label: 'Ta bort kontot' }] : []),
  ];

  return (
    <section aria-labelledby="utbetalning">
      <h2 id="utbetalning">Utbetalning och betalfil</h2>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <Form onSubmit={submit} submitLabel="Spara inställningarna" sendingLabel="Sparar …" idPrefix="betalning-">
        <TextField
          name="organisationNumber"
          label="Organisationsnummer"
          hint="Tio siffror, till exempel 222000-0315. Skrivs på utbetalningsbeskeden och i arbetsgivardeklarationen."
          width="medium"
          value={v.organisationNumber}
          onChange={(x) => put({ organisationNumber: x })}
          required={false}
        />
        <RadioGroup
          name="payoutFrequency"
          label="Hur ofta betalaren betalar ut"
          hint="Rutinen §4.5. Gäller från nästa omgång; ändras inte medan ett utkast till utbetalning väntar."
          value={v.payoutFrequency}
          onChange={(x) => put({ payoutFrequency: x })}
          options={options(PAYOUT_FREQUENCY_LABELS)}
        />
        <h3>Betalarens eget konto</h3>
        <p className="hint">Avsändare i betalfilen (pain.001). Kontot kontrolleras mot clearingnumrets bank och kontrollsiffra, eller IBAN:s kontrollsiffror, och visas sedan bara maskerat.</p>
        <RadioGroup name="account" label="Kontot" value={v.account} onChange={(x) => put({ account: x as AccountChoice })} options={accountOptions} />
        {v.account === 'bban' && (
          <>
            <TextField name="bankAccount.clearingNumber" label="Clearingnummer" hint="Fyra siffror (Swedbank ibland fem)." inputMode="numeric" width="short" value={v.clearingNumber} onChange={(x) => put({ clearingNumber: x })} />
            <TextField name="bankAccount.accountNumber" label="Kontonummer" inputMode="numeric" width="medium" value={v.accountNumber} onChange={(x) => put({ accountNumber: x })} />
          </>
        )}
        {v.account === 'iban' && <TextField name="bankAccount.iban" label="IBAN" hint="Till exempel SE45 5000 0000 0583 9825 7466." width="long" value={v.iban} onChange={(x) => put({ iban: x })} />}
        {(v.account === 'bban' || v.account === 'iban') && (
          <TextField name="bankAccount.bic" label="Bankens BIC (SWIFT-adress)" hint="8 eller 11 tecken, till exempel ESSESESS." width="medium" value={v.bic} onChange={(x) => put({ bic: x })} />
        )}
        <h3>Betalfilen</h3>
        <SelectField name="painVersion" label="Version av betalfilen som banken läser" value={v.painVersion} onChange={(x) => put({ painVersion: x })} options={options(PAIN_VERSION_LABELS)} />
        <SelectField
          name="categoryPurpose"
          label="Betalningens syfte i filen"
          hint="Lön (SALA) kräver att betalaren har avtal med sin bank om löneutbetalningar."
          value={v.categoryPurpose}
          onChange={(x) => put({ categoryPurpose: x })}
          options={[{ value: '', label: 'Anges inte' }, ...options(CATEGORY_PURPOSE_LABELS)]}
        />
        <Checkbox name="salaryPaymentAgreement" label="Betalaren har avtal med sin bank om löneutbetalningar" checked={v.salaryPaymentAgreement} onChange={(x) => put({ salaryPaymentAgreement: x })} />
        <h3>F-skatt och jäv</h3>
        <RadioGroup
          name="fSkattPolicy"
          label="När mottagaren har F-skatt"
          hint="Gäller från nästa gång en mottagare lämnar sina betalningsuppgifter."
          value={v.fSkattPolicy}
          onChange={(x) => put({ fSkattPolicy: x })}
          options={options(F_SKATT_POLICY_LABELS)}
        />
        <TextField
          name="fSkattContact"
          label="Vem mottagaren ska kontakta om F-skatt"
          hint="Namn, funktion eller adress. Lämnas tomt: gruppens samordnare."
          value={v.fSkattContact}
          onChange={(x) => put({ fSkattContact: x })}
          required={false}
        />
        <TextField
          name="declarationRenewMonths"
          label="Jävsdeklarationen förnyas senast efter (månader)"
          hint="Rutinen kräver minst vart tredje år (36); vissa regioner varje år (12)."
          inputMode="numeric"
          width="short"
          value={v.declarationRenewMonths}
          onChange={(x) => put({ declarationRenewMonths: x })}
        />
      </Form>
    </section>
  );
}

function AgiSettingsForm({ agi, onSaved }: { agi: AgiSettings; onSaved: () => Promise<void> }) {
  const initial = () => ({
    dueRule: agi.dueRule as string,
    wholeReturn: agi.wholeReturn,
    specificationNumber: String(agi.specificationNumber),
    name: agi.contact?.name ?? '',
    phone: agi.contact?.phone ?? '',
    email: agi.contact?.email ?? '',
  });
  const [v, setV] = useState(initial);
  const [confirmation, setConfirmation] = useState('');
  const put = (patch: Partial<ReturnType<typeof initial>>) => setV((old) => ({ ...old, ...patch }));
  // After a save the stored settings are shown (the API trims and may normalise).
  useEffect(() => setV(initial), [agi]);

  async function submit() {
    const specificationNumber = parseWhole(v.specificationNumber);
    const anyContact = !!(v.name.trim() || v.phone.trim() || v.email.trim());
    const checks = {
      specificationNumber: Number.isNaN(specificationNumber) && 'Skriv specifikationsnumret som ett heltal, till exempel 7001.',
      'contact.name': anyContact && !v.name.trim() && 'Ange kontaktpersonens namn, eller lämna alla tre fälten tomma.',
      'contact.phone': anyContact && !v.phone.trim() && 'Ange kontaktpersonens telefonnummer.',
      'contact.email': anyContact && !v.email.trim() && 'Ange kontaktpersonens e-postadress.',
    };
    const body = {
      dueRule: v.dueRule,
      wholeReturn: v.wholeReturn,
      specificationNumber,
      contact: anyContact ? { name: v.name.trim(), phone: v.phone.trim(), email: v.email.trim() } : null,
    };
    await sendChecked(checks, (extra) => api.put<AgiSettings>(`/paying-bodies/${encodeURIComponent(agi.code)}/agi-settings`, { ...body, ...extra }));
    await onSaved();
    setConfirmation(`Inställningarna för arbetsgivardeklarationen är sparade. Ändringen finns i loggen.`);
  }

  return (
    <section aria-labelledby="agi">
      <h2 id="agi">Arbetsgivardeklarationen</h2>
      <p>
        Medverkan gör individuppgifterna (IU) för varje utbetalningsmånad. Betalaren lämnar dem till Skatteverket, oftast tillsammans med sitt eget
        lönesystems deklaration. Filen kräver organisationsnummer (ovan) och en kontaktperson.
      </p>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <Form onSubmit={submit} submitLabel="Spara inställningarna för deklarationen" sendingLabel="Sparar …" idPrefix="agi-">
        <RadioGroup name="dueRule" label="När deklarationen ska vara inne" hint="Skatteförfarandelagen 26 kap. En dag som är helg flyttas till nästa vardag." value={v.dueRule} onChange={(x) => put({ dueRule: x })} options={options(AGI_DUE_RULE_LABELS)} />
        <Checkbox
          name="wholeReturn"
          label="Medverkans fil är betalarens hela deklaration för månaden"
          hint="Då innehåller filen också huvuduppgiften (HU) med summorna. Lämna omarkerat när betalarens lönesystem lämnar huvuduppgiften."
          checked={v.wholeReturn}
          onChange={(x) => put({ wholeReturn: x })}
        />
        <TextField
          name="specificationNumber"
          label="Specifikationsnummer (fält 570)"
          hint="Ett nummer som betalarens eget lönesystem inte använder för samma person."
          inputMode="numeric"
          width="medium"
          value={v.specificationNumber}
          onChange={(x) => put({ specificationNumber: x })}
        />
        <h3>Kontaktperson för Skatteverket</h3>
        <TextField name="contact.name" label="Namn" width="long" value={v.name} onChange={(x) => put({ name: x })} required={false} />
        <TextField name="contact.phone" label="Telefonnummer" type="tel" width="medium" value={v.phone} onChange={(x) => put({ phone: x })} required={false} />
        <TextField name="contact.email" label="E-postadress" type="email" width="long" value={v.email} onChange={(x) => put({ email: x })} required={false} />
      </Form>
      <NextStep>
        <p>Ekonomi hos betalaren laddar ner månadens fil från en godkänd utbetalning. Deklarationsdagen visas där.</p>
      </NextStep>
    </section>
  );
}
