import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FEE_MODES, FeeMode, HOURLY_COUNTING_RULES, HOURLY_SCOPES, HourlyCounting, HourlyScope } from '../../fees/rate-table';
import { ROUNDING_RULES, RoundingRule } from '../../fees/rounding';

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MAX_ORE = 10_000_000_000;

const bp = (what: string) => [
  IsInt({ message: `${what} anges i hela baspunkter (1 = 0,01 %, 360 = 3,6 %).` }),
  Min(0, { message: `${what} kan inte vara negativ.` }),
  Max(10_000, { message: `${what} kan vara högst 10 000 baspunkter (100 %).` }),
];
const ore = (what: string) => [
  IsInt({ message: `${what} anges i hela öre (1 krona = 100 öre).` }),
  Min(0, { message: `${what} kan inte vara negativt.` }),
  Max(MAX_ORE, { message: `${what} är orimligt stort.` }),
];
const apply = (...decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));
const Bp = (what: string) => apply(...bp(what));
const Ore = (what: string) => apply(...ore(what));
const OptionalOre = (what: string) => apply(IsOptional(), ...ore(what));
const Rounding = (what: string) => IsIn(ROUNDING_RULES, { message: `${what} måste vara en av ${ROUNDING_RULES.join(', ')}.` });
const Nested = (cls: () => new () => object, what: string) =>
  apply(
    IsDefined({ message: `Ange ${what}.` }),
    IsObject({ message: `${what} måste vara ett objekt.` }),
    ValidateNested({ message: `${what} måste vara ett objekt.` }),
    Type(cls),
  );

export class FixedFeesDto {
  @ApiPropertyOptional({ description: 'Fast belopp för heldag i öre (ersätter procentsatsen).', example: 170000 })
  @OptionalOre('Fast belopp för heldag')
  fullDayOre?: number | null;

  @ApiPropertyOptional({ description: 'Fast belopp för halvdag i öre.' })
  @OptionalOre('Fast belopp för halvdag')
  halfDayOre?: number | null;

  @ApiPropertyOptional({ description: 'Fast belopp för kortare insats i öre.' })
  @OptionalOre('Fast belopp för kortare insats')
  shortOre?: number | null;

  @ApiPropertyOptional({ description: 'Fast timarvode i öre.' })
  @OptionalOre('Fast timarvode')
  hourlyOre?: number | null;
}

export class FeeRatesDto {
  @ApiProperty({ description: 'Heldag (mer än 4 h inkl. restid), baspunkter av PBB.', example: 360 })
  @Bp('Heldagens procentsats')
  fullDayBp: number;

  @ApiProperty({ description: 'Halvdag (mer än 2 h upp till 4 h), baspunkter av PBB.', example: 180 })
  @Bp('Halvdagens procentsats')
  halfDayBp: number;

  @ApiProperty({ description: 'Kortare insats (upp till 2 h), baspunkter av PBB.', example: 90 })
  @Bp('Procentsatsen för kortare insats')
  shortBp: number;

  @ApiProperty({ description: 'Per timme, baspunkter av PBB.', example: 50 })
  @Bp('Timarvodets procentsats')
  hourlyBp: number;

  @ApiProperty({ description: 'Längsta kortare insats i minuter inkl. restid.', example: 120 })
  @IsInt({ message: 'Gränsen för kortare insats anges i hela minuter.' })
  @Min(1, { message: 'Gränsen för kortare insats måste vara minst 1 minut.' })
  @Max(1440, { message: 'Gränsen för kortare insats kan vara högst 1 440 minuter.' })
  shortMaxMinutes: number;

  @ApiProperty({ description: 'Längsta halvdag i minuter inkl. restid.', example: 240 })
  @IsInt({ message: 'Gränsen för halvdag anges i hela minuter.' })
  @Min(2, { message: 'Gränsen för halvdag måste vara minst 2 minuter.' })
  @Max(1440, { message: 'Gränsen för halvdag kan vara högst 1 440 minuter.' })
  halfDayMaxMinutes: number;

