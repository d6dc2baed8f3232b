/** The API's one error shape: `{statusCode, error, message, details?}`. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { field: string; problems: string[] }[];
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).statusCode === 'number' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}

/** A failed API call, carrying the server's message and per-field details. */
export class ApiError extends Error {
  readonly status: number;
  readonly details: { field: string; problems: string[] }[];
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    message: string,
    details: ApiError['details'] = [],
    retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.details = details;
    this.retryAfterSeconds = retryAfter;
  }

  /** Problems for each field, joined into one sentence, e.g. `{ email: 'email must be an email' }`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) out[d.field] = d.problems.join('; ');
    return out;
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'Your session has ended. Please sign in again.',
  403: 'Your role in this organisation does not allow this.',
  404: 'We could not find what you were looking for.',
  429: 'Too many attempts. Please wait a moment and try again.',
  500: 'Something went wrong on our side. Please try again.',
  503: 'Gapline is temporarily unavailable. Please try again shortly.',
};

/** Turn an openapi-fetch `{ error, response }` pair into an ApiError. */
export function toApiError(error: unknown, response: Response): ApiError {
  const retryHeader = response.headers.get('Retry-After');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  if (isErrorBody(error)) {
    return new ApiError(error.statusCode, error.message, error.details ?? [], retryAfter);
  }
  const message =
    FALLBACK_MESSAGES[response.status] ??
    (response.status >= 500 ? FALLBACK_MESSAGES[500] : `The request failed (HTTP ${response.status}).`);
  return new ApiError(response.status, message ?? 'The request failed.', [], retryAfter);
}

/** A readable sentence for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfterSeconds) {
      const minutes = Math.ceil(error.retryAfterSeconds / 60);
      const wait =
        error.retryAfterSeconds < 90
          ? `${error.retryAfterSeconds} seconds`
          : `${minutes} minute${minutes === 1 ? '' : 's'}`;
      return `${error.message} Try again in ${wait}.`;
    }
    return error.message;
  }
  if (error instanceof TypeError) return 'Cannot reach Gapline. Check your connection and try again.';
  if (error instanceof Error) return error.message;
  return 'Something unexpected went wrong.';
}

/** Whether a failed request is worth retrying automatically (network trouble and server errors only). */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500 || error.status === 408;
  return error instanceof TypeError;
}
