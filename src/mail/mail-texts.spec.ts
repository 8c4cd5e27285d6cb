import { MAIL_TEMPLATES } from '../../workflows/notifications';
import { MailContext, renderMail, stepLink } from './mail-texts';

const context: MailContext = {
  groupName: 'NAG Hjärtsvikt',
  personName: 'Karin Lund',
  organisationName: 'Hjärt- och Lungsjukas förbund',
  deadline: '12 mars 2026 kl. 14:00',
  urgent: false,
  period: '2026-Q1',
  reason: 'withdrawn',
  step: 'agreement-drafted',
  counts: { nominated: 1, declined: 2, noAnswer: 3, pending: 1, active: 1, minimum: 2, requests: 2 },
  appUrl: 'https://medverkan.example.se',
  link: 'https://medverkan.example.se/uppdrag/6f1c2a4e-0000-4000-8000-000000000001',
};

describe('lifecycle mail texts', () => {
  it.each(MAIL_TEMPLATES)('%s has a Swedish subject and body with everything filled in', (template) => {
    const { subject, body } = renderMail(template, context);
    expect(subject.length).toBeGreaterThan(5);
    expect(body).toContain('NAG Hjärtsvikt');
    expect(body).toContain(context.link);
    expect(`${subject}\n${body}`).not.toMatch(/undefined|null|NaN|\$\{/);
  });

  it('says when a nomination is urgent, and what the deadline is', () => {
    const m = renderMail('nomination-request', { ...context, urgent: true });
    expect(m.subject).toBe('Brådskande: Förfrågan om nominering till NAG Hjärtsvikt');
    expect(m.body).toContain('senast 12 mars 2026 kl. 14:00');
    expect(m.body).toContain('så snart som möjligt');
  });

  it('tells the coordinator why an offer came to nothing', () => {
    expect(renderMail('assignment-declined', { ...context, reason: 'no-answer' }).body).toContain(
      'inget svar kom före svarstiden, vilket räknas som att personen tackat nej',
    );
  });

  it('tells a representative what became of the input, with the reason (issue 19 #1)', () => {
    const m = renderMail('input-outcome', {
      ...context,
      input: { activityTitle: 'Arbetsmöte 3', activityDate: '2026-03-12', raised: 'Skriftlig information', outcome: 'Togs inte in', reason: 'Inget underlag', guidelineSection: '3.2' },
    });
    expect(m.subject).toBe('Så användes ert inspel i NAG Hjärtsvikt');
    expect(m.body).toContain('på Arbetsmöte 3 2026-03-12.');
    expect(m.body).toContain('Inspel: Skriftlig information\nUtfall: Togs inte in\nSkäl: Inget underlag\nAvsnitt i kunskapsstödet: 3.2');
  });

  it('asks for the step whose turn it is', () => {
    expect(renderMail('step-reminder', { ...context, step: 'signed' }).body).toContain('kontrasignera överenskommelsen för gruppen');
  });
});

describe('the direct link of a mail (issue 16 #3)', () => {
  const base = 'https://medverkan.example.se/';
  const ids = { groupId: 'g1', assignmentId: 'a1', requestId: 'r1' };
  it('leads each reader to the page where the step is done', () => {
    expect(stepLink('nomination-request', ids, base)).toBe('https://medverkan.example.se/nomineringar/r1');
    expect(stepLink('nomination-reminder', { groupId: 'g1' }, base)).toBe('https://medverkan.example.se/nomineringar');
    expect(stepLink('nominee-rejected', { groupId: 'g1', requestId: 'r1' }, base)).toBe('https://medverkan.example.se/nomineringar/r1');
    expect(stepLink('nomination-received', ids, base)).toBe('https://medverkan.example.se/grupper/g1');
    expect(stepLink('assignment-offer', ids, base)).toBe('https://medverkan.example.se/uppdrag/a1');
    expect(stepLink('countersign-requested', ids, base)).toBe('https://medverkan.example.se/uppdrag/a1');
    expect(stepLink('report-due', ids, base)).toBe('https://medverkan.example.se/uppdrag/a1/rapportera');
    expect(stepLink('attestation-reminder', ids, base)).toBe('https://medverkan.example.se/grupper/g1/attestera');
    expect(stepLink('new-payee', ids, base)).toBe('https://medverkan.example.se/utbetalningar');
  });
  it('is in every template\'s body', () => {
    for (const template of MAIL_TEMPLATES) {
      const link = stepLink(template, ids, base);
      expect(renderMail(template, { ...context, link }).body).toContain(link);
    }
  });
});
