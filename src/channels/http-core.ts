// The one way we call WeCom and DingTalk: a timeout on every call, and an answer that says which of
// three things happened, because what to do next depends on it:
//   ok       — the platform answered 2xx with JSON (what that JSON says is the client's to judge);
//   refused  — the platform answered and said no: its code, and whether trying again can help;
//   network  — no usable answer: and whether the call may have reached the platform anyway (a timeout
//              or a reset after sending may have delivered a message; a refused connection did not).
// Nothing treats a 2xx that is not JSON as success: a proxy's error page is not a delivered message.

export type Failure =
  | { kind: "refused"; status: number; code: string; message: string; retryable: boolean }
  | { kind: "network"; message: string; mayHaveArrived: boolean };

/** A call that did not succeed, typed by what happened. */
export class PlatformError extends Error {
  constructor(readonly api: string, readonly failure: Failure) {
    super(`${api}: ${failure.kind === "refused" ? `refused ${failure.status} ${failure.code} ${failure.message}` : `network ${failure.message}`}`);
  }
  /** True when the message may not have been delivered and sending it again cannot double it. */
  get retryable(): boolean {
    return this.failure.kind === "refused" ? this.failure.retryable : !this.failure.mayHaveArrived;
  }
  /** True when the platform certainly did not take the message (so a text copy cannot be a duplicate). */
  get certainlyNotDelivered(): boolean {
    return this.failure.kind === "refused" || !this.failure.mayHaveArrived;
  }
}

export const isPlatformError = (error: unknown): error is PlatformError => error instanceof PlatformError;

/** The platform's code when it refused the call; "" for anything else. */
export const refusedCode = (error: unknown): string => (isPlatformError(error) && error.failure.kind === "refused" ? error.failure.code : "");

/**
 * DingTalk's refusal once a free or standard organisation has spent its monthly API quota, in both of its
 * forms: v1.0's Forbidden.AccessDenied.ApiCountLimitForOrg and the legacy oapi errcode 90020 ("本月api调用量
 * 已超过限制", DingTalk help 1061621972).
 */
export const isQuotaSpent = (error: unknown): boolean => /ApiCountLimitForOrg/.test(refusedCode(error)) || refusedCode(error) === "90020";

export type Answer = { status: number; body: Record<string, unknown> };

/** Errors that mean the request never left this machine (nothing can have arrived). */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT", "ERR_INVALID_URL"]);

function networkFailure(api: string, error: unknown): PlatformError {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") return new PlatformError(api, { kind: "network", message: "timed out", mayHaveArrived: true });
  const code = err.cause?.code ?? "";
  return new PlatformError(api, { kind: "network", message: `${code || err.message} ${err.cause?.message ?? ""}`.trim(), mayHaveArrived: !NOT_SENT.has(code) });
}

/** One HTTP exchange with a platform; resolves to its JSON answer (any status), or throws a network PlatformError. */
export async function exchange(api: string, url: string, init: RequestInit & { timeoutMs: number }): Promise<Answer> {
  const { timeoutMs, ...rest } = init;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { ...rest, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (error) {
    throw networkFailure(api, error);
  }
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body === "object" && body !== null && !Array.isArray(body)) return { status: res.status, body: body as Record<string, unknown> };
  } catch {
    // not JSON: below
  }
  if (res.ok) throw new PlatformError(api, { kind: "network", message: `HTTP ${res.status} without a JSON body`, mayHaveArrived: true });
  return { status: res.status, body: {} };
}

/** Exponential backoff with jitter: 250 ms, 500 ms, 1 s, … plus up to 250 ms. */
export const backoffDelay = (attempt: number) => 2 ** attempt * 250 + Math.floor(Math.random() * 250);

/**
 * The one retry policy: a refusal that says trying again helps, or a network failure that cannot have
 * delivered anything, is tried again after a backoff, up to `tries` times; anything else is thrown at once.
 */
export async function withRetries<T>(tries: number, sleep: (ms: number) => Promise<void>, call: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (!isPlatformError(error) || !error.retryable || attempt + 1 >= tries) throw error;
      await sleep(backoffDelay(attempt));
    }
  }
}
