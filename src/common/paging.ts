import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** How one list pages: the page size when none is asked for, and the largest one allowed. */
export interface PagingRules {
  defaultPageSize: number;
  maxPageSize: number;
}

/** One page of a list, as every paged endpoint answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The last page number asked for that is still answered (further would only be an empty page, or overflow the offset). */
export const MAX_PAGE = 100_000;

/**
 * The `page` and `pageSize` query parameters (Swedish messages) of a list with these rules; a list's query DTO
 * extends it and adds its filters, e.g. `class ListUsersQuery extends PagedQueryDto(USER_PAGING) { … }`.
 */
export function PagedQueryDto(rules: PagingRules) {
  class PagedQuery {
    @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
    @IsOptional()
    @Type(() => Number)
    @IsInt({ message: 'page måste vara ett heltal.' })
    @Min(1, { message: 'page börjar på 1.' })
    @Max(MAX_PAGE, { message: `page får vara högst ${MAX_PAGE}.` })
    page?: number;

    @ApiPropertyOptional({ default: rules.defaultPageSize, minimum: 1, maximum: rules.maxPageSize })
    @IsOptional()
    @Type(() => Number)
    @IsInt({ message: 'pageSize måste vara ett heltal.' })
    @Min(1, { message: 'pageSize måste vara minst 1.' })
    @Max(rules.maxPageSize, { message: `pageSize får vara högst ${rules.maxPageSize}.` })
    pageSize?: number;
  }
  return PagedQuery;
}

/** The page asked for (or the first), its size (or the default) and how many rows come before it. */
export function pageOf(q: { page?: number; pageSize?: number }, rules: PagingRules): { page: number; pageSize: number; offset: number } {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? rules.defaultPageSize;
  return { page, pageSize, offset: (page - 1) * pageSize };
}
