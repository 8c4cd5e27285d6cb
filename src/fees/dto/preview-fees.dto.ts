import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DATE_PATTERN } from '../../rates/dto/create-rate-table.dto';
import { ACTIVITY_KINDS, ActivityKind } from '../fee-engine';
import { FEE_MODES, FEE_TIERS, FeeMode, FeeTier } from '../rate-table';

const MAX_ORE = 10_000_000_000;

export class TicketDto {
  @ApiProperty({ description: 'Biljettens pris i öre.', example: 100000 })
  @IsInt({ message: 'Biljettens pris anges i hela öre.' })
  @Min(0, { message: 'Biljettens pris kan inte vara negativt.' })
  @Max(MAX_ORE, { message: 'Biljettens pris är orimligt stort.' })
  amountOre: number;

  @ApiProperty({ description: 'Kvitto finns; utan kvitto ersätts biljetten inte.' })
  @IsBoolean({ message: 'Ange om kvitto finns (true eller false).' })
  receipt: boolean;

  @ApiPropertyOptional({ example: 'Tåg Växjö–Stockholm t/r' })
  @IsOptional()
  @IsString({ message: 'Beskrivningen måste vara text.' })
  @MaxLength(200, { message: 'Beskrivningen får vara högst 200 tecken.' })
  description?: string;
}

export class PreviewActivityDto {
  @ApiPropertyOptional({ description: 'Egen referens, visas på raderna.' })
  @IsOptional()
  @IsString({ message: 'Referensen måste vara text.' })
  @MaxLength(100, { message: 'Referensen får vara högst 100 tecken.' })
  ref?: string;

