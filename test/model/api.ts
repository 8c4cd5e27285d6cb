/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as a client sees them */

/**
 * Every HTTP call the model-based test makes, in one thin client: when an API shape changes (activities, closed
 * payout periods, supplementary runs …) this is the one file to adapt. Each method answers the status and the
 * parsed body; the model decides what a status means.
 */

export interface Answer<T = any> {
  status: number;
  body: T;
}

/** The terms of an appointment (the agreement). */
export interface Terms {
  periodStart: string;
  periodEnd: string;
  reportingFrequency: 'monthly' | 'quarterly';
  estimatedMeetingHours: number;
  estimatedOtherHours: number;
}

export interface ReportInput {
  assignmentId: string;
  /** The group's activity (a meeting) the report is made against. */
  activityId: string;
  durationMinutes: number;
  travelMinutes: number;
}

export interface ActivityInput {
  /** Client id: the same id twice is one activity. */
  id: string;
  title: string;
  date: string;
  durationMinutes: number;
  calledAssignmentIds: string[];
}

export class ModelApi {
  constructor(readonly baseUrl: string) {}

  async call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text === '' ? undefined : text;
    if (text && (res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: res.status, body: parsed };
  }

  get = (path: string, token?: string) => this.call('GET', path, token);

  // ---- accounts ------------------------------------------------------------------------------------------------

  async acceptInvitation(invitationToken: string, password: string): Promise<Answer<{ token: string }>> {
    return this.call('POST', '/auth/invitations/accept', undefined, { token: invitationToken, password });
  }

  // ---- groups and recruitment ----------------------------------------------------------------------------------

  createGroup(coordinator: string, g: { id: string; name: string; minRepresentatives: number }): Promise<Answer> {
    return this.call('POST', '/working-groups', coordinator, {
      id: g.id,
      name: g.name,
      kind: 'NSG',
      commission: 'Modellprov: slumpade följder av steg genom hela rutinen.',
      standing: true,
      minRepresentatives: g.minRepresentatives,
    });
  }

  readGroup(token: string, groupId: string): Promise<Answer> {
    return this.get(`/working-groups/${groupId}`, token);
  }

  startRound(coordinator: string, groupId: string, organisationIds: string[]): Promise<Answer> {
    return this.call('POST', `/working-groups/${groupId}/recruitment/rounds`, coordinator, { organisationIds });
  }

  nominationRequests(orgContact: string): Promise<Answer<any[]>> {
    return this.get('/nomination-requests', orgContact);
  }

  nominate(orgContact: string, requestId: string, n: { fullName: string; email: string; representation?: 'mandate' | 'own-experience' }): Promise<Answer> {
    return this.call('POST', `/nomination-requests/${requestId}/nominations`, orgContact, {
      fullName: n.fullName,
      email: n.email,
      perspective: 'patient',
      representation: n.representation ?? 'own-experience',
    });
  }

  nominations(coordinator: string, groupId: string): Promise<Answer<any[]>> {
    return this.get(`/working-groups/${groupId}/nominations`, coordinator);
  }

  appoint(coordinator: string, groupId: string, nominationId: string, terms: Terms): Promise<Answer> {
    return this.call('POST', `/working-groups/${groupId}/nominations/${nominationId}/appoint`, coordinator, terms);
  }

  // ---- the assignment's steps ----------------------------------------------------------------------------------

  readAssignment(token: string, assignmentId: string): Promise<Answer> {
    return this.get(`/assignments/${assignmentId}`, token);
  }

  accept(rep: string, assignmentId: string): Promise<Answer> {
    return this.call('POST', `/assignments/${assignmentId}/accept`, rep);
  }

  giveDetails(rep: string, assignmentId: string, d: { personalNumber: string; clearingNumber: string; accountNumber: string }): Promise<Answer> {
    return this.call('PUT', `/assignments/${assignmentId}/personal-details`, rep, d);
  }

  /** Signs the agreement PDF in a role (the checksum read first, as a client must). */
  async signAgreement(token: string, documentId: string, role: 'representative' | 'countersigner'): Promise<Answer> {
    const doc = await this.get(`/documents/${documentId}`, token);
    if (doc.status !== 200) return doc;
    return this.call('POST', `/documents/${documentId}/signatures`, token, { role, expectedSha256: doc.body.sha256 });
  }

  /** The countersign step without the document (the workflow's own Update). */
  countersign(coordinator: string, assignmentId: string): Promise<Answer> {
    return this.call('POST', `/assignments/${assignmentId}/agreement/countersign`, coordinator);
  }

  declare(rep: string, assignmentId: string): Promise<Answer> {
    return this.call('POST', `/assignments/${assignmentId}/declaration`, rep, { hasInterests: false });
  }

