import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log.repository';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { isIsoDate, RateTable, selectRateTable } from '../fees';
import { PayingBody } from '../paying-bodies/paying-body.entity';
import { canonicalPayerCode } from '../paying-bodies/resolve-payer';
import { CreateRateTableDto, ListRateTablesQuery } from './dto/create-rate-table.dto';
import { RateTableRow, toRateTable } from './rate-table.entity';
import { RatesRepository } from './rates.repository';

/** A stored table as the API shows it: the engine's RateTable plus where it came from. */
export interface RateTableView extends RateTable {
  id: string;
  source: string;
  createdAt: Date;
}

const view = (r: RateTableRow): RateTableView => ({ id: r.id, ...toRateTable(r), source: r.source, createdAt: r.createdAt });

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
    return this.get(table.code);
  }

  /**
   * Stores a new table. Refuses (409) a table overlapping another of the same payer (or another national table),
   * and a code already used. The national table and a payer's own may overlap: the payer's own wins.
   */
  async create(dto: CreateRateTableDto, actor: string): Promise<RateTableView> {
    const payer = dto.payerCode ? await this.requirePayer(dto.payerCode) : null;
    this.checkTable(dto);
    const year = dto.validFrom.slice(0, 4);
    const table: RateTable = {
      code: dto.code ?? `${payer ? payer.code.toLowerCase() : 'nationell'}-${year}`,
      version: 1,
      payerCode: payer?.code ?? null,
      validFrom: dto.validFrom,
      validTo: dto.validTo,
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
      contributions: { ...dto.contributions },
      tax: { ...dto.tax },
      mileage: { ...dto.mileage },
    };

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

  private async refuseOverlap(em: EntityManager, t: RateTable): Promise<void> {
    const clash = await this.repo.firstOverlapping(em, t);
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
    if (dto.fees.halfDayMaxMinutes <= dto.fees.shortMaxMinutes) {
      add('fees.halfDayMaxMinutes', 'Gränsen för halvdag måste vara längre än gränsen för kortare insats.');
    }
    if (Object.keys(fields).length) throw new InvalidInputError('Uppgifterna är inte giltiga. Rätta fälten och försök igen.', fields);
  }
}
