import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Json } from '../../common/json-shape';
import type { TableRef } from '../../fees';
import { BUDGET_LIMITS, BudgetRepresentativeCost, BudgetTravel } from '../budget-plan';
import type { BudgetComparisonView, BudgetCostView, BudgetPaidView, BudgetPlanView, BudgetVersionView, BudgetView, PayerBudgetGroupView, PayerBudgetView } from '../budget.service';

const L = BUDGET_LIMITS;

/** A whole number within the plan's bounds, with a Swedish message. */
function Count(what: string, min: number, max: number) {
  return (target: object, key: string) => {
    IsInt({ message: `${what} anges som ett heltal.` })(target, key);
    Min(min, { message: `${what} måste vara minst ${min}.` })(target, key);
    Max(max, { message: `${what} kan vara högst ${max}.` })(target, key);
  };
}

export class BudgetTravelDto implements BudgetTravel {
  @ApiProperty({ description: 'Hur många av företrädarna som reser så här.', minimum: L.travelRepresentatives.min, maximum: L.travelRepresentatives.max, example: 1 })
  @Count('Antalet resande företrädare', L.travelRepresentatives.min, L.travelRepresentatives.max)
  representatives: number;

  @ApiProperty({ description: 'Resor tur och retur per företrädare och år (högst en per möte).', minimum: L.tripsPerRepresentative.min, maximum: L.tripsPerRepresentative.max, example: 8 })
  @Count('Antalet resor', L.tripsPerRepresentative.min, L.tripsPerRepresentative.max)
  tripsPerRepresentative: number;

  @ApiProperty({ description: 'Vad en resa tur och retur beräknas kosta, i öre (1 000 kr = 100000).', minimum: L.costPerTripOre.min, maximum: L.costPerTripOre.max, example: 100000 })
  @Count('Kostnaden per resa (öre)', L.costPerTripOre.min, L.costPerTripOre.max)
  costPerTripOre: number;
}

/** The coordinator's plan of the group's year. */
export class SaveBudgetPlanDto {
  @ApiProperty({ description: 'Antal patient- och närståendeföreträdare i gruppen under året.', minimum: L.representatives.min, maximum: L.representatives.max, example: 2 })
  @Count('Antalet företrädare', L.representatives.min, L.representatives.max)
  representatives: number;

  @ApiProperty({ description: 'Heldagar (mer än 4 timmar inklusive restid).', minimum: L.fullDays.min, maximum: L.fullDays.max, example: 4 })
  @Count('Antalet heldagar', L.fullDays.min, L.fullDays.max)
  fullDays: number;

  @ApiProperty({ description: 'Halvdagar (2–4 timmar inklusive restid).', minimum: L.halfDays.min, maximum: L.halfDays.max, example: 4 })
  @Count('Antalet halvdagar', L.halfDays.min, L.halfDays.max)
  halfDays: number;

  @ApiProperty({ description: 'Kortare insatser, till exempel avstämningar via video eller telefon (högst 2 timmar).', minimum: L.shortSessions.min, maximum: L.shortSessions.max, example: 6 })
  @Count('Antalet kortare insatser', L.shortSessions.min, L.shortSessions.max)
  shortSessions: number;

  @ApiProperty({
    description: 'Överenskommen extra förberedelse per företrädare, i heldagar (rutinens exempel: en dag för inläsning).',
    minimum: L.extraPreparationDays.min,
    maximum: L.extraPreparationDays.max,
    example: 1,
  })
  @Count('Antalet dagar extra förberedelse', L.extraPreparationDays.min, L.extraPreparationDays.max)
  extraPreparationDays: number;

  @ApiPropertyOptional({ type: [BudgetTravelDto], maxItems: L.travelLines.max, description: 'Förväntade resor: vilka av företrädarna som reser, hur ofta och till vilken kostnad.' })
  @IsOptional()
  @IsArray({ message: 'Resorna anges som en lista.' })
  @ArrayMaxSize(L.travelLines.max, { message: `Ange högst ${L.travelLines.max} rader med resor.` })
  @ValidateNested({ each: true, message: 'Varje rad med resor anges som ett objekt.' })
  @Type(() => BudgetTravelDto)
  travel?: BudgetTravelDto[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: L.noteLength, description: 'Anteckning om planen (visas som text).' })
  @IsOptional()
  @IsString({ message: 'Anteckningen anges som text.' })
  @MaxLength(L.noteLength, { message: `Anteckningen får vara högst ${L.noteLength} tecken.` })
  note?: string | null;

  @ApiPropertyOptional({ description: 'Versionen du ändrar (0 för en ny budget): sparas bara om ingen annan har sparat sedan.', minimum: 0, maximum: 1_000_000 })
  @IsOptional()
  @Count('Versionen', 0, 1_000_000)
  version?: number;
}

export class BudgetTableRefDto implements Json<TableRef> {
  @ApiProperty({ example: 'skr-2026' }) code: string;
  @ApiProperty({ example: 1 }) version: number;
}

export class BudgetEachDto implements Json<BudgetRepresentativeCost['each']> {
  @ApiProperty({ description: 'Arvoden, öre.' }) feesOre: number;
  @ApiProperty({ description: 'Resor, öre.' }) travelOre: number;
  @ApiProperty({ description: 'Arbetsgivaravgifter, öre.' }) contributionsOre: number;
  @ApiProperty({ description: 'Kostnad för betalaren, öre.' }) costOre: number;
}

export class BudgetRepresentativeCostDto implements Json<BudgetRepresentativeCost> {
  @ApiProperty() representatives: number;
  @ApiProperty() tripsPerRepresentative: number;
  @ApiProperty() costPerTripOre: number;
  @ApiProperty({ type: BudgetEachDto, description: 'En sådan företrädare.' }) each: BudgetEachDto;
}

