import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class OutboxQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page måste vara ett heltal.' })
  @Min(1, { message: 'page börjar på 1.' })
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize måste vara ett heltal.' })
  @Min(1, { message: 'pageSize är minst 1.' })
  @Max(100, { message: 'pageSize är högst 100.' })
  pageSize?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Bara e-post som gäller en grupp.' })
  @IsOptional()
  @IsUUID('all', { message: 'groupId måste vara ett UUID.' })
  groupId?: string;
}
