import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Why the coordinator declines a nominee (issue 16 #1): shown to the organisation and mailed to the nominee. */
export class RejectNomineeDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 1000,
    example: 'Gruppen har redan två företrädare med samma erfarenhet; vi söker någon med erfarenhet som närstående.',
    description: 'Skälet till beslutet, i ord som den nominerade förstår. Det visas för organisationen och skickas till den nominerade.',
  })
  @IsString({ message: 'Skälet måste vara text.' })
  @IsNotEmpty({ message: 'Skriv varför personen inte utses; skälet skickas till den nominerade och organisationen.' })
  @MaxLength(1000, { message: 'Skälet får vara högst 1000 tecken.' })
  reason: string;
}
