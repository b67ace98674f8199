// A realistic demo team and pipeline, the same every time for a given "today": ~60 deals in every stage, with history.

import { addDays, type LocalDate, type LocalDateTime, minDate } from './dates';
import type { Language } from './i18n';
import type { HistoryEvent, Opportunity, Settings, Team } from './model';
import { emptyDeal } from './parse-row';
import { scoreDeal } from './scoring';

export interface DemoData {
  team: Team;
  deals: Opportunity[];
  history: HistoryEvent[];
}

/** A small deterministic generator (mulberry32): same seed, same demo (and test data). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const customers = [
  'Acme Logistics',
  'Nordic Foods',
  'Bodegas Sierra',
  'Helix Pharma',
  'Clínica Mar',
  'Atlas Retail',
  'Grupo Norte',
  'Solaris Energy',
  'Café Central',
  'Metalúrgica Ebro',
  'Blue Harbor Hotels',
  'Iberia Print',
  'Verde Agro',
  'Quantum Schools',
  'Talleres Ruiz',
  'Lumen Optics',
];
const products: Record<Language, string[]> = {
  en: [
    'CRM rollout',
    'Support plan',
    'Fleet tracking',
    'Training pack',
    'Analytics add-on',
    'Hardware refresh',
  ],
  es: [
    'Implantación CRM',
    'Plan de soporte',
    'Control de flota',
    'Pack de formación',
    'Módulo de analítica',
    'Renovación de equipos',
  ],
};
const actions: Record<Language, Array<[string, string]>> = {
  en: [
    ['Call to confirm budget', 'Budget range and who signs'],
    ['Demo for the operations team', 'Agree on the pilot scope'],
    ['Send revised proposal', 'Price accepted in principle'],
    ['Meeting with the CFO', 'Payment terms agreed'],
    ['Follow-up email', 'Get a decision date'],
  ],
  es: [
    ['Llamada para confirmar presupuesto', 'Rango de presupuesto y quién firma'],
    ['Demo al equipo de operaciones', 'Acordar el alcance del piloto'],
    ['Enviar propuesta revisada', 'Precio aceptado en principio'],
    ['Reunión con el director financiero', 'Condiciones de pago acordadas'],
    ['Email de seguimiento', 'Conseguir fecha de decisión'],
  ],
};

export const demoTeam: Team = [
  {
    email: 'ana@example.com',
    name: 'Ana García',
    managerEmail: 'marta@example.com',
    quota: 150_000,
  },
  {
    email: 'luis@example.com',
    name: 'Luis Pérez',
    managerEmail: 'marta@example.com',
    quota: 120_000,
  },
  {
    email: 'sara@example.com',
    name: 'Sara Kim',
    managerEmail: 'marta@example.com',
    quota: 100_000,
  },
  { email: 'marta@example.com', name: 'Marta Ruiz', managerEmail: '' },
];

/** ~60 deals spread over every stage, created over the last five months, with their history. */
export function demoData(
  today: LocalDate,
  settings: Settings,
  language: Language,
  count = 60,
): DemoData {
  const next = random(20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const sellers = demoTeam.filter((member) => member.managerEmail !== '');
  const stages = settings.stages;
  const lost = settings.lostReasons;
  const deals: Opportunity[] = [];
  const history: HistoryEvent[] = [];
  const at = (date: LocalDate, hour: number): LocalDateTime =>
    `${date}T${String(hour).padStart(2, '0')}:00:00` as LocalDateTime;

  for (let i = 0; i < count; i += 1) {
    const stageIndex = i % stages.length;
    const stage = stages[stageIndex] ?? stages[0];
    if (!stage) break;
    const owner = sellers[i % sellers.length]?.email ?? '';
    const customer = pick(customers);
    const product = pick(products[language]);
    const created = addDays(today, -Math.floor(10 + next() * 140));
    const amount = Math.round((2 + next() * 60) * 1000);
    const ageInStage = Math.floor(next() * ((stage.targetDays ?? 20) * 2 + 2));
    const stageEntered = addDays(today, -ageInStage);
    const [action, goal] = pick(actions[language]);
    const open = stage.kind === 'open';
    const dueIn = Math.floor(next() * 14) - 5;
    const deal: Opportunity = {
      ...emptyDeal(),
      id: `OPP-${String(i + 1).padStart(6, '0')}`,
      name: `${product} – ${customer}`,
      customer,
      owner,
      stage: stage.name,
      // The probability follows the stage, as in a tracker the add-on set up.
      probability: stage.probability,
      amount,
      closeDate: addDays(today, open ? Math.floor(next() * 100) - 10 : -Math.floor(next() * 80)),
      created: minDate(created, stageEntered),
      stageEntered,
      nextAction: open && next() > 0.15 ? action : '',
      nextActionDate: null,
      nextActionGoal: '',
      lastContact: addDays(today, -Math.floor(next() * 20)),
      lastContactSummary: open ? goal : '',
      contactType: pick(['call', 'meeting', 'email', 'visit', 'demo']),
      contactName: pick(['Laura Gómez', 'Peter Novak', 'Jordi Puig', 'Emma Stone', 'Raúl Díaz']),
      tier: pick(['A', 'B', 'C']),
      segment: pick(['Retail', 'Industry', 'Health', 'Hospitality']),
      budget: stageIndex >= 1 || next() > 0.6,
      authority: stageIndex >= 2 || next() > 0.5,
      timeline: stageIndex >= 2 || next() > 0.7,
      pain: next() > 0.3,
      fit: next() > 0.2,
      decisionMakerMet: stageIndex >= 2 && next() > 0.3,
      decisionMaker: stageIndex >= 1 ? pick(['CEO', 'CFO', 'COO', 'IT director']) : '',
      updated: at(stageEntered, 10),
    };
    if (deal.nextAction) {
      deal.nextActionDate = addDays(today, dueIn);
      deal.nextActionGoal = goal;
    }
    if (stage.kind === 'won') deal.closedOn = deal.closeDate;
    if (stage.kind === 'lost') {
      const reason = pick(lost);
      deal.lostReason = reason.name;
      deal.lostNote = reason.requiresNote
        ? language === 'es'
          ? 'Eligieron hacerlo internamente'
          : 'Chose to do it in-house'
        : '';
      deal.closedOn = deal.closeDate;
    }
    const score = scoreDeal(deal, settings.scoringWeights);
    deal.score = score.score;
    deal.stars = score.stars;

    // History: created, then each stage on the way to the current one, a close-date push or two.
    history.push({
      at: at(deal.created ?? created, 9),
      user: owner,
      dealId: deal.id,
      field: 'created',
      old: '',
      new: stages[0]?.name ?? '',
    });
    const path =
      stage.kind === 'open'
        ? stages.slice(1, stageIndex + 1)
        : [...stages.filter((s) => s.kind === 'open').slice(1, 2 + (i % 3)), stage];
    path.forEach((step, n) => {
      const when =
        n === path.length - 1
          ? stageEntered
          : addDays(
              deal.created ?? created,
              Math.floor(((n + 1) * ageInStage) / (path.length + 1)) + 1,
            );
      history.push({
        at: at(when, 11),
        user: owner,
        dealId: deal.id,
        field: 'stage',
        old: n === 0 ? (stages[0]?.name ?? '') : (path[n - 1]?.name ?? ''),
        new: step.name,
      });
    });
    const pushes = open ? i % 4 : 0;
    let close = deal.closeDate ?? today;
    for (let p = pushes; p > 0; p -= 1) {
      const earlier = addDays(close, -14);
      history.push({
        at: at(addDays(today, -p * 7), 16),
        user: owner,
        dealId: deal.id,
        field: 'closeDate',
        old: earlier,
        new: close,
      });
      close = earlier;
    }
    deal.closePushes = pushes;
    deals.push(deal);
  }
  history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { team: demoTeam, deals, history };
}
