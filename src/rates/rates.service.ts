import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log.repository';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { FeeInputError, isIsoDate, RateTable, selectRateTable } from '../fees';
import { payerOf } from '../paying-bodies/payer-of-group';
import { calculatePerson, PayableLine } from '../payouts/payout-calculation';
import type { GroupKind, HealthcareRegion } from '../working-groups/working-group.entity';
import { PayingBody } from '../paying-bodies/paying-body.entity';
import { canonicalPayerCode } from '../paying-bodies/resolve-payer';
import { CreateRateTableDto, ListRateTablesQuery, SupersedeRateTableDto } from './dto/create-rate-table.dto';
import { RateTableRow, toRateTable } from './rate-table.entity';
import { RatesRepository } from './rates.repository';

/** A stored table as the API shows it: the engine's RateTable plus where it came from. */
export interface RateTableView extends RateTable {
  id: string;
  source: string;
  createdAt: Date;
}

const view = (r: RateTableRow): RateTableView => ({ id: r.id, ...toRateTable(r), source: r.source, createdAt: r.createdAt });

/** One line whose pay a new table version could change: an attested line not yet paid, or an open agreement's coming activity. */
export interface EffectCandidate {
  source: 'attested' | 'open-agreement';
  payerCode: string;
  personId: string;
  personName: string;
  groupName: string;
  assignmentId: string;
  timeReportId: string | null;
  activityId: string | null;
  line: PayableLine;
}

export interface EffectLine extends Omit<EffectCandidate, 'line'> {
  activityDate: string;
  /** Fee and travel before tax, under the table in force now and under the new version (öre). */
  oldOre: number;
  newOre: number;
  differenceOre: number;
  oldTable: string | null;
  newTable: string | null;
}

export interface EffectSum {
  lines: number;
  oldOre: number;
  newOre: number;
  differenceOre: number;
}

export interface SupersedeEffect {
  code: string;
  newVersion: number;
  payerCode: string | null;
  validFrom: string;
  validTo: string;
  lines: EffectLine[];
  perPayer: Array<EffectSum & { payerCode: string }>;
  perAgreement: Array<EffectSum & { assignmentId: string; personName: string; groupName: string; payerCode: string }>;
  totals: EffectSum;
}

/**
 * Pure: each candidate's fee and travel (the payout engine's own `calculatePerson`, one line) under `tables` and under
 * `tables` with `next` added, kept where either uses `next`'s code; summed per payer and per agreement.
 */
export function rateChangeEffect(next: RateTable, tables: readonly RateTable[], candidates: readonly EffectCandidate[]): SupersedeEffect {
  const amount = (c: EffectCandidate, ts: readonly RateTable[]) => {
    try {
      const calc = calculatePerson({
        payerCode: c.payerCode,
        paymentDate: c.line.activityDate,
        payee: { birthYear: 1970, taxTableMainIncome: false, taxTablePercent: null },
        earlierTaxablePayOre: 0,
        lines: [c.line],
        tables: ts,
      });
      const l = calc.lines[0];
      return { ore: l.feeOre + l.travelOre, table: l.tableCode ? `${l.tableCode} v${l.tableVersion}` : null, code: l.tableCode };
    } catch (e) {
      if (e instanceof FeeInputError) return { ore: 0, table: null, code: null };
      throw e;
    }
  };
  const withNext = [...tables, next];
  const lines: EffectLine[] = [];
  for (const c of candidates) {
    const before = amount(c, tables);
    const after = amount(c, withNext);
    if (before.code !== next.code && after.code !== next.code) continue;
    const { line, ...rest } = c;
    lines.push({ ...rest, activityDate: line.activityDate, oldOre: before.ore, newOre: after.ore, differenceOre: after.ore - before.ore, oldTable: before.table, newTable: after.table });
  }
  const sumOf = (ls: readonly EffectLine[]): EffectSum => ({
    lines: ls.length,
    oldOre: ls.reduce((s, l) => s + l.oldOre, 0),
    newOre: ls.reduce((s, l) => s + l.newOre, 0),
    differenceOre: ls.reduce((s, l) => s + l.differenceOre, 0),
  });
  const groupBy = <K extends string>(key: (l: EffectLine) => K) => {
    const m = new Map<K, EffectLine[]>();
    for (const l of lines) m.set(key(l), [...(m.get(key(l)) ?? []), l]);
    return m;
  };
  return {
    code: next.code,
    newVersion: next.version,
    payerCode: next.payerCode,
    validFrom: next.validFrom,
    validTo: next.validTo,
    lines,
    perPayer: [...groupBy((l) => l.payerCode)].map(([payerCode, ls]) => ({ payerCode, ...sumOf(ls) })).sort((a, b) => a.payerCode.localeCompare(b.payerCode)),
    perAgreement: [...groupBy((l) => l.assignmentId)].map(([assignmentId, ls]) => ({
      assignmentId,
      personName: ls[0].personName,
      groupName: ls[0].groupName,
      payerCode: ls[0].payerCode,
      ...sumOf(ls),
    })),
    totals: sumOf(lines),
  };
}