  @ApiPropertyOptional({ type: FixedFeesDto, nullable: true, description: 'Fasta belopp i stället för procent av PBB.' })
  @IsOptional()
  @IsObject({ message: 'De fasta beloppen måste vara ett objekt.' })
  @ValidateNested({ message: 'De fasta beloppen måste vara ett objekt.' })
  @Type(() => FixedFeesDto)
  fixedOre?: FixedFeesDto | null;
}

export class HourlyRulesDto {
  @ApiProperty({ enum: HOURLY_COUNTING_RULES, example: 'started-half-hour' })
  @IsIn(HOURLY_COUNTING_RULES, { message: `Räkningen av delar av timmar måste vara en av ${HOURLY_COUNTING_RULES.join(', ')}.` })
  counting: HourlyCounting;

  @ApiProperty({ enum: HOURLY_SCOPES, example: 'short-only' })
  @IsIn(HOURLY_SCOPES, { message: `Timarvodets omfattning måste vara en av ${HOURLY_SCOPES.join(', ')}.` })
  scope: HourlyScope;
}

/** A reduction of employer contributions for young people (issue 18 #5). */
export class ContributionReductionDto {
  @ApiProperty({ description: 'Kod för nedsättningen (skrivs på raden).', example: 'ung-18-22-2027' })
  @IsString({ message: 'Nedsättningens kod måste vara text.' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'Nedsättningens kod får bara innehålla små bokstäver a–z, siffror och bindestreck.' })
  code: string;

  @ApiProperty({ description: 'Lägsta ålder vid årets ingång (fyllt).', example: 18 })
  @IsInt({ message: 'Åldern anges i hela år.' })
  @Min(0, { message: 'Åldern kan inte vara negativ.' })
  @Max(150, { message: 'Åldern kan vara högst 150 år.' })
  fromAge: number;

  @ApiProperty({ description: 'Ålder vid årets ingång som inte får vara fylld.', example: 23 })
  @IsInt({ message: 'Åldern anges i hela år.' })
  @Min(1, { message: 'Åldern måste vara minst 1 år.' })
  @Max(150, { message: 'Åldern kan vara högst 150 år.' })
  belowAge: number;

