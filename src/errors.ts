// One error type for the app: a code, and from the code the HTTP status and whether callers see the message.
export type AppErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "bad_signature"
  | "bad_payload"
  | "unavailable"
  | "internal";

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  bad_signature: 401,
  bad_payload: 400,
  unavailable: 503,
  internal: 500,
};

/** One refused field of a body: its path (rules.targets.0.minimum) and what is wrong with it. */
export type FieldIssue = { path: string; message: string };

export class AppError extends Error {
  readonly status: number;
  readonly expose: boolean;
  readonly issues?: FieldIssue[];
  constructor(readonly code: AppErrorCode, message: string, options: { cause?: unknown; issues?: FieldIssue[] } = {}) {
    super(message, options);
    this.issues = options.issues;
    this.status = STATUS[code];
    this.expose = this.status < 500;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
