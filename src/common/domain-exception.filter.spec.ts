import type { ArgumentsHost } from '@nestjs/common';
import type { Logger } from 'pino';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  CannotExecuteNotConnectedError,
  ConnectionIsNotSetError,
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { REFUSAL } from '../../workflows/refusals';
import { DomainExceptionFilter } from './domain-exception.filter';

/** What the filter answers for an error: status, headers and body, through the filter's own response calls. */
function answer(e: unknown) {
  const headers: Record<string, string> = {};
  const out: { status?: number; body?: { statusCode: number; message: string } } = {};
  const res = {
    setHeader: (k: string, v: string) => (headers[k] = v),
    status(code: number) {
      out.status = code;
      return this;
    },
    json(b: { statusCode: number; message: string }) {
      out.body = b;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  const logged: string[] = [];
  const logger = { error: () => logged.push('error'), warn: () => logged.push('warn') } as unknown as Logger;
  new DomainExceptionFilter(logger).catch(e, host);
  return { ...out, headers, logged };
}

/** A TypeORM query error as the pg driver gives it (the SQLSTATE in `code`). */
function pgError(code: string, message: string): QueryFailedError {
  const driver = Object.assign(new Error(message), { code, severity: 'ERROR' });
  return new QueryFailedError('INSERT INTO x VALUES ($1)', ['secret'], driver);
}

describe('error mapping of database errors (issue 14 #1, #5)', () => {
  it('answers 409 in Swedish for a unique violation', () => {
    const a = answer(pgError('23505', 'duplicate key value violates unique constraint "uq_x"'));
    expect(a.status).toBe(409);
    expect(a.body?.message).toMatch(/finns redan/);
    expect(a.body?.message).not.toMatch(/duplicate|uq_x/);
  });

  it('answers 400 for a check or not-null violation and for text the database refuses (a NUL byte)', () => {
    for (const [code, msg] of [
      ['23514', 'new row for relation "working_group" violates check constraint "ck_name_not_blank"'],
      ['23502', 'null value in column "name" violates not-null constraint'],
      ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
      ['22003', 'value "100000000000000000000" is out of range for type integer'],
      ['22P02', 'invalid input syntax for type uuid: "x"'],
    ]) {
      const a = answer(pgError(code, msg));
      expect({ code, status: a.status }).toEqual({ code, status: 400 });
      expect(a.body?.message).toMatch(/Rätta och försök igen/);
      expect(a.logged).toEqual([]);
    }
  });

  it('answers 503 with Retry-After and a Swedish message when the database is unavailable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111 });
    for (const e of [
      refused,
      new AggregateError([refused], ''),
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('08006', 'connection failure'),
      pgError('57P03', 'the database system is starting up'),
      new Error('timeout exceeded when trying to connect'),
      new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
    ]) {
      const a = answer(e);
      expect({ e: String(e), status: a.status }).toEqual({ e: String(e), status: 503 });
      expect(a.headers['Retry-After']).toBe('5');
      expect(a.body?.message).toBe('Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.');
      expect(a.logged).toEqual(['warn']);
    }
  });

  it('answers 503 with Retry-After for each way a connection dies under a request (the drill: PostgreSQL restarted mid-transaction)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111 });
    const cases: Array<[string, unknown]> = [
      ['QueryRunnerAlreadyReleasedError', new QueryRunnerAlreadyReleasedError()],
      ['QueryRunnerProviderAlreadyReleasedError', new QueryRunnerProviderAlreadyReleasedError()],
      ['CannotExecuteNotConnectedError', new CannotExecuteNotConnectedError()],
      ['ConnectionIsNotSetError', new ConnectionIsNotSetError('postgres')],
      ['ECONNREFUSED', refused],
      ['ECONNREFUSED as a query error', new QueryFailedError('SELECT 1', [], refused)],
      ['57P01 admin_shutdown', pgError('57P01', 'terminating connection due to administrator command')],
      ['57P02 crash_shutdown', pgError('57P02', 'terminating connection due to crash of another server process')],
      ['Connection terminated', new Error('Connection terminated')],
      ['Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
      ['Connection terminated due to connection timeout', new Error('Connection terminated due to connection timeout')],
      ['pg client closed', new Error('Client was closed and is not queryable')],
      ['a released runner as the cause', Object.assign(new Error('transaction failed'), { cause: new QueryRunnerAlreadyReleasedError() })],
    ];
    for (const [name, e] of cases) {
      const a = answer(e);
      expect({ name, status: a.status, retryAfter: a.headers['Retry-After'], message: a.body?.message }).toEqual({
        name,
        status: 503,
        retryAfter: '5',
        message: 'Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.',
      });
    }
    // A TypeORM error that is not about the connection stays a defect.
    expect(answer(Object.assign(new Error('x'), { name: 'EntityMetadataNotFoundError' })).status).toBe(500);
  });

  it('answers 503 with Retry-After when a workflow cannot take an Update because its workflow task failed (seen in the drill after a worker was killed)', () => {
    // As @temporalio/client throws it: a ServiceError whose cause is the gRPC error (code 9, FAILED_PRECONDITION).
    const grpc = Object.assign(new Error('9 FAILED_PRECONDITION: Unable to perform workflow execution update due to Workflow Task in failed state.'), {
      code: 9,
      details: 'Unable to perform workflow execution update due to Workflow Task in failed state.',
      metadata: {},
    });
    const e = Object.assign(new Error('Workflow Update failed'), { name: 'ServiceError', cause: grpc });
    const a = answer(e);
    expect(a.status).toBe(503);
    expect(a.headers['Retry-After']).toBe('5');
    // Another FAILED_PRECONDITION is not an outage.
    const other = Object.assign(new Error('Workflow Update failed'), { name: 'ServiceError', cause: Object.assign(new Error('9 FAILED_PRECONDITION: something else'), { code: 9, metadata: {} }) });
    expect(answer(other).status).toBe(500);
  });

  it('answers 503 with Retry-After when a restarted Temporal server does not know its namespace yet (the production-topology drill)', () => {
    // As @temporalio/client throws it (rethrowKnownErrorTypes): a NamespaceNotFoundError.
    const e = Object.assign(new Error("Namespace not found: 'default'"), { name: 'NamespaceNotFoundError', namespace: 'default' });
    const a = answer(e);
    expect(a.status).toBe(503);
    expect(a.headers['Retry-After']).toBe('5');
  });

  it('keeps 500 for real defects', () => {
    for (const e of [new TypeError('x is undefined'), pgError('42P01', 'relation "nope" does not exist'), pgError('42703', 'column "x" does not exist')]) {
      const a = answer(e);
      expect(a.status).toBe(500);
      expect(a.headers['Retry-After']).toBeUndefined();
      expect(a.logged).toEqual(['error']);
    }
  });
});

describe('error mapping of unreadable bodies (issue 14 #2)', () => {
  const parserError = (status: number, type: string) => Object.assign(new Error(type), { status, type, expose: true });

  it('says in Swedish what is wrong, and never calls a too large body invalid JSON', () => {
    const big = answer(parserError(413, 'entity.too.large'));
    expect(big.status).toBe(413);
    expect(big.body?.message).toMatch(/för stor/);
    expect(big.body?.message).not.toMatch(/JSON/);
    const bad = answer(parserError(400, 'entity.parse.failed'));
    expect(bad.status).toBe(400);
    expect(bad.body?.message).toMatch(/inte giltig JSON/);
    expect(answer(parserError(415, 'charset.unsupported')).status).toBe(415);
  });
});

describe('error mapping of refused workflow updates (issue 15 #7)', () => {
  const refused = (type: string | undefined, message: string) =>
    new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, nonRetryable: true }));

  it('keeps the typed refusal of a workflow validator: 400, 403, 404, else 409, with its Swedish message', () => {
    expect(answer(refused(REFUSAL.invalidInput, 'Ange ett skäl.'))).toMatchObject({ status: 400, body: { message: 'Ange ett skäl.' } });
    expect(answer(refused(REFUSAL.forbidden, 'Endast ekonomi kan hantera utbetalningar.')).status).toBe(403);
    expect(answer(refused(REFUSAL.notFound, 'Raden finns inte bland utbetalningens rader.')).status).toBe(404);
    expect(answer(refused(REFUSAL.wrongState, 'Utbetalningen är redan godkänd.'))).toMatchObject({ status: 409, body: { message: 'Utbetalningen är redan godkänd.' } });
    expect(answer(refused('PayoutRecomputed', 'Beloppen har räknats om.')).status).toBe(409);
    expect(answer(refused(undefined, 'Något annat.')).status).toBe(409);
  });

  it('answers a busy refusal (the workflow between two parts of another step, issue 14) 503 with Retry-After', () => {
    const a = answer(refused(REFUSAL.busy, 'Ärendet tar ett annat steg just nu. Försök igen om en stund.'));
    expect(a).toMatchObject({ status: 503, body: { message: 'Ärendet tar ett annat steg just nu. Försök igen om en stund.' } });
    expect(a.headers['Retry-After']).toMatch(/^\d+$/);
  });
});
