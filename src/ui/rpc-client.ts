// The sidebar's one door to the server: a typed promise over google.script.run.rpc, checked against the contract.

import {
  describeIssues,
  type RpcMethod,
  type RpcRequest,
  type RpcResponse,
  rpcMethods,
} from '../shared/rpc';
import { type RpcError, type RpcErrorCode, rpcErrorCodes } from '../shared/rpc-result';
import { language } from './strings';

/** The part of google.script.run the sidebar uses (HtmlService provides it as a global). */
interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
  rpc(method: string, payload: unknown): void;
}
declare const google: { script: { run: ScriptRunner } } | undefined;

/** A call that did not give data: the server's error, or INTERNAL for anything unexpected. */
export class RpcFailure extends Error implements RpcError {
  readonly code: RpcErrorCode;
  readonly details: unknown;
  constructor(code: RpcErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'RpcFailure';
    this.code = code;
    this.details = details;
  }
}

export function isRpcFailure(error: unknown): error is RpcFailure {
  return error instanceof RpcFailure;
}

let noticeListener: ((text: string) => void) | null = null;

/**
 * Who shows what an answer says besides its data (the sidebar's toasts), one text at a time.
 * Every call's answer goes through here, so no caller can drop a message the server sent.
 */
export function onNotice(listener: ((text: string) => void) | null): void {
  noticeListener = listener;
}

/**
 * The messages an answer carries besides its data: each of `notices`, or `notice` alone from a
 * server that sends only that one sentence (never both: it would say the same thing twice).
 */
export function noticesOf(envelope: unknown): string[] {
  if (typeof envelope !== 'object' || envelope === null) return [];
  const { notice, notices } = envelope as { notice?: unknown; notices?: unknown };
  const texts = Array.isArray(notices) ? notices : [notice];
  return texts.filter((text): text is string => typeof text === 'string' && text.trim() !== '');
}

/** Calls `rpc(method, payload)` on the server and resolves with the checked response data. */
export function call<M extends RpcMethod>(
  method: M,
  payload: RpcRequest<M>,
): Promise<RpcResponse<M>> {
  return new Promise((resolve, reject) => {
    // A request the contract refuses would be refused by the server too: say so without the trip.
    const request = rpcMethods[method].request.safeParse(payload);
    if (!request.success) {
      reject(new RpcFailure('BAD_REQUEST', describeIssues(request.error.issues, language())));
      return;
    }
    const runner = typeof google === 'undefined' ? undefined : google?.script?.run;
    if (!runner) {
      reject(new RpcFailure('INTERNAL', 'google.script.run is not available here.'));
      return;
    }
    runner
      .withSuccessHandler((envelope) => {
        const outcome = readEnvelope(method, envelope);
        if (outcome instanceof RpcFailure) reject(outcome);
        else resolve(outcome);
        // After the caller's own toast ("Saved."), which its continuation shows first.
        const notices = noticesOf(envelope);
        if (notices.length > 0)
          window.setTimeout(() => {
            for (const text of notices) noticeListener?.(text);
          }, 0);
      })
      .withFailureHandler((error) => {
        // The server threw, the network dropped, or the script timed out: never a user's mistake.
        const message =
          error instanceof Error ? error.message : String(error ?? 'The server did not answer.');
        reject(new RpcFailure('INTERNAL', message));
      })
      .rpc(method, payload);
  });
}

function readEnvelope<M extends RpcMethod>(
  method: M,
  envelope: unknown,
): RpcResponse<M> | RpcFailure {
  if (typeof envelope !== 'object' || envelope === null || !('ok' in envelope)) {
    return new RpcFailure('INTERNAL', `The server's answer to ${method} was not understood.`);
  }
  const result = envelope as { ok: unknown; data?: unknown; error?: unknown };
  if (result.ok === true) {
    const parsed = rpcMethods[method].response.safeParse(result.data);
    if (parsed.success) return parsed.data as RpcResponse<M>;
    return new RpcFailure(
      'INTERNAL',
      `The server's answer to ${method} did not match the contract: ${describeIssues(parsed.error.issues)}`,
    );
  }
  const error = (result.error ?? {}) as Partial<RpcError>;
  const code = (rpcErrorCodes as readonly unknown[]).includes(error.code)
    ? (error.code as RpcErrorCode)
    : 'INTERNAL';
  const message = typeof error.message === 'string' ? error.message : 'Unknown error.';
  return new RpcFailure(code, message, error.details);
}

/** A request naming a deal, with the row it was last seen on when there is one (read first). */
export function rowHinted(id: string, row?: number | null): { id: string; row?: number } {
  return row !== undefined && row !== null && row >= 2 ? { id, row } : { id };
}
