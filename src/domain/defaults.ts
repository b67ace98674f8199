// The default settings, from the seed articles: a B2B pipeline in six stages, in English or Spanish.

import type { Language } from './i18n';
import type { LostReason, Settings, StageSetting } from './model';

const stageNames: Record<Language, readonly [string, string, string, string, string, string]> = {
  en: ['New', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'],
  es: ['Nuevo', 'Calificado', 'Propuesta enviada', 'Negociación', 'Ganado', 'Perdido'],
};

const exitCriteria: Record<Language, readonly (readonly string[])[]> = {
  en: [
    ['Contact identified and reached', 'Need understood'],
    ['Budget range confirmed', 'Decision maker identified', 'Timeline agreed'],
    ['Proposal sent', 'Proposal walked through with the customer'],
    ['Terms agreed', 'Purchase order or signature expected'],
    [],
    [],
  ],
  es: [
    ['Contacto identificado y localizado', 'Necesidad entendida'],
    ['Rango de presupuesto confirmado', 'Decisor identificado', 'Plazo acordado'],
    ['Propuesta enviada', 'Propuesta revisada con el cliente'],
    ['Condiciones acordadas', 'Pedido o firma prevista'],
    [],
    [],
  ],
};

const probabilities = [10, 30, 60, 80, 100, 0] as const;
const targetDays = [2, 7, 14, 21, null, null] as const;
const kinds = ['open', 'open', 'open', 'open', 'won', 'lost'] as const;

const lostReasonNames: Record<Language, readonly string[]> = {
  en: [
    'Price',
    'Competitor',
    'No budget',
    'No decision maker',
    'Timing, postponed',
    'Missing feature',
    'No response',
    'Other',
  ],
  es: [
    'Precio',
    'Competidor',
    'Sin presupuesto',
    'Sin decisor',
    'Pospuesto',
    'Falta funcionalidad',
    'Sin respuesta',
    'Otro',
  ],
};

export function defaultStages(language: Language): StageSetting[] {
  return stageNames[language].map((name, i) => ({
    name,
    probability: probabilities[i] ?? 0,
    targetDays: targetDays[i] ?? null,
    kind: kinds[i] ?? 'open',
    exitCriteria: [...(exitCriteria[language][i] ?? [])],
  }));
}

export function defaultLostReasons(language: Language): LostReason[] {
  const names = lostReasonNames[language];
  // The last reason is "Other": it needs a note saying what the reason was.
  return names.map((name, i) => ({ name, requiresNote: i === names.length - 1 }));
}

export function defaultSettings(language: Language): Settings {
  const proposal = stageNames[language][2];
  return {
    language,
    currency: 'EUR',
    reminderHour: 8,
    stages: defaultStages(language),
    lostReasons: defaultLostReasons(language),
    scoringWeights: { budget: 30, authority: 25, timeline: 20, pain: 15, fit: 10 },
    quarterlyQuota: 0,
    staleAmberFactor: 1,
    staleRedFactor: 1.5,
    slipThreshold: 3,
    amountConfirmAbove: 0,
    remindersEnabled: true,
    remindersSender: '',
    escalationsEnabled: true,
    archiveMonths: 12,
    archiveDaily: false,
    archiveFile: '',
    stageEmails: [
      language === 'es'
        ? {
            stage: proposal,
            delayDays: 3,
            subject: 'Seguimiento de la propuesta: {{opportunity}} ({{customer}})',
            body: 'Enviaste la propuesta de {{opportunity}} a {{customer}} ({{amount}}) hace 3 días. Próxima acción: {{nextAction}}.',
          }
        : {
            stage: proposal,
            delayDays: 3,
            subject: 'Follow up on the proposal: {{opportunity}} ({{customer}})',
            body: 'You sent the proposal for {{opportunity}} to {{customer}} ({{amount}}) 3 days ago. Next action: {{nextAction}}.',
          },
    ],
    weekStartsOn: 1,
  };
}