  @ApiProperty({ example: '2026-03-10' })
  @IsString({ message: 'Ange aktivitetens datum (ÅÅÅÅ-MM-DD).' })
  @Matches(DATE_PATTERN, { message: 'Aktivitetens datum måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  date: string;

  @ApiProperty({ enum: ACTIVITY_KINDS, example: 'meeting' })
  @IsIn(ACTIVITY_KINDS, { message: `Aktivitetens typ måste vara en av ${ACTIVITY_KINDS.join(', ')}.` })
  kind: ActivityKind;

  @ApiPropertyOptional({ description: 'Mötets eller arbetets längd i minuter (utan restid).', example: 180 })
  @IsOptional()
  @IsInt({ message: 'Längden anges i hela minuter.' })
  @Min(1, { message: 'Längden måste vara minst 1 minut.' })
  @Max(1440, { message: 'Längden kan vara högst 1 440 minuter (ett dygn).' })
  durationMinutes?: number;

  @ApiPropertyOptional({ description: 'Restid i minuter; räknas in i längden.', example: 60 })
  @IsOptional()
  @IsInt({ message: 'Restiden anges i hela minuter.' })
  @Min(0, { message: 'Restiden kan inte vara negativ.' })
  @Max(1440, { message: 'Restiden kan vara högst 1 440 minuter.' })
  travelMinutes?: number;

  @ApiPropertyOptional({ enum: FEE_TIERS, description: 'För extra för- eller efterarbete: den nivå överenskommelsen anger.' })
  @IsOptional()
  @IsIn(FEE_TIERS, { message: `Den överenskomna nivån måste vara en av ${FEE_TIERS.join(', ')}.` })
  agreedTier?: FeeTier;

  @ApiPropertyOptional({ type: [TicketDto] })
  @IsOptional()
  @IsArray({ message: 'Biljetterna anges som en lista.' })
  @ArrayMaxSize(20, { message: 'Högst 20 biljetter per aktivitet.' })
  @ValidateNested({ each: true, message: 'Varje biljett måste vara ett objekt.' })
  @Type(() => TicketDto)
  tickets?: TicketDto[];

  @ApiPropertyOptional({ description: 'Körsträcka med egen bil i km, tur och retur.', example: 120 })
  @IsOptional()
  @IsInt({ message: 'Körsträckan anges i hela kilometer.' })
  @Min(0, { message: 'Körsträckan kan inte vara negativ.' })
  @Max(100_000, { message: 'Körsträckan är orimligt lång.' })
  carKm?: number;
}

/** What finance or a coordinator gives to see what a payout would be. No personnummer: birth date or year is enough. */
export class PreviewFeesDto {
  @ApiProperty({ description: 'Betalaren: SKR (eller SKL), en sjukvårdsregion eller en region.', example: 'SKR' })
  @IsString({ message: 'Ange betalaren.' })
  @MaxLength(50, { message: 'Betalarens kod får vara högst 50 tecken.' })
  payerCode: string;

  @ApiPropertyOptional({ description: 'Utbetalningsdag; standard: den sista aktivitetens datum.', example: '2026-03-25' })
  @IsOptional()
  @IsString({ message: 'Ange utbetalningsdagen (ÅÅÅÅ-MM-DD).' })
  @Matches(DATE_PATTERN, { message: 'Utbetalningsdagen måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  paymentDate?: string;

  @ApiPropertyOptional({ description: 'Mottagarens födelsedatum (eller ange birthYear).', example: '1961-04-12' })
  @IsOptional()
  @IsString({ message: 'Ange födelsedatum (ÅÅÅÅ-MM-DD).' })
  @Matches(DATE_PATTERN, { message: 'Födelsedatum måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  birthDate?: string;

  @ApiPropertyOptional({ description: 'Mottagarens födelseår (eller ange birthDate).', example: 1961 })
  @IsOptional()
  @IsInt({ message: 'Födelseåret måste vara ett årtal.' })
  @Min(1850, { message: 'Födelseåret måste vara ett årtal efter 1850.' })
  @Max(2200, { message: 'Födelseåret måste vara ett rimligt årtal.' })
  birthYear?: number;

  @ApiPropertyOptional({
    description: 'Skattepliktig ersättning (arvoden) som betalaren redan betalat ut till personen i år, i öre. Reseersättning räknas inte.',
    example: 0,
  })
  @IsOptional()
  @IsInt({ message: 'Årets tidigare utbetalningar anges i hela öre.' })
  @Min(0, { message: 'Årets tidigare utbetalningar kan inte vara negativa.' })
  @Max(MAX_ORE, { message: 'Årets tidigare utbetalningar är orimligt stora.' })
  earlierPayoutsOre?: number;

  @ApiPropertyOptional({ description: 'Väntad skattepliktig ersättning från betalaren i år, i öre (t.ex. enligt överenskommelsens tidsåtgång).' })
  @IsOptional()
  @IsInt({ message: 'Den väntade årsersättningen anges i hela öre.' })
  @Min(0, { message: 'Den väntade årsersättningen kan inte vara negativ.' })
  @Max(MAX_ORE, { message: 'Den väntade årsersättningen är orimligt stor.' })
  expectedYearTotalOre?: number;

  @ApiPropertyOptional({ enum: FEE_MODES, description: 'Per tillfälle eller per timme enligt överenskommelsen; standard: tabellens.' })
  @IsOptional()
  @IsIn(FEE_MODES, { message: `Arvodesformen måste vara en av ${FEE_MODES.join(', ')}.` })
  feeMode?: FeeMode;

  @ApiPropertyOptional({ enum: ['side-income', 'tax-table'], default: 'side-income' })
  @IsOptional()
  @IsIn(['side-income', 'tax-table'], { message: 'Skatteformen måste vara side-income (30 %) eller tax-table (huvudinkomst).' })
  taxMode?: 'side-income' | 'tax-table';

  @ApiPropertyOptional({ description: 'Skattetabellens procentsats när arvodet är huvudinkomst.', example: 32.5 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'Procentsatsen anges som ett tal med högst två decimaler.' })
  @Min(0, { message: 'Procentsatsen kan inte vara negativ.' })
  @Max(100, { message: 'Procentsatsen kan vara högst 100.' })
  taxTablePercent?: number;

  @ApiPropertyOptional({ description: 'Mottagaren har F-skatt eller är ett företag: arvode betalas inte.' })
  @IsOptional()
  @IsBoolean({ message: 'Ange true eller false.' })
  fSkatt?: boolean;

  @ApiPropertyOptional({ description: 'Anställd i en patientorganisation där uppdraget ingår i tjänsten: ingen ersättning.' })
  @IsOptional()
  @IsBoolean({ message: 'Ange true eller false.' })
  employedForAssignment?: boolean;

  @ApiProperty({ type: [PreviewActivityDto] })
  @IsArray({ message: 'Aktiviteterna anges som en lista.' })
  @ArrayMinSize(1, { message: 'Ange minst en aktivitet.' })
  @ArrayMaxSize(500, { message: 'Högst 500 aktiviteter per förhandsvisning.' })
  @ValidateNested({ each: true, message: 'Varje aktivitet måste vara ett objekt.' })
  @Type(() => PreviewActivityDto)
  activities: PreviewActivityDto[];
}
