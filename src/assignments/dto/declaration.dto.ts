import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class SubmitDeclarationDto {
  @ApiProperty({ description: 'Har du uppdrag, anställningar eller andra intressen som kan påverka arbetet i gruppen?' })
  @IsBoolean({ message: 'hasInterests måste vara true eller false.' })
  hasInterests: boolean;

  @ApiPropertyOptional({ description: 'Intressena (krävs när hasInterests är true).' })
  @ValidateIf((o: SubmitDeclarationDto) => o.hasInterests === true || o.interests !== undefined)
  @IsString({ message: 'Beskriv intressena i text.' })
  @IsNotEmpty({ message: 'Beskriv dina intressen.' })
  @MaxLength(10000, { message: 'Högst 10 000 tecken.' })
  interests?: string;
}

export class ReviewDeclarationDto {
  @ApiProperty({ enum: ['approved', 'needs-changes'] })
  @IsIn(['approved', 'needs-changes'], { message: 'Granskningen är approved (godkänd) eller needs-changes (behöver kompletteras).' })
  outcome: 'approved' | 'needs-changes';

  @ApiPropertyOptional({ description: 'Kommentar till företrädaren (krävs vid komplettering).' })
  @ValidateIf((o: ReviewDeclarationDto) => o.outcome === 'needs-changes' || o.comment !== undefined)
  @IsString({ message: 'Kommentaren måste vara text.' })
  @IsNotEmpty({ message: 'Skriv vad som behöver kompletteras.' })
  @MaxLength(5000, { message: 'Högst 5000 tecken.' })
  comment?: string;
}

/** A matter or agenda item the member takes no part in because of one declared interest (jäv, issue 16 #7). */
export class RecordRecusalDto {
  @ApiProperty({ minimum: 1, maximum: 200, description: 'Det redovisade intressets nummer i deklarationen (1 = första raden).' })
  @IsInt({ message: 'Ange intressets nummer (ett heltal).' })
  @Min(1, { message: 'Intressets nummer börjar på 1.' })
  @Max(200, { message: 'Högst 200.' })
  interest: number;

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Frågan eller ärendet företrädaren inte deltar i.' })
  @IsString({ message: 'Beskriv frågan i text.' })
  @IsNotEmpty({ message: 'Beskriv frågan som företrädaren inte deltar i.' })
  @MaxLength(500, { message: 'Högst 500 tecken.' })
  matter: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Gruppens aktivitet där frågan behandlas.' })
  @IsOptional()
  @IsUUID('all', { message: 'activityId måste vara ett UUID.' })
  activityId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 500, description: 'Punkten på aktivitetens dagordning (kräver activityId).' })
  @IsOptional()
  @IsString({ message: 'Dagordningspunkten måste vara text.' })
  @IsNotEmpty({ message: 'Dagordningspunkten kan inte vara tom.' })
  @MaxLength(500, { message: 'Högst 500 tecken.' })
  agendaItem?: string;
}
