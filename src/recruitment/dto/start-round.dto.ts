import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_REPLY_DAYS, MAX_WANTED } from '../../../workflows/recruitment.messages';

export class StartRoundDto {
  @ApiProperty({ description: 'Patient- och närståendeorganisationer som ombeds nominera.', type: [String], format: 'uuid' })
  @IsArray({ message: 'organisationIds måste vara en lista.' })
  @ArrayMaxSize(100, { message: 'Högst 100 organisationer per omgång.' })
  @ArrayUnique({ message: 'Samma organisation finns flera gånger i listan.' })
  @IsUUID('all', { each: true, message: 'Varje organisation anges med sitt id (UUID).' })
  organisationIds: string[];

  @ApiPropertyOptional({ description: 'Samordnaren rekryterar också direkt (t.ex. där ingen organisation finns).', default: false })
  @IsOptional()
  @IsBoolean({ message: 'directRecruitment måste vara true eller false.' })
  directRecruitment?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_WANTED,
    description: 'Hur många personer varje organisation får nominera (avböjda räknas inte). Utan värde: gruppens minsta antal företrädare.',
  })
  @IsOptional()
  @IsInt({ message: 'Ange antalet personer som ett heltal.' })
  @Min(1, { message: 'Be om minst en person.' })
  @Max(MAX_WANTED, { message: `Be om högst ${MAX_WANTED} personer per organisation.` })
  wanted?: number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Samordnarens meddelande till organisationerna (med i förfrågan och i brevet).' })
  @IsOptional()
  @IsString({ message: 'Meddelandet måste vara text.' })
  @IsNotEmpty({ message: 'Meddelandet är tomt: skriv något eller lämna bort det.' })
  @MaxLength(2000, { message: 'Meddelandet får vara högst 2000 tecken.' })
  message?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-01-15',
    description: `Sista svarsdag (till kl. 23:59 den dagen): efter i dag och högst ${MAX_REPLY_DAYS} dagar fram. Utan värde: 21 dagar (7 när gruppen redan har börjat sitt arbete).`,
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Sista svarsdag anges som ett datum (ÅÅÅÅ-MM-DD).' })
  @IsISO8601({ strict: true }, { message: 'Sista svarsdag anges som ett datum (ÅÅÅÅ-MM-DD).' })
  replyBy?: string;
}