export class BudgetCostDto implements Json<BudgetCostView> {
  @ApiProperty({ example: 'SKR' }) payerCode: string;
  @ApiProperty({ example: 'Sveriges Kommuner och Regioner' }) payerName: string;
  @ApiProperty({ type: [BudgetTableRefDto], description: 'Taxetabellerna som användes.' }) tables: BudgetTableRefDto[];
  @ApiProperty({ example: '2026-01-01', description: 'Dagen beräkningen gäller (tabellen i kraft då).' }) computedFor: string;
  @ApiProperty({ description: 'Arvoden, öre.' }) feesOre: number;
  @ApiProperty({ description: 'Arbetsgivaravgifter, öre.' }) contributionsOre: number;
  @ApiProperty({ description: 'Resor, öre.' }) travelOre: number;
  @ApiProperty({ description: 'Arvoden och arbetsgivaravgifter, utan resor, öre.' }) costExcludingTravelOre: number;
  @ApiProperty({ description: 'Allt betalaren betalar: arvoden, arbetsgivaravgifter och resor, öre.' }) costOre: number;
  @ApiProperty({ type: [BudgetRepresentativeCostDto] }) byRepresentative: BudgetRepresentativeCostDto[];
  @ApiProperty({ description: 'Hur kostnaden räknades.' }) basis: string;
}

export class BudgetPlanDto implements Json<BudgetPlanView> {
  @ApiProperty() representatives: number;
  @ApiProperty() fullDays: number;
  @ApiProperty() halfDays: number;
  @ApiProperty() shortSessions: number;
  @ApiProperty() extraPreparationDays: number;
  @ApiProperty({ type: [BudgetTravelDto] }) travel: BudgetTravelDto[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ description: 'Sparad version (1, 2, …).' }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, nullable: true }) updatedByName: string | null;
}

export class BudgetPaidDto implements Json<BudgetPaidView> {
  @ApiProperty() payerCode: string;
  @ApiProperty() payerName: string;
  @ApiProperty({ description: 'Arvoden, öre.' }) feesOre: number;
  @ApiProperty({ description: 'Resor, öre.' }) travelOre: number;
  @ApiProperty({ description: 'Arbetsgivaravgifter på arvodena, öre.' }) contributionsOre: number;
  @ApiProperty({ description: 'Summa, öre.' }) costOre: number;
  @ApiProperty() people: number;
  @ApiProperty() lines: number;
  @ApiProperty() runs: number;
}

export class BudgetComparisonDto implements Json<BudgetComparisonView> {
  @ApiProperty() payerCode: string;
  @ApiProperty() payerName: string;
  @ApiProperty({ description: 'Planerad kostnad, öre.' }) plannedOre: number;
  @ApiProperty({ description: 'Utbetalt (godkända omgångar), öre.' }) paidOre: number;
  @ApiProperty({ description: 'Planerat minus utbetalt, öre (negativt: mer utbetalt än planerat).' }) differenceOre: number;
}

export class BudgetVersionDto implements Json<BudgetVersionView> {
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time' }) savedAt: string;
  @ApiProperty({ type: String, nullable: true }) savedByName: string | null;
}

export class BudgetPayerDto {
  @ApiProperty({ example: 'SKR' }) code: string;
  @ApiProperty({ example: 'Sveriges Kommuner och Regioner' }) name: string;
}

export class BudgetViewDto implements Json<BudgetView> {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ type: BudgetPayerDto, nullable: true }) payer: BudgetPayerDto | null;
  @ApiProperty({ type: String, nullable: true }) payerProblem: string | null;
  @ApiProperty({ description: 'Budgeten kan ändras (året har inte slutat).' }) editable: boolean;
  @ApiProperty({ type: String, nullable: true }) notEditableReason: string | null;
  @ApiProperty({ type: BudgetPlanDto, nullable: true }) plan: BudgetPlanDto | null;
  @ApiProperty({ type: BudgetCostDto, nullable: true }) cost: BudgetCostDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Varför kostnaden saknas.' }) costProblem: string | null;
  @ApiProperty({ type: [BudgetPaidDto], description: 'Utbetalt för gruppens aktiviteter under året, per betalare (godkända omgångar).' }) paid: BudgetPaidDto[];
  @ApiProperty({ type: [BudgetComparisonDto], description: 'Plan mot utfall per betalare.' }) comparison: BudgetComparisonDto[];
  @ApiProperty({ type: [BudgetVersionDto], description: 'Sparade versioner, nyaste först.' }) versions: BudgetVersionDto[];
}

export class PayerBudgetGroupDto implements Json<PayerBudgetGroupView> {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Planerad kostnad för betalaren, öre (null utan budget eller utan kostnad).' }) plannedOre: number | null;
  @ApiProperty({ description: 'Utbetalt av betalaren för gruppens aktiviteter under året (godkända omgångar), öre.' }) paidOre: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Planerat minus utbetalt, öre.' }) differenceOre: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Varför den planerade kostnaden saknas.' }) costProblem: string | null;
}

export class PayerBudgetDto implements Json<PayerBudgetView> {
  @ApiProperty({ example: 'SKR' }) payerCode: string;
  @ApiProperty({ example: 'Sveriges Kommuner och Regioner' }) payerName: string;
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ type: [PayerBudgetGroupDto] }) groups: PayerBudgetGroupDto[];
  @ApiProperty({ description: 'Summa planerat, öre.' }) plannedOre: number;
  @ApiProperty({ description: 'Summa utbetalt, öre.' }) paidOre: number;
  @ApiProperty({ description: 'Planerat minus utbetalt, öre.' }) differenceOre: number;
}
