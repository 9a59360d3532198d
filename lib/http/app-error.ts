export const ERROR_STATUS = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;
export type TFieldErrors = Record<string, string>;

export type TErrorBody = { error: { code: TErrorCode; message: string; fields?: TFieldErrors; requestId?: string } };

/** The one error type the domain throws; route handlers turn it into `{ error: { code, message, fields? } }`. */
export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly fields?: TFieldErrors,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