/**
 * Rate tables and paying bodies: finds the table in force for a date and payer (a payer's own table overrides
 * the national one) and lets an administrator add a year or a payer's table as data. Stored tables never change:
 * payouts record which table and version they used.
 */
@Injectable()
export class RatesService {
  private readonly repo: RatesRepository;

  constructor(@Inject(DataSource) private readonly ds: DataSource) {
    this.repo = new RatesRepository(ds);
  }

  async listPayingBodies(): Promise<PayingBody[]> {
    return this.repo.payingBodiesByKind();
  }

  /** The paying body with this code or alias (case-insensitive: `SKL` and `skr` are SKR), or null. */
  async findPayer(code: string): Promise<PayingBody | null> {
    const wanted = canonicalPayerCode(code).toLowerCase();
    const all = await this.repo.allPayingBodies();
    return all.find((p) => p.code.toLowerCase() === wanted || p.aliases.some((a) => a.toLowerCase() === wanted)) ?? null;
  }

  /** As findPayer, or a 400 naming `field`. */
  async requirePayer(code: string, field = 'payerCode'): Promise<PayingBody> {
    const payer = await this.findPayer(code);
    if (!payer) {
      throw new InvalidInputError('Betalaren finns inte.', {
        [field]: ['Okänd betalare. Ange SKR (eller SKL), en sjukvårdsregion som sodra eller en region som region-skane.'],
      });
    }
    return payer;
  }

  async list(q: ListRateTablesQuery = {}): Promise<RateTableView[]> {
    const payerCode = q.payerCode !== undefined ? (await this.requirePayer(q.payerCode)).code : undefined;
    return (await this.repo.listTables({ payerCode, year: q.year })).map(view);
  }

  async get(code: string): Promise<RateTableView> {
    const row = await this.repo.latestVersion(code);
    if (!row) throw new NotFoundError('Taxetabellen finns inte.');
    return view(row);
  }

  /** The national tables and the payer's own: the candidates the fee engine chooses from by date. */
  async candidatesFor(payerCode: string): Promise<RateTable[]> {
    return (await this.repo.candidatesFor(payerCode)).map(toRateTable);
  }

  /** The table in force on `date` for the payer (its own table, else the national one). */
  async inForce(date: string, payerCode: string): Promise<RateTableView> {
    const payer = await this.requirePayer(payerCode);
    const table = selectRateTable(await this.candidatesFor(payer.code), date, payer.code);
    if (!table) throw new NotFoundError(`Ingen taxetabell gäller för ${payer.name} den ${date}.`);
    const row = await this.repo.tableVersion(table.code, table.version);
    if (!row) throw new NotFoundError('Taxetabellen finns inte.');
    return view(row);
  }

