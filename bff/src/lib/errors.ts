// The one error type routes and services throw. The error handler turns it into the DESIGN.md §5
// shape; anything else becomes a hidden 500 (or 503 when the database is unreachable).
import { ERROR_CODES, type ErrorCode } from '@palm/shared';

export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
    statusOverride?: number,
  ) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'AppError';
    this.statusCode = statusOverride ?? ERROR_CODES[code].status;
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