  @ApiProperty({ description: 'Första utbetalningsdag nedsättningen gäller.', example: '2027-01-01' })
  @IsString({ message: 'Ange första utbetalningsdag (ÅÅÅÅ-MM-DD).' })
  @Matches(DATE_PATTERN, { message: 'Första utbetalningsdag måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  validFrom: string;

  @ApiProperty({ description: 'Sista utbetalningsdag nedsättningen gäller.', example: '2027-09-30' })
  @IsString({ message: 'Ange sista utbetalningsdag (ÅÅÅÅ-MM-DD).' })
  @Matches(DATE_PATTERN, { message: 'Sista utbetalningsdag måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  validTo: string;

  @ApiProperty({ description: 'Avgiften i baspunkter upp till taket.', example: 2081 })
  @Bp('Den nedsatta avgiften')
  rateBp: number;

  @ApiProperty({ description: 'Taket per kalendermånad och betalare i öre (null: inget tak).', example: 2500000, nullable: true, type: Number })
  @IsOptional()
  @Ore('Månadstaket')
  monthlyCapOre: number | null;

  @ApiProperty({ description: 'Lag eller proposition nedsättningen kommer från.', example: 'Lag (SFS 2026:100), prop. 2025/26:66' })
  @IsString({ message: 'Källan måste vara text.' })
  @MaxLength(2000, { message: 'Källan får vara högst 2 000 tecken.' })
  @Matches(/\S/, { message: 'Ange källan.' })
  source: string;
}

export class ContributionRatesDto {
  @ApiProperty({ example: 3142 })
  @Bp('Full arbetsgivaravgift')
  fullRateBp: number;

  @ApiProperty({ example: 1021 })
  @Bp('Ålderspensionsavgiften')
  pensionOnlyRateBp: number;

  @ApiProperty({ description: 'Ålder vid årets ingång från vilken bara ålderspensionsavgiften tas ut.', example: 67 })
  @IsInt({ message: 'Åldersgränsen anges i hela år.' })
  @Min(0, { message: 'Åldersgränsen kan inte vara negativ.' })
  @Max(150, { message: 'Åldersgränsen kan vara högst 150 år.' })
  pensionOnlyFromAge: number;

  @ApiProperty({ description: 'Inga avgifter för den som är född detta år eller tidigare.', example: 1937 })
  @IsInt({ message: 'Födelseåret anges som ett årtal.' })
  @Min(1800, { message: 'Födelseåret måste vara ett årtal efter 1800.' })
  @Max(2200, { message: 'Födelseåret måste vara ett rimligt årtal.' })
  noneIfBornUpTo: number;

  @ApiProperty({ description: 'Inga avgifter så länge årets ersättning är under detta (öre).', example: 100000 })
  @Ore('Gränsbeloppet för arbetsgivaravgifter')
  yearThresholdOre: number;

  @ApiProperty({ enum: ROUNDING_RULES, example: 'kronor-half-up' })
  @Rounding('Avrundningen av arbetsgivaravgifter')
  rounding: RoundingRule;

  @ApiPropertyOptional({ type: [ContributionReductionDto], description: 'Nedsättningar för unga som gäller någon dag under tabellens år.' })
  @IsOptional()
  @IsArray({ message: 'Nedsättningarna anges som en lista.' })
  @ArrayMaxSize(20, { message: 'Högst 20 nedsättningar per tabell.' })
  @ValidateNested({ each: true, message: 'Varje nedsättning måste vara ett objekt.' })
  @Type(() => ContributionReductionDto)
  reductions?: ContributionReductionDto[];
}

export class TaxRatesDto {
  @ApiProperty({ example: 3000 })
  @Bp('Skatteavdraget för sidoinkomst')
  sideIncomeRateBp: number;

  @ApiProperty({ example: 100000 })
  @Ore('Årsgränsen för skatteavdrag')
  yearThresholdOre: number;

  @ApiProperty({ example: 10000 })
  @Ore('Minsta utbetalning med skatteavdrag')
  minPaymentOre: number;

  @ApiProperty({ enum: ROUNDING_RULES, example: 'kronor-down' })
  @Rounding('Avrundningen av skatteavdrag')
  rounding: RoundingRule;
}

export class MileageRatesDto {
  @ApiProperty({ description: 'Skattefri bilersättning per mil i öre.', example: 2500 })
  @Ore('Den skattefria bilersättningen')
  taxFreeOrePerMil: number;

  @ApiProperty({ description: 'Betalarens bilersättning per mil i öre; det som överstiger den skattefria är skattepliktigt.', example: 2500 })
  @Ore('Betalarens bilersättning')
  reimbursedOrePerMil: number;
}

/** A new rate table: a new year, or a payer's own table. Tables are never changed once stored. */
export class CreateRateTableDto {
  @ApiPropertyOptional({ description: 'Tabellens kod; standard: <betalare eller "nationell">-<år>.', example: 'nationell-2027' })
  @IsOptional()
  @IsString({ message: 'Koden måste vara text.' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'Koden får bara innehålla små bokstäver a–z, siffror och bindestreck.' })
  code?: string;

  @ApiPropertyOptional({ description: 'Betalaren tabellen gäller för; utelämna för den nationella tabellen.', example: 'sodra', nullable: true, type: String })
  @IsOptional()
  @IsString({ message: 'Betalaren måste anges som en kod, till exempel SKR eller sodra.' })
  @MaxLength(50, { message: 'Betalarens kod får vara högst 50 tecken.' })
  payerCode?: string | null;

  @ApiProperty({ example: '2027-01-01' })
  @IsString({ message: 'Ange första giltighetsdag (ÅÅÅÅ-MM-DD).' })
  @Matches(DATE_PATTERN, { message: 'Första giltighetsdag måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  validFrom: string;

  @ApiProperty({ example: '2027-12-31' })
  @IsString({ message: 'Ange sista giltighetsdag (ÅÅÅÅ-MM-DD).' })
  @Matches(DATE_PATTERN, { message: 'Sista giltighetsdag måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  validTo: string;

  @ApiProperty({ description: 'Årets prisbasbelopp i öre.', example: 6000000 })
  @IsInt({ message: 'Prisbasbeloppet anges i hela öre (59 200 kr = 5920000).' })
  @Min(100, { message: 'Prisbasbeloppet måste vara större än 0.' })
  @Max(MAX_ORE, { message: 'Prisbasbeloppet är orimligt stort.' })
  pbbOre: number;

  @ApiProperty({ type: FeeRatesDto })
  @Nested(() => FeeRatesDto, 'arvodesnivåerna')
  fees: FeeRatesDto;

  @ApiProperty({ enum: FEE_MODES, example: 'per-session' })
  @IsIn(FEE_MODES, { message: `Arvodesformen måste vara en av ${FEE_MODES.join(', ')}.` })
  defaultFeeMode: FeeMode;

  @ApiProperty({ enum: ROUNDING_RULES, example: 'kronor-half-up' })
  @Rounding('Avrundningen av arvoden')
  rounding: RoundingRule;

  @ApiProperty({ type: HourlyRulesDto })
  @Nested(() => HourlyRulesDto, 'reglerna för timarvode')
  hourly: HourlyRulesDto;

  @ApiProperty({ type: ContributionRatesDto })
  @Nested(() => ContributionRatesDto, 'arbetsgivaravgifterna')
  contributions: ContributionRatesDto;

  @ApiProperty({ type: TaxRatesDto })
  @Nested(() => TaxRatesDto, 'skatteavdraget')
  tax: TaxRatesDto;

  @ApiProperty({ type: MileageRatesDto })
  @Nested(() => MileageRatesDto, 'bilersättningen')
  mileage: MileageRatesDto;

  @ApiPropertyOptional({ description: 'Källa för siffrorna (SFS, Skatteverket, regionens beslut).' })
  @IsOptional()
  @IsString({ message: 'Källan måste vara text.' })
  @MaxLength(2000, { message: 'Källan får vara högst 2 000 tecken.' })
  source?: string;
}

export class ListRateTablesQuery {
  @ApiPropertyOptional({ description: 'Bara tabeller för denna betalare (och de nationella).' })
  @IsOptional()
  @IsString({ message: 'Betalaren måste anges som en kod.' })
  @MaxLength(50, { message: 'Betalarens kod får vara högst 50 tecken.' })
  payerCode?: string;

  @ApiPropertyOptional({ description: 'Bara tabeller som gäller någon dag detta år.', example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Året måste vara ett årtal.' })
  @Min(1900, { message: 'Året måste vara ett årtal.' })
  @Max(2200, { message: 'Året måste vara ett årtal.' })
  year?: number;
}

export class InForceQuery {
  @ApiProperty({ example: '2026-03-15' })
  @IsString({ message: 'Ange datum (ÅÅÅÅ-MM-DD).' })
  @Matches(DATE_PATTERN, { message: 'Datumet måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  date: string;

  @ApiProperty({ example: 'SKR' })
  @IsString({ message: 'Ange betalaren.' })
  @MaxLength(50, { message: 'Betalarens kod får vara högst 50 tecken.' })
  payerCode: string;
}

/**
 * A new version of a table from a date (issue 18 #7): every figure of the new version, in force from `from` to the old
 * version's last day. The old version is never changed and stays readable; where both are in force the new one wins.
 */
export class SupersedeRateTableDto extends OmitType(CreateRateTableDto, ['code', 'payerCode', 'validFrom', 'validTo'] as const) {
  @ApiProperty({ description: 'Första dag den nya versionen gäller (inom den gamla versionens giltighetstid).', example: '2026-07-01' })
  @IsString({ message: 'Ange första giltighetsdag för den nya versionen (ÅÅÅÅ-MM-DD).' })
  @Matches(DATE_PATTERN, { message: 'Första giltighetsdag måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  from: string;
}
