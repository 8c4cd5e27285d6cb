import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/errors';
import { RatesService } from '../rates/rates.service';
import { PreviewFeesDto } from './dto/preview-fees.dto';
import { computeFees, FeeCalculation, FeeInput, isIsoDate } from './index';
import { FeeInputError } from './fee-errors';

export interface FeePreview extends FeeCalculation {
  payer: { code: string; name: string; payoutFrequency: string };
}

/** Runs the pure fee engine on the tables in force for a payer. */
@Injectable()
export class FeesService {
  constructor(@Inject(RatesService) private readonly rates: RatesService) {}

  async preview(body: PreviewFeesDto): Promise<FeePreview> {
    // An optional field sent as null is a field not sent (class-validator's @IsOptional lets null through).
    const dto: PreviewFeesDto = {
      ...body,
      birthDate: body.birthDate ?? undefined,
      birthYear: body.birthYear ?? undefined,
      paymentDate: body.paymentDate ?? undefined,
      taxTablePercent: body.taxTablePercent ?? undefined,
      earlierPayoutsOre: body.earlierPayoutsOre ?? undefined,
      expectedYearTotalOre: body.expectedYearTotalOre ?? undefined,
      feeMode: body.feeMode ?? undefined,
      taxMode: body.taxMode ?? undefined,
      fSkatt: body.fSkatt ?? undefined,
      employedForAssignment: body.employedForAssignment ?? undefined,
    };
    const fields: Record<string, string[]> = {};
    const add = (f: string, m: string) => (fields[f] ??= []).push(m);

    if (dto.birthDate !== undefined && !isIsoDate(dto.birthDate)) add('birthDate', 'Födelsedatum är inget riktigt datum.');
    if (dto.birthDate === undefined && dto.birthYear === undefined) add('birthYear', 'Ange födelsedatum eller födelseår.');
    if (dto.birthDate !== undefined && dto.birthYear !== undefined && Number(dto.birthDate.slice(0, 4)) !== dto.birthYear) {
      add('birthYear', 'Födelseåret stämmer inte med födelsedatum.');
    }
    dto.activities.forEach((a, i) => {
      if (!isIsoDate(a.date)) add(`activities.${i}.date`, 'Aktivitetens datum är inget riktigt datum.');
    });
    if (dto.paymentDate !== undefined && !isIsoDate(dto.paymentDate)) add('paymentDate', 'Utbetalningsdagen är inget riktigt datum.');
    if (dto.taxMode === 'tax-table' && dto.taxTablePercent === undefined) add('taxTablePercent', 'Ange skattetabellens procentsats.');
    if (dto.taxMode !== 'tax-table' && dto.taxTablePercent !== undefined) {
      add('taxTablePercent', 'En procentsats från skattetabell gäller bara när taxMode är tax-table.');
    }
    if (Object.keys(fields).length) throw new InvalidInputError('Uppgifterna är inte giltiga. Rätta fälten och försök igen.', fields);

    const payer = await this.rates.requirePayer(dto.payerCode);
    const birthYear = dto.birthYear ?? Number(dto.birthDate!.slice(0, 4));
    const paymentDate = dto.paymentDate ?? dto.activities.map((a) => a.date).reduce((a, b) => (a > b ? a : b));
    const input: FeeInput = {
      payerCode: payer.code,
      paymentDate,
      payee: {
        birthYear,
        isCompany: dto.fSkatt ?? false,
        employedForAssignment: dto.employedForAssignment ?? false,
        tax: dto.taxMode === 'tax-table' ? { mode: 'tax-table', rateBp: Math.round(dto.taxTablePercent! * 100) } : { mode: 'side-income' },
      },
      feeMode: dto.feeMode,
      earlierTaxablePayOre: dto.earlierPayoutsOre ?? 0,
      expectedYearTaxablePayOre: dto.expectedYearTotalOre,
      activities: dto.activities.map((a) => ({
        ...(a.ref != null ? { ref: a.ref } : {}),
        date: a.date,
        kind: a.kind,
        durationMinutes: a.durationMinutes ?? undefined,
        travelMinutes: a.travelMinutes ?? undefined,
        agreedTier: a.agreedTier ?? undefined,
        tickets: a.tickets?.map((t) => ({ amountOre: t.amountOre, receipt: t.receipt, description: t.description ?? undefined })),
        carKm: a.carKm ?? undefined,
      })),
    };

    let result: FeeCalculation;
    try {
      result = computeFees(input, await this.rates.candidatesFor(payer.code));
    } catch (e) {
      if (e instanceof FeeInputError) {
        throw new InvalidInputError(e.message, { [this.dtoField(e.field, dto)]: [e.message] });
      }
      throw e;
    }
    return { payer: { code: payer.code, name: payer.name, payoutFrequency: payer.payoutFrequency }, ...result };
  }

  /** The request field an engine field path stands for. */
  private dtoField(field: string, dto: PreviewFeesDto): string {
    switch (field) {
      case 'payee.birthYear':
        return dto.birthYear !== undefined ? 'birthYear' : 'birthDate';
      case 'payee.tax.rateBp':
        return 'taxTablePercent';
      case 'earlierTaxablePayOre':
        return 'earlierPayoutsOre';
      case 'expectedYearTaxablePayOre':
        return 'expectedYearTotalOre';
      default:
        return field;
    }
  }
}