  /**
   * Stores a new table. Refuses (409) a table overlapping another of the same payer (or another national table),
   * and a code already used. The national table and a payer's own may overlap: the payer's own wins.
   */
  async create(dto: CreateRateTableDto, actor: string): Promise<RateTableView> {
    const payer = dto.payerCode ? await this.requirePayer(dto.payerCode) : null;
    this.checkTable(dto);
    const year = dto.validFrom.slice(0, 4);
    const table = tableFromDto(dto, {
      code: dto.code ?? `${payer ? payer.code.toLowerCase() : 'nationell'}-${year}`,
      version: 1,
      payerCode: payer?.code ?? null,
      validFrom: dto.validFrom,
      validTo: dto.validTo,
    });

    const id = await this.repo.transaction(async (em) => {
      await this.repo.lockPayerTables(em, table.payerCode);
      await this.refuseOverlap(em, table);
      if (await this.repo.codeExists(em, table.code)) {
        throw new ConflictError(`Det finns redan en taxetabell med koden ${table.code}.`, { code: ['Välj en annan kod.'] });
      }
      const newId = await this.repo.insertTable(em, table, dto.source?.trim() ?? '');
      await appendAudit(em, {
        actor,
        action: 'rate-table.created',
        subjectType: 'rate_table',
        subjectId: newId,
        details: { code: table.code, version: table.version, payerCode: table.payerCode ?? 'nationell', validFrom: table.validFrom, validTo: table.validTo },
      });
      return newId;
    });
    return view(await this.repo.findTableOrFail(id));
  }

  /** Every version of a table, oldest first (a superseded version stays readable). */
  async versions(code: string): Promise<RateTableView[]> {
    const rows = await this.repo.versionsOf(code);
    if (!rows.length) throw new NotFoundError('Taxetabellen finns inte.');
    return rows.map(view);
  }

  /**
   * Supersedes a table by a new version from a date (issue 18 #7): version n + 1 of the same code and payer, in force
   * from `dto.from` to the old version's last day, with the figures given. The old version is never changed (the
   * database refuses any UPDATE of a table) and stays readable; where both are in force the new version wins.
   */
  async supersede(code: string, dto: SupersedeRateTableDto, actor: string): Promise<RateTableView> {
    const id = await this.repo.transaction(async (em) => {
      const latest = await this.repo.latestVersionForUpdate(em, code);
      const next = this.nextVersion(latest, code, dto);
      await this.repo.lockPayerTables(em, next.payerCode);
      await this.refuseOverlap(em, next, code);
      const newId = await this.repo.insertTable(em, next, dto.source?.trim() ?? '');
      await appendAudit(em, {
        actor,
        action: 'rate-table.superseded',
        subjectType: 'rate_table',
        subjectId: newId,
        details: { code, version: next.version, supersedes: next.version - 1, payerCode: next.payerCode ?? 'nationell', validFrom: next.validFrom, validTo: next.validTo },
      });
      return newId;
    });
    return view(await this.repo.findTableOrFail(id));
  }

