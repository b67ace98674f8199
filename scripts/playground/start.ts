// `npm start [-- file.xlsx] [--port N]`: builds dist/, starts the playground and prints its address.

import { pathToFileURL } from 'node:url';
import { buildAddon } from '../build';
import { openCsv } from './csv';
import { startPlayground } from './server';

export interface StartArguments {
  xlsx?: string;
  /** A CSV to open as a new spreadsheet (saved to an .xlsx beside it). */
  csv?: string;
  /** The spreadsheet's locale, e.g. es_ES (a CSV's is guessed from its data without it). */
  locale?: string;
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
    } else if (arg === '--locale' || arg.startsWith('--locale=')) {
      const value = arg === '--locale' ? argv[++i] : arg.slice('--locale='.length);
      if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(value ?? ''))
        throw new UsageError(
          `--locale needs a locale such as es_ES or en_US, not "${value ?? ''}".`,
        );
      parsed.locale = value;
    } else if (arg === '--empty') {
      parsed.empty = true;
    } else if (arg === '--help' || arg === '-h') {
      throw new UsageError('');
    } else if (arg.startsWith('-')) {
      throw new UsageError(`Unknown option ${arg}.`);
    } else if (parsed.xlsx === undefined && parsed.csv === undefined) {
      if (/\.csv$/i.test(arg)) parsed.csv = arg;
      else if (/\.xlsx$/i.test(arg)) parsed.xlsx = arg;
      else throw new UsageError(`${arg} is neither an .xlsx nor a .csv file.`);
    } else {
      throw new UsageError('Give one .xlsx or .csv file at most.');
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

const delimiterName = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

const usage = [
  'Usage: npm start [-- [file.xlsx | file.csv] [--locale xx_YY] [--empty] [--port N]]',
  '  no file      opens on demo data (nothing is saved)',
  '  file.xlsx    opens the workbook and saves every change back to it (a missing file starts',
  '               as a copy of the demo, or blank with --empty)',
  '  file.csv     opens the CSV (comma, semicolon or tab; UTF-8) as a new spreadsheet and saves',
  '               it to file.xlsx beside it (never over the CSV or an existing workbook)',
  "  --locale L   the file's locale (es_ES, en_US, ...); a CSV's is guessed from its data",
  '  --empty      starts on a blank spreadsheet: run Set up tracker from the menu yourself',
  '  --port N     listens on port N (default 8080; 0 = any free port)',
].join('\n');

/** The playground's spreadsheet time zone (File > Settings in Sheets). */
const timeZone = 'Europe/Madrid';

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
  const csv = args.csv
    ? await openCsv(args.csv, {
        timeZone,
        now: new Date(),
        ...(args.locale ? { locale: args.locale } : {}),
      })
    : null;
  const xlsx = csv?.xlsx ?? args.xlsx;
  let playground: Awaited<ReturnType<typeof startPlayground>>;
  try {
    playground = await startPlayground({
      port: args.port,
      timeZone,
      ...(xlsx ? { xlsx } : {}),
      ...(csv ? { spreadsheet: csv.snapshot } : {}),
      ...((csv?.locale ?? args.locale) ? { locale: csv?.locale ?? args.locale } : {}),
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
  if (csv)
    console.log(
      `Opened ${args.csv} as a new spreadsheet: ${csv.rows} rows, ${delimiterName[csv.delimiter]}-separated, ${csv.encoding}, locale ${csv.locale} (${csv.localeReason}; --locale changes it).`,
    );
  console.log(
    xlsx && csv
      ? `Every change is saved to ${xlsx}. Ctrl+C stops.`
      : args.xlsx
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
