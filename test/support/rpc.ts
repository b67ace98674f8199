// The sidebar's one server call, as a test makes it: rt.run('rpc', method, payload), typed by method.

import type { RpcMethod, RpcResponse } from '../../src/shared/rpc';
import type { Runtime } from './tracker';

export interface RpcError {
  code: string;
  message: string;
  details?: unknown;
}

/** What `rpc` answers: the method's response, or the error the sidebar would show. */
export type Envelope<T> = { ok: true; data: T; notice?: string } | { ok: false; error: RpcError };

/** A known method answers with its typed response; any other name (fuzzing) with unknown data. */
export function rpc<M extends RpcMethod>(
  rt: Runtime,
  method: M,
  payload: unknown,
): Envelope<RpcResponse<M>>;
export function rpc(rt: Runtime, method: string, payload: unknown): Envelope<unknown>;
export function rpc(rt: Runtime, method: string, payload: unknown): Envelope<unknown> {
  return rt.run('rpc', method, payload) as Envelope<unknown>;
}
