import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  type ValidationError,
} from '@nestjs/common';
import type { Response } from 'express';
import { Prisma } from '../generated/prisma/client.js';

/** The one error shape of the API. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { field: string; problems: string[] }[];
}

export class InvalidInputException extends BadRequestException {
  constructor(readonly details: { field: string; problems: string[] }[]) {
    super(details.map((d) => d.problems.join('; ')).join('; '));
  }
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property)
      ? `${prefix}[${e.property}]`
      : prefix
        ? `${prefix}.${e.property}`
        : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export function validationException(errors: ValidationError[]): InvalidInputException {
  return new InvalidInputException(flatten(errors));
}

const STATUS_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(HttpStatus)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [
      v,
      k
        .split('_')
        .map((w) => w[0] + w.slice(1).toLowerCase())
        .join(' '),
    ]),
);

function body(statusCode: number, message: string, details?: ErrorBody['details']): ErrorBody {
  return { statusCode, error: STATUS_NAMES[statusCode] ?? 'Error', message, ...(details ? { details } : {}) };
}

/** Express's body parser fails before a route runs; Nest wraps its error, keeping it as the cause. */
const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON',
  'entity.too.large': 'The request body is too large (the limit is 100 kB)',
  'encoding.unsupported': 'The request body has an unsupported encoding',
};

/**
 * The database cannot be reached, closed the connection, is shutting down or starting, or no
 * connection came free in time under load (Prisma and PostgreSQL codes): a 503 that tells the
 * caller to retry, not a 500 that says we broke.
 */
const DATABASE_UNAVAILABLE = new Set([
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
  'P2028',
  'ECONNREFUSED',
  'ECONNRESET',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE = body(
  503,
  'The service is busy or its database is unavailable for a moment. Try again in a few seconds.',
);

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const out = this.toBody(exception);
    if (out === UNAVAILABLE) {
      this.log.warn(`database unavailable: ${(exception as Error).message}`);
      res.setHeader('Retry-After', '5');
    } else if (out.statusCode >= 500)
      this.log.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
    if (exception instanceof HttpException && out.statusCode === 429) {
      const retry = (exception as HttpException & { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry) res.setHeader('Retry-After', String(retry));
    }
    res.status(out.statusCode).json(out);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof InvalidInputException) {
      return body(400, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const parserMessage =
        BODY_PARSER_MESSAGES[(exception.cause as { type?: string } | undefined)?.type ?? ''];
      if (parserMessage) return body(status, parserMessage);
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? (response as { message: string[] }).message.join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      return body(status, message);
    }
    if (exception instanceof Prisma.PrismaClientKnownRequestError) {
      if (exception.code === 'P2002') return body(409, 'This already exists');
      if (exception.code === 'P2025') return body(404, 'Not found');
      if (DATABASE_UNAVAILABLE.has(exception.code)) return UNAVAILABLE;
    }
    if (
      exception instanceof Prisma.PrismaClientInitializationError ||
      DATABASE_UNAVAILABLE.has(String((exception as { code?: unknown } | null)?.code))
    ) {
      return UNAVAILABLE;
    }
    return body(500, 'Something went wrong on our side. It has been logged; try again shortly.');
  }
}
