// `npm start [-- file.xlsx] [--port N]`: builds dist/, starts the playground and prints its address.

import { pathToFileURL } from 'node:url';
import { buildAddon } from '../build';
import { startPlayground } from './server';

export interface StartArguments {
  xlsx?: string;
  port: number;
  /** A blank spreadsheet instead of the demo (or, with a file that does not exist yet, for it). */
  empty?: boolean;
}

export function parseArguments(argv: readonly string[]): StartArguments {
  const parsed: StartArguments = { port: 8080 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--port' || arg === '-p') {
      parsed.port = portNumber(argv[++i]);
    } else if (arg.startsWith('--port=')) {
      parsed.port = portNumber(arg.slice('--port='.length));
    } else if (arg === '--empty') {
      parsed.empty = true;
    } else if (arg === '--help' || arg === '-h') {
      throw new UsageError('');
    } else if (arg.startsWith('-')) {
      throw new UsageError(`Unknown option ${arg}.`);
    } else if (parsed.xlsx === undefined) {
      if (!/\.xlsx$/i.test(arg)) throw new UsageError(`${arg} is not an .xlsx file.`);
      parsed.xlsx = arg;
    } else {
      throw new UsageError('Give one .xlsx file at most.');
    }
  }
  return parsed;
}

function portNumber(text: string | undefined): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port needs a port number, not "${text ?? ''}".`);
  return port;
}

class UsageError extends Error {}

const usage = [
  'Usage: npm start [-- [file.xlsx] [--empty] [--port N]]',
  '  no file      opens on demo data (nothing is saved)',
  '  file.xlsx    opens the workbook and saves every change back to it (a missing file starts',
  '               as a copy of the demo, or blank with --empty)',
  '  --empty      starts on a blank spreadsheet: run Set up tracker from the menu yourself',
  '  --port N     listens on port N (default 8080; 0 = any free port)',
].join('\n');

async function main(): Promise<void> {
  let args: StartArguments;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(usage);
    process.exitCode = error.message ? 2 : 0;
    return;
  }
  await buildAddon();
  let playground: Awaited<ReturnType<typeof startPlayground>>;
  try {
    playground = await startPlayground({
      port: args.port,
      ...(args.xlsx ? { xlsx: args.xlsx } : {}),
      ...(args.empty ? { empty: true } : {}),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(
      `Port ${args.port} is taken. Try another: npm start -- --port 8081 (or --port 0 for any free port).`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(`Opportunity Tracker playground: ${playground.url}`);
  console.log(
    args.xlsx
      ? `Editing ${args.xlsx}: every change is saved back to it. Ctrl+C stops.`
      : args.empty
        ? 'A blank spreadsheet, in memory only: Extensions > Opportunity Tracker > Set up tracker. Ctrl+C stops.'
        : 'Demo data, in memory only: pass a .xlsx file to keep your changes. Ctrl+C stops.',
  );
  const stop = () => {
    void playground.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run as `npm start`, not when a test imports parseArguments.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
