// What kind of contact an action is, read from its words (English or Spanish): "Meeting with the CFO" is a meeting.

import type { contactTypes } from './fields';

export type ContactKind = (typeof contactTypes)[number];

/**
 * Word stems that name each kind, matched at the start of a word once the text is lower-cased and
 * stripped of accents, so every form of a verb counts ("llamar", "llamé", "llamaremos"). Stems are
 * chosen by meaning (the verbs, nouns and channels sellers use for each kind), not from examples.
 */
const stems: ReadonlyArray<[ContactKind, readonly string[]]> = [
  [
    'call',
    [
      // English
      'call',
      'phone',
      'ring',
      'telephone',
      'voicemail',
      // Spanish
      'llam',
      'telefon',
    ],
  ],
  [
    'meeting',
    [
      'meet',
      'met ',
      'lunch',
      'dinner',
      'breakfast',
      'coffee',
      'workshop',
      'kickoff',
      'kick off',
      'appointment',
      'sync',
      'catch up',
      'catchup',
      'sit down',
      'video',
      'zoom',
      'present',
      'reuni',
      'cita',
      'comida',
      'almuerz',
      'desayun',
      'cena',
      'cafe',
      'encuentro',
      'junta',
      'quedar',
      'quedamos',
      'taller',
    ],
  ],
  [
    'email',
    [
      'email',
      'e mail',
      'mail',
      'inmail',
      'write',
      'send',
      'sent ',
      'reply',
      'respond',
      'forward',
      'correo',
      'escrib',
      'envia',
      'enviar',
      'envie',
      'envio',
      'reenvi',
      'mandar',
      'manda',
      'mande',
      'responder',
      'contestar',
    ],
  ],
  [
    'demo',
    [
      'demo',
      'demonstrat',
      'walkthrough',
      'walk through',
      'show',
      'showcase',
      'trial',
      'demostr',
      'mostrar',
      'muestr',
      'ensen',
      'prueba',
    ],
  ],
  [
    'visit',
    [
      'visit',
      'on site',
      'onsite',
      'site visit',
      'go to',
      'drop by',
      'drop in',
      'stop by',
      'in person',
      'tour',
      'travel',
      'trip ',
      'trips',
      'showroom',
      'desplaz',
      'viaj',
      'acudir',
      'ir a',
      'pasar por',
      'en persona',
      'in situ',
    ],
  ],
];

/** Lower case, no accents, every run of non-letters (hyphens, dots) one space: "E-mail a Zoë" -> "e mail a zoe". */
function words(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/**
 * The kind of contact an action's text names, by the earliest word that names one ("Call to book
 * the demo" is a call, "Demo call" a demo; at the same word the longer stem: "showroom" is a
 * visit); null when no word does.
 */
export function contactKindOf(text: string): ContactKind | null {
  const haystack = words(text);
  let best: { kind: ContactKind; at: number; length: number } | null = null;
  for (const [kind, list] of stems)
    for (const stem of list) {
      const at = haystack.indexOf(` ${stem}`);
      const better = best === null || at < best.at || (at === best.at && stem.length > best.length);
      if (at >= 0 && better) best = { kind, at, length: stem.length };
    }
  return best?.kind ?? null;
}
