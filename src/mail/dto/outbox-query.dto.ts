import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PagedQueryDto, PagingRules } from '../../common/paging';

export const OUTBOX_PAGING: PagingRules = { defaultPageSize: 20, maxPageSize: 100 };

export class OutboxQueryDto extends PagedQueryDto(OUTBOX_PAGING) {
  @ApiPropertyOptional({ format: 'uuid', description: 'Bara e-post som gäller en grupp.' })
  @IsOptional()
  @IsUUID('all', { message: 'groupId måste vara ett UUID.' })
  groupId?: string;
}