  /**
   * What superseding would change, before it is saved (issue 18 #7): for every attested line not yet paid and every
   * open agreement's coming activity (called, not reported) with a date the new version would cover, the fee and
   * travel under the table in force now and under the new version, and the totals per payer and per agreement. Lines
   * of a payer whose own table wins either way are left out (nothing changes for them).
   */
  async supersedePreview(code: string, dto: SupersedeRateTableDto): Promise<SupersedeEffect> {
    const next = this.nextVersion(await this.repo.latestVersion(code), code, dto);
    const tables = (await this.repo.allTables()).map(toRateTable);
    const attested = await this.repo.attestedUnpaidLines(next.validFrom, next.validTo, next.payerCode);
    const planned = await this.repo.openAgreementActivities(next.validFrom, next.validTo);
    const candidates: EffectCandidate[] = [
      ...attested.map((r) => ({
        source: 'attested' as const,
        payerCode: r.payer_code as string,
        personId: r.person_id as string,
        personName: r.full_name as string,
        groupName: r.group_name as string,
        assignmentId: r.assignment_id as string,
        timeReportId: r.time_report_id as string,
        activityId: null,
        line: {
          timeReportId: r.time_report_id as string,
          activityDate: r.activity_date as string,
          kind: r.kind as PayableLine['kind'],
          durationMinutes: Number(r.minutes),
          travelMinutes: Number(r.travel),
          ticketCostOre: Number(r.ticket),
          otherTravelCostOre: Number(r.other),
          carKm: Number(r.km),
          hasReceipt: r.has_receipt === true,
          feeMode: r.fee_mode as PayableLine['feeMode'],
          employedByOrganisation: r.employed === true,
          feeRule: (r.fee_rule as PayableLine['feeRule']) ?? null,
        },
      })),
      ...planned.flatMap((r) => {
        const payer = payerOf(
          { kind: r.group_kind as GroupKind, hostRegion: r.host_region as HealthcareRegion | null },
          r.parent_kind ? { kind: r.parent_kind as GroupKind, hostRegion: r.parent_host_region as HealthcareRegion | null } : null,
        );
        if ('problem' in payer) return [];
        if (next.payerCode !== null && payer.payerCode.toLowerCase() !== next.payerCode.toLowerCase()) return [];
        return [
          {
            source: 'open-agreement' as const,
            payerCode: payer.payerCode,
            personId: r.person_id as string,
            personName: r.full_name as string,
            groupName: r.group_name as string,
            assignmentId: r.assignment_id as string,
            timeReportId: null,
            activityId: r.activity_id as string,
            line: {
              timeReportId: `${r.assignment_id as string}:${r.activity_id as string}`,
              activityDate: r.activity_date as string,
              kind: r.kind as PayableLine['kind'],
              durationMinutes: Number(r.minutes),
              travelMinutes: 0,
              ticketCostOre: 0,
              otherTravelCostOre: 0,
              carKm: 0,
              hasReceipt: false,
              feeMode: r.fee_mode as PayableLine['feeMode'],
              employedByOrganisation: r.employed === true,
              feeRule: (r.fee_rule as PayableLine['feeRule']) ?? null,
            },
          },
        ];
      }),
    ];
    return rateChangeEffect(next, tables, candidates);
  }

  /** The new version a supersession would store, or a 404/400/409 saying why not. */
  private nextVersion(latest: RateTableRow | null, code: string, dto: SupersedeRateTableDto): RateTable {
    if (!latest) throw new NotFoundError('Taxetabellen finns inte.');
    const from = dto.from;
    if (!isIsoDate(from)) throw new InvalidInputError('Uppgifterna är inte giltiga. Rätta fälten och försök igen.', { from: ['Första giltighetsdag är inget riktigt datum.'] });
    if (from <= latest.validFrom || from > latest.validTo) {
      // A real date that does not fit the stored table's validity: a conflict with what is stored, not bad input.
      const message = `Den nya versionen måste börja efter ${latest.validFrom} och senast ${latest.validTo} (den gällande versionens giltighetstid).`;
      throw new ConflictError(message, { from: [message] });
    }
    this.checkTable({ ...dto, code, validFrom: from, validTo: latest.validTo });
    return tableFromDto(dto, { code, version: latest.version + 1, payerCode: latest.payerCode, validFrom: from, validTo: latest.validTo });
  }

  private async refuseOverlap(em: EntityManager, t: RateTable, exceptCode?: string): Promise<void> {
    const clash = await this.repo.firstOverlapping(em, t, exceptCode);
    if (clash) {
      const whose = t.payerCode ? `betalaren ${t.payerCode}` : 'den nationella tabellen';
      throw new ConflictError(
        `Giltighetstiden överlappar taxetabellen ${clash.code} (${clash.validFrom}–${clash.validTo}) för ${whose}. En betalare kan bara ha en tabell i kraft per dag.`,
        { validFrom: [`Överlappar ${clash.code}.`], validTo: [`Överlappar ${clash.code}.`] },
      );
    }
  }

