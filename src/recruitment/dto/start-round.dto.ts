import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';

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
}
