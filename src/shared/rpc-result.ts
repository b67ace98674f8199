// The envelope every server call returns to the sidebar: data, or an error a person can act on.

export const rpcErrorCodes = [
  'BAD_REQUEST',
  'NOT_FOUND',
  'CONFLICT',
  'BUSY',
  'RULE',
  'NOT_SET_UP',
  'INTERNAL',
] as const;
export type RpcErrorCode = (typeof rpcErrorCodes)[number];

export interface RpcError {
  code: RpcErrorCode;
  message: string;
  /** Extra facts for the sidebar, e.g. the current row on a CONFLICT; always JSON-safe. */
  details?: unknown;
}

/**
 * `notice`: the call did what it was asked, with something the person should know (e.g. a
 * History line that will be added by the next action).
 */
export type RpcResult<T> = { ok: true; data: T; notice?: string } | { ok: false; error: RpcError };

export function ok<T>(data: T): RpcResult<T> {
  return { ok: true, data };
}

export function fail(code: RpcErrorCode, message: string, details?: unknown): RpcResult<never> {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}
