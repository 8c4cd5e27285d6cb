import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { OUTBOX_PAGING, OutboxQueryDto } from '../mail/dto/outbox-query.dto';
import { ListUsersQuery, USER_PAGING } from '../users/dto/users.dto';
import { pageOf } from './paging';

/** The messages per field, as the validation pipe (src/common/validation.ts) would answer them. */
function problems<T extends object>(cls: new () => T, query: Record<string, string>): Record<string, string[]> {
  const errors = validateSync(plainToInstance(cls, query), { whitelist: true, forbidNonWhitelisted: true });
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})]));
}

describe('shared paging of list queries', () => {
  it('checks page and pageSize the same way on every list, each with its own largest page', () => {
    expect(problems(ListUsersQuery, { page: '2', pageSize: '200', role: 'admin' })).toEqual({});
    expect(problems(ListUsersQuery, { page: '0', pageSize: '201' })).toEqual({ page: ['page börjar på 1.'], pageSize: ['pageSize får vara högst 200.'] });
    expect(problems(OutboxQueryDto, { pageSize: '100' })).toEqual({});
    expect(problems(OutboxQueryDto, { page: 'ett', pageSize: '101' })).toEqual({
      page: expect.arrayContaining(['page måste vara ett heltal.']),
      pageSize: ['pageSize får vara högst 100.'],
    });
    expect(problems(OutboxQueryDto, { pageSize: '0', size: '5' })).toEqual({
      pageSize: ['pageSize måste vara minst 1.'],
      size: ['property size should not exist'],
    });
  });

  it('gives the first page with each list’s default size when none is asked for', () => {
    expect(pageOf({}, USER_PAGING)).toEqual({ page: 1, pageSize: 50, offset: 0 });
    expect(pageOf({}, OUTBOX_PAGING)).toEqual({ page: 1, pageSize: 20, offset: 0 });
    expect(pageOf({ page: 3, pageSize: 10 }, OUTBOX_PAGING)).toEqual({ page: 3, pageSize: 10, offset: 20 });
  });
});