  /** Checks that need more than one field; a 400 with each field's message. */
  private checkTable(dto: CreateRateTableDto): void {
    const fields: Record<string, string[]> = {};
    const add = (f: string, m: string) => (fields[f] ??= []).push(m);
    if (!isIsoDate(dto.validFrom)) add('validFrom', 'Första giltighetsdag är inget riktigt datum.');
    if (!isIsoDate(dto.validTo)) add('validTo', 'Sista giltighetsdag är inget riktigt datum.');
    if (isIsoDate(dto.validFrom) && isIsoDate(dto.validTo)) {
      if (dto.validTo < dto.validFrom) add('validTo', 'Sista giltighetsdag kan inte vara före den första.');
      if (dto.validFrom.slice(0, 4) !== dto.validTo.slice(0, 4)) {
        add('validTo', 'En taxetabell gäller inom ett kalenderår, eftersom prisbasbeloppet fastställs per år.');
      }
    }
    (dto.contributions?.reductions ?? []).forEach((r, i) => {
      const f = (name: string) => `contributions.reductions.${i}.${name}`;
      if (r.belowAge <= r.fromAge) add(f('belowAge'), 'Den övre åldern måste vara högre än den lägsta.');
      if (!isIsoDate(r.validFrom)) add(f('validFrom'), 'Första utbetalningsdag är inget riktigt datum.');
      if (!isIsoDate(r.validTo)) add(f('validTo'), 'Sista utbetalningsdag är inget riktigt datum.');
      if (isIsoDate(r.validFrom) && isIsoDate(r.validTo) && r.validTo < r.validFrom) add(f('validTo'), 'Sista utbetalningsdag kan inte vara före den första.');
      if (r.validFrom.slice(0, 4) !== dto.validFrom.slice(0, 4) || r.validTo.slice(0, 4) !== dto.validFrom.slice(0, 4)) {
        add(f('validFrom'), 'En nedsättning i tabellen gäller inom tabellens kalenderår.');
      }
    });
    if (dto.fees.halfDayMaxMinutes <= dto.fees.shortMaxMinutes) {
      add('fees.halfDayMaxMinutes', 'Gränsen för halvdag måste vara längre än gränsen för kortare insats.');
    }
    if (Object.keys(fields).length) throw new InvalidInputError('Uppgifterna är inte giltiga. Rätta fälten och försök igen.', fields);
  }
}

type TableFigures = Omit<CreateRateTableDto, 'code' | 'payerCode' | 'validFrom' | 'validTo' | 'source'>;

/** The engine's table from the figures of a request and its identity (code, version, payer, validity). */
function tableFromDto(dto: TableFigures, id: Pick<RateTable, 'code' | 'version' | 'payerCode' | 'validFrom' | 'validTo'>): RateTable {
  return {
    ...id,
    pbbOre: dto.pbbOre,
    fees: {
      fullDayBp: dto.fees.fullDayBp,
      halfDayBp: dto.fees.halfDayBp,
      shortBp: dto.fees.shortBp,
      hourlyBp: dto.fees.hourlyBp,
      shortMaxMinutes: dto.fees.shortMaxMinutes,
      halfDayMaxMinutes: dto.fees.halfDayMaxMinutes,
      fixedOre: dto.fees.fixedOre
        ? {
            fullDayOre: dto.fees.fixedOre.fullDayOre ?? null,
            halfDayOre: dto.fees.fixedOre.halfDayOre ?? null,
            shortOre: dto.fees.fixedOre.shortOre ?? null,
            hourlyOre: dto.fees.fixedOre.hourlyOre ?? null,
          }
        : null,
    },
    defaultFeeMode: dto.defaultFeeMode,
    rounding: dto.rounding,
    hourly: { counting: dto.hourly.counting, scope: dto.hourly.scope },
    contributions: {
      fullRateBp: dto.contributions.fullRateBp,
      pensionOnlyRateBp: dto.contributions.pensionOnlyRateBp,
      pensionOnlyFromAge: dto.contributions.pensionOnlyFromAge,
      noneIfBornUpTo: dto.contributions.noneIfBornUpTo,
      yearThresholdOre: dto.contributions.yearThresholdOre,
      rounding: dto.contributions.rounding,
      reductions: (dto.contributions.reductions ?? []).map((r) => ({
        code: r.code,
        fromAge: r.fromAge,
        belowAge: r.belowAge,
        validFrom: r.validFrom,
        validTo: r.validTo,
        rateBp: r.rateBp,
        monthlyCapOre: r.monthlyCapOre ?? null,
        source: r.source.trim(),
      })),
    },
    tax: { ...dto.tax },
    mileage: { ...dto.mileage },
  };
}
