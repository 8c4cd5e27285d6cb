/**
 * Domain errors. Services throw these; DomainExceptionFilter maps them to HTTP status codes.
 * Messages are Swedish: people read them in the web application.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    message: string,
    public readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
}
export class ConflictError extends DomainError {
  readonly status = 409;
}
export class InvalidInputError extends DomainError {
  readonly status = 400;
}
export class ForbiddenError extends DomainError {
  readonly status = 403;
}
export class UnauthorizedError extends DomainError {
  readonly status = 401;
}
