import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';

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
