// A public practice dataset's shape, generated: Maven Analytics' "CRM + Sales Opportunities" (sales_pipeline.csv, sales_teams.csv).

import { random } from '../../src/domain/demo-data';

/**
 * The shape of the dataset Maven Analytics publishes for practice (a B2B computer-hardware seller's
 * CRM export, 8,800 opportunities from October 2016 to December 2017):
 * - sales_pipeline.csv: opportunity_id (8 letters and digits), sales_agent (a person's name),
 *   product, account (empty on most open deals), deal_stage (Prospecting, Engaging, Won, Lost),
 *   engage_date (none while Prospecting), close_date and close_value (only on closed deals; a
 *   lost deal's value is 0). No deal name column, no lost reason.
 * - sales_teams.csv: 35 agents, each with a manager (6) and a regional office (3).
 * - products.csv: 7 products in 3 series, each with a list price.
 * The stage counts are the published file's (4,238 won, 2,473 lost, 1,589 engaging, 500
 * prospecting; 2,089 open, 1,425 of them without an account). Names and values here are generated
 * (seeded), so the test needs no download; dates are written the US way (m/d/yyyy).
 */

export interface PublicPipeline {
  /** sales_pipeline.csv as rows of fields, header first. */
  pipeline: string[][];
  /** sales_teams.csv: agent, manager, office. */
  teams: Array<{ agent: string; manager: string; office: string }>;
  products: Array<{ product: string; series: string; price: number }>;
}

export const pipelineHeader = [
  'opportunity_id',
  'sales_agent',
  'product',
  'account',
  'deal_stage',
  'engage_date',
  'close_date',
  'close_value',
];

const products = [
  { product: 'GTX Basic', series: 'GTX', price: 550 },
  { product: 'GTX Pro', series: 'GTX', price: 4_821 },
  { product: 'MG Special', series: 'MG', price: 55 },
  { product: 'MG Advanced', series: 'MG', price: 3_393 },
  { product: 'GTX Plus Pro', series: 'GTX', price: 5_482 },
  { product: 'GTX Plus Basic', series: 'GTX', price: 1_096 },
  { product: 'GTK 500', series: 'GTK', price: 26_768 },
];

const managers = [
  ['Dustin Brinkmann', 'Central'],
  ['Melvin Marxen', 'Central'],
  ['Cara Losch', 'East'],
  ['Rocco Neubert', 'East'],
  ['Celia Rouche', 'West'],
  ['Summer Sewald', 'West'],
] as const;

const firstNames = [
  'Anna',
  'Cecily',
  'Versie',
  'Lajuana',
  'Moses',
  'Jonathan',
  'Marty',
  'Gladys',
  'Niesha',
  'Darcel',
  'Violet',
  'Corliss',
  'Rosie',
  'Garret',
  'Wilburn',
  'Elizabeth',
  'Daniell',
  'Cassey',
  'Donn',
  'Reed',
  'Boris',
  'Maureen',
  'Vicki',
  'Rosalina',
  'Hayden',
  'Markita',
  'Elease',
  'Kary',
  'James',
  'Zane',
  'Kami',
  'Hélène',
  'José',
  'Carl',
  'Mei',
];
const lastNames = [
  'Snelling',
  'Lampkin',
  'Hillebrand',
  'Vencill',
  'Frase',
  'Berthelot',
  'Freudenburg',
  'Colclough',
  'Huffines',
  'Schlecht',
  'Mclelland',
  'Cosme',
  'Papadopoulos',
  'Kinder',
  'Farren',
  'Anderson',
  'Hammack',
  'Cress',
  'Cantrell',
  'Clapper',
  'Faz',
  'Marcano',
  'Laflamme',
  'Dieter',
  'Neloms',
  'Hansen',
  'Gluck',
  'Hendrixson',
  'Ascencio',
  'Levy',
  'Bicknell',
  'Núñez',
  'Ortega',
  'Lin',
  'Wong',
];

const accountStems = [
  'Acme',
  'Beta',
  'Can',
  'Code',
  'Con',
  'Dalt',
  'Dam',
  'Dom',
  'Don',
  'Fax',
  'Fin',
  'Fix',
  'Gekko',
  'Gold',
  'Green',
  'Hot',
  'Isdom',
  'Iselectrics',
  'J-',
  'Kan',
  'Kin',
  'Lat',
  'Mat',
  'Nam',
];
const accountEnds = ['corp', 'tech', 'city', 'com', 'dax', 'zoom', 'quote', 'high', 'dex', 'hold'];

const usDate = (day: number) => {
  const date = new Date(Date.UTC(2016, 9, 20) + day * 86_400_000);
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()}`;
};
/** Days from 2016-10-20 to 2017-12-31. */
const span = 437;

/**
 * The dataset at `scale` (1 = the published 8,800 rows; the stage counts scale with it).
 * Every agent has deals in every stage, so each per-owner figure has something to count.
 */
export function publicPipeline(scale = 1, seed = 2016): PublicPipeline {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const teams = firstNames.map((first, i) => {
    const [manager, office] = managers[i % managers.length] ?? managers[0];
    return { agent: `${first} ${lastNames[i]}`, manager, office };
  });
  const accounts = Array.from({ length: 85 }, (_, i) => {
    const stem = accountStems[i % accountStems.length] ?? 'Acme';
    return `${stem}${accountEnds[Math.floor(i / accountStems.length) % accountEnds.length]}`;
  });
  const counts = {
    Won: Math.round(4_238 * scale),
    Lost: Math.round(2_473 * scale),
    Engaging: Math.round(1_589 * scale),
    Prospecting: Math.round(500 * scale),
  };
  const withoutAccount = Math.round(1_425 * scale);
  const stages = Object.entries(counts).flatMap(([stage, n]) => Array<string>(n).fill(stage));
  // Shuffled, so stages, agents and dates mix as in an export sorted by nothing in particular.
  for (let i = stages.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [stages[i], stages[j]] = [stages[j] as string, stages[i] as string];
  }
  const ids = new Set<string>();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let openSeen = 0;
  const rows = stages.map((stage, i) => {
    let id = '';
    while (id === '' || ids.has(id))
      id = Array.from({ length: 8 }, () => pick([...alphabet])).join('');
    ids.add(id);
    const agent = teams[i % teams.length]?.agent ?? '';
    const product = pick(products);
    const open = stage === 'Engaging' || stage === 'Prospecting';
    // The first open deals (in shuffled order) lose their account, as 1,425 of 2,089 do.
    const noAccount = open && openSeen++ < withoutAccount;
    const account = noAccount ? '' : pick(accounts);
    const engage = Math.floor(next() * (span - 5));
    const closed = stage === 'Won' || stage === 'Lost';
    const close = Math.min(engage + 1 + Math.floor(next() * 138), span - 1);
    const value = stage === 'Won' ? String(Math.round(product.price * (0.9 + next() * 0.2))) : '0';
    return [
      id,
      agent,
      product.product,
      account,
      stage,
      stage === 'Prospecting' ? '' : usDate(engage),
      closed ? usDate(close) : '',
      closed ? value : '',
    ];
  });
  return { pipeline: [pipelineHeader, ...rows], teams, products };
}

/** A field for a CSV line: quoted when it holds a comma, a quote or a line break. */
const csvField = (field: string) =>
  /[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;

/** The rows as the CSV text Maven publishes (comma-separated, CRLF line ends). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The e-mail the test gives a person of the dataset: "Hélène Núñez" -> helene.nunez@example.com. */
export function emailOf(name: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.');
  return `${plain}@example.com`;
}
