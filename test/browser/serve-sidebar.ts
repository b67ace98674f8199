// Serves dist/Sidebar.html with a google.script.run that forwards rpc(method, payload) to the add-on in the runtime.

import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../scripts/build';
import { ServerCrash, type SidebarWorld } from './sidebar-world';

/**
 * google.script.run as the sidebar sees it: chainable handlers, then rpc(). The payload and the
 * answer cross as JSON, as they do in Apps Script; a thrown server error calls the failure handler.
 */
export const scriptRunBridge = `
(function () {
  function runner(onSuccess, onFailure) {
    return {
      withSuccessHandler: function (f) { return runner(f, onFailure); },
      withFailureHandler: function (f) { return runner(onSuccess, f); },
      rpc: function (method, payload) {
        fetch('/rpc', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ method: method, payload: payload }),
        })
          .then(function (response) {
            return response.json().then(function (body) { return { status: response.status, body: body }; });
          })
          .then(function (answer) {
            if (answer.status === 200) { if (onSuccess) onSuccess(answer.body); }
            else if (onFailure) onFailure(new Error(answer.body.message));
          })
          .catch(function (error) { if (onFailure) onFailure(error); });
      },
    };
  }
  window.google = { script: { run: runner(null, null) } };
})();
`;

export interface SidebarServer {
  url: string;
  /** The world (runtime and sheet) the next requests go to; tests swap it per scenario. */
  world: SidebarWorld;
  /** Milliseconds every rpc waits before answering, to make loading states visible. */
  delayMs: number;
  close(): Promise<void>;
}

export async function serveSidebar(world: SidebarWorld): Promise<SidebarServer> {
  const html = await readFile(path.join(projectRoot, 'dist/Sidebar.html'), 'utf8').catch(() => {
    throw new Error('dist/Sidebar.html is missing: build first with `npx tsx scripts/build.ts`.');
  });
  const page = html.replace('<script>', () => `<script>${scriptRunBridge}</script>\n<script>`);
  const state = { world, delayMs: 0 };
  const server = createServer((request, response) => {
    if (request.method === 'GET' && (request.url === '/' || request.url === '/sidebar')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }
    if (request.method === 'POST' && request.url === '/rpc') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answer = () => {
          try {
            const { method, payload } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            const result = state.world.rpc(method, payload);
            response.writeHead(200, { 'content-type': 'application/json' });
            response.end(JSON.stringify(result));
          } catch (error) {
            const message = error instanceof ServerCrash ? error.message : String(error);
            response.writeHead(500, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ message }));
          }
        };
        if (state.delayMs > 0) setTimeout(answer, state.delayMs);
        else answer();
      });
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get world() {
      return state.world;
    },
    set world(next: SidebarWorld) {
      state.world = next;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