  review(coordinator: string, assignmentId: string): Promise<Answer> {
    return this.call('POST', `/assignments/${assignmentId}/declaration/review`, coordinator, { outcome: 'approved' });
  }

  introduce(coordinator: string, assignmentId: string): Promise<Answer> {
    return this.call('POST', `/assignments/${assignmentId}/introduction`, coordinator);
  }

  withdraw(rep: string, assignmentId: string): Promise<Answer> {
    return this.call('POST', `/assignments/${assignmentId}/withdraw`, rep);
  }

  /** The representative declines the offer (an appointment not yet accepted). */
  decline(rep: string, assignmentId: string): Promise<Answer> {
    return this.call('POST', `/assignments/${assignmentId}/decline`, rep);
  }

  /** The nominating organisation withdraws its mandate. */
  withdrawMandate(orgContact: string, assignmentId: string): Promise<Answer> {
    return this.call('POST', `/assignments/${assignmentId}/mandate-withdrawal`, orgContact);
  }

  /** The coordinator ends the group: recruitment closes and every assignment in it ends. */
  endGroup(coordinator: string, groupId: string): Promise<Answer> {
    return this.call('POST', `/working-groups/${groupId}/end`, coordinator);
  }

  // ---- time reports --------------------------------------------------------------------------------------------

  /** The coordinator records a meeting of the group (issue 13 §4.5.1) and whom it calls. */
  createActivity(coordinator: string, groupId: string, a: ActivityInput): Promise<Answer> {
    return this.call('POST', `/working-groups/${groupId}/activities`, coordinator, {
      id: a.id,
      title: a.title,
      kind: 'meeting',
      date: a.date,
      durationMinutes: a.durationMinutes,
      mode: 'video',
      calledAssignmentIds: a.calledAssignmentIds,
    });
  }

  /** A representative reports attendance against an activity (date, kind and mode come from the activity). */
  createReport(rep: string, r: ReportInput): Promise<Answer> {
    return this.call('POST', '/time-reports', rep, {
      assignmentId: r.assignmentId,
      activityId: r.activityId,
      durationMinutes: r.durationMinutes,
      travelMinutes: r.travelMinutes,
    });
  }

  submitReport(rep: string, id: string): Promise<Answer> {
    return this.call('POST', `/time-reports/${id}/submit`, rep);
  }

  attest(coordinator: string, id: string): Promise<Answer> {
    return this.call('POST', `/time-reports/${id}/attestation`, coordinator, { decision: 'confirm' });
  }

  readReport(token: string, id: string): Promise<Answer> {
    return this.get(`/time-reports/${id}`, token);
  }

  setClaimPolicy(admin: string, payerCode: string): Promise<Answer> {
    return this.call('PUT', `/claim-policies/${payerCode}`, admin, { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 });
  }

  // ---- payouts -------------------------------------------------------------------------------------------------

  /** Starts the period's run; `supplementary`: a supplementary run (kompletteringsomgång) of a closed period. */
  startRun(finance: string, payerCode: string, period: string, supplementary = false): Promise<Answer> {
    return this.call('POST', `/payers/${payerCode}/payout-runs`, finance, supplementary ? { period, supplementary: true } : { period });
  }

  runs(finance: string, payerCode: string): Promise<Answer<any[]>> {
    return this.get(`/payers/${payerCode}/payout-runs`, finance);
  }

  readRun(finance: string, batchId: string): Promise<Answer> {
    return this.get(`/payout-runs/${batchId}`, finance);
  }

  approveRun(finance: string, batchId: string): Promise<Answer> {
    return this.call('POST', `/payout-runs/${batchId}/approve`, finance);
  }

  /** The bank file as text (status and body). */
  async bankFile(finance: string, batchId: string): Promise<Answer<string>> {
    const res = await fetch(`${this.baseUrl}/payout-runs/${batchId}/payments.csv`, { headers: { authorization: `Bearer ${finance}` } });
    return { status: res.status, body: await res.text() };
  }

  // ---- reads of objects, for the scope checks ------------------------------------------------------------------

  /** The paths that read one object of a kind (each must answer 403/404 to a user outside its scope). */
  static objectPaths(kind: 'group' | 'assignment' | 'report' | 'run' | 'person', id: string): string[] {
    switch (kind) {
      case 'group':
        return [`/working-groups/${id}`, `/working-groups/${id}/nominations`];
      case 'assignment':
        return [`/assignments/${id}`, `/assignments/${id}/audit`];
      case 'report':
        return [`/time-reports/${id}`];
      case 'run':
        return [`/payout-runs/${id}`, `/payout-runs/${id}/payments.csv`];
      case 'person':
        return [`/people/${id}/payment-details`, `/people/${id}/payouts?year=2026`];
    }
  }
}
