// An in-memory stand-in for the add-on's rpc(method, payload): the contract, a few deals, the real rules' errors.

import type * as z from 'zod/mini';
import { defaultSettings } from '../../src/domain/defaults';
import type { Language } from '../../src/domain/i18n';
import {
  type BootstrapSchema,
  type DealSchema,
  type DealSummarySchema,
  type DealViewSchema,
  describeIssues,
  isRpcMethod,
  type RpcMethod,
  type RpcParsedRequest,
  rpcMethods,
} from '../../src/shared/rpc';
import { fail, ok, type RpcErrorCode, type RpcResult } from '../../src/shared/rpc-result';

// Wire shapes: dates are plain yyyy-mm-dd strings here, as JSON carries them.
export type Deal = z.input<typeof DealSchema>;
type DealView = z.input<typeof DealViewSchema>;
type DealSummary = z.input<typeof DealSummarySchema>;
type Bootstrap = z.input<typeof BootstrapSchema>;
type RpcResponse<M extends RpcMethod> = z.input<(typeof rpcMethods)[M]['response']>;

const scoringFields = ['budget', 'authority', 'timeline', 'pain', 'fit'] as const;

export interface FakeServerOptions {
  today?: string;
  user?: string;
  language?: Language;
  isSetUp?: boolean;
  deals?: Deal[];
}

/** A thrown error here reaches the sidebar through google.script.run's failure handler. */
export class ServerCrash extends Error {}

class RuleError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface HistoryItem {
  at: string;
  user: string;
  field: string;
  old: string;
  new: string;
}

export class FakeServer {
  readonly today: string;
  readonly user: string;
  readonly language: Language;
  isSetUp: boolean;
  readonly settings;
  /** Rows of the Opportunities tab, in order: row = index + 2 (row 1 is the header). */
  readonly deals: Deal[];
  readonly calls: Array<{ method: string; payload: unknown }> = [];
  /** What the user's cursor is on: a deal id, or null for a cell outside any deal. */
  selectedId: string | null = null;
  private readonly versions = new Map<string, number>();
  private readonly history = new Map<string, HistoryItem[]>();
  private readonly unchangedReviews = new Map<string, number>();
  /** Rewrites an answer before it leaves, to test how the sidebar takes a broken server. */
  tamper: ((method: string, result: RpcResult<unknown>) => RpcResult<unknown>) | null = null;
  private busyLeft = 0;
  private crashLeft = 0;
  private nextNumber: number;

  constructor(options: FakeServerOptions = {}) {
    this.today = options.today ?? '2026-11-23';
    this.user = options.user ?? 'ana@example.com';
    this.language = options.language ?? 'en';
    this.isSetUp = options.isSetUp ?? true;
    this.settings = defaultSettings(this.language);
    this.deals = (options.deals ?? demoDeals(this.user, this.language)).map((deal) => ({
      ...deal,
    }));
    this.nextNumber = this.deals.length + 1;
  }

  // ---- What a test does to the world -----------------------------------------------------------

  /** The user clicks a row (or a cell outside the deals, with null). */
  select(id: string | null): void {
    this.selectedId = id;
  }

  /** Someone else edits the deal in the sheet: its version changes under the sidebar. */
  editAsSomeoneElse(id: string, patch: Partial<Deal>): void {
    const deal = this.find(id);
    Object.assign(deal, patch);
    this.bump(id);
  }

  /** The next `count` writes find the document lock taken. */
  busyFor(count: number): void {
    this.busyLeft = count;
  }

  /** The next `count` calls throw on the server (the failure handler fires). */
  crashFor(count: number): void {
    this.crashLeft = count;
  }

  deal(id: string): Deal {
    return this.find(id);
  }

  callsOf(method: RpcMethod): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.payload);
  }

  // ---- rpc(method, payload) --------------------------------------------------------------------

  rpc(method: string, payload: unknown): RpcResult<unknown> {
    const result = this.answer(method, payload);
    return this.tamper ? this.tamper(method, result) : result;
  }

  private answer(method: string, payload: unknown): RpcResult<unknown> {
    this.calls.push({ method, payload });
    if (this.crashLeft > 0) {
      this.crashLeft -= 1;
      throw new ServerCrash('Service Spreadsheets timed out while accessing document.');
    }
    if (!isRpcMethod(method)) return fail('BAD_REQUEST', `Unknown method ${method}.`);
    const request = rpcMethods[method].request.safeParse(payload);
    if (!request.success) return fail('BAD_REQUEST', describeIssues(request.error.issues));
    if (!this.isSetUp && method !== 'bootstrap') {
      return fail('NOT_SET_UP', 'The tracker is not set up.');
    }
    try {
      const data = this.serve(method, request.data as never);
      // What google.script.run would carry: JSON, so a Date or undefined would not survive.
      return ok(JSON.parse(JSON.stringify(data)));
    } catch (error) {
      if (error instanceof RuleError) return fail(error.code, error.message, error.details);
      throw error;
    }
  }

  private serve<M extends RpcMethod>(method: M, request: RpcParsedRequest<M>): RpcResponse<M> {
    const handlers: { [K in RpcMethod]: (r: RpcParsedRequest<K>) => RpcResponse<K> } = {
      bootstrap: () => this.bootstrap(),
      selection: () => {
        const deal = this.deals.find((d) => d.id === this.selectedId);
        return {
          id: deal?.id ?? null,
          row: deal ? this.rowOf(deal.id) : null,
          onTracker: deal !== undefined,
          version: null,
          settingsStamp: '',
        };
      },
      getDeal: (r) => this.view(r.id),
      selectDeal: (r) => {
        this.find(r.id);
        this.selectedId = r.id;
        return { row: this.rowOf(r.id) };
      },
      moveStage: (r) => this.write(r, (deal) => this.moveStage(deal, r)),
      setNextAction: (r) =>
        this.write(r, (deal) => {
          this.change(deal, 'nextAction', r.nextAction);
          this.change(deal, 'nextActionDate', r.nextActionDate);
          this.change(deal, 'nextActionGoal', r.nextActionGoal);
        }),
      logInteraction: (r) =>
        this.write(r, (deal) => {
          deal.lastContact = r.date;
          deal.lastContactSummary = r.summary;
          deal.contactType = r.type;
          this.record(deal.id, 'interaction', '', `${r.type}: ${r.summary}`);
        }),
      setChecklist: (r) =>
        this.write(r, (deal) => {
          for (const field of scoringFields) this.change(deal, field, r.checklist[field]);
          this.change(deal, 'decisionMakerMet', r.decisionMakerMet);
        }),
      updateDeal: (r) =>
        this.write(r, (deal) => {
          for (const [key, value] of Object.entries(r.patch)) {
            if (value !== undefined) this.change(deal, key as keyof Deal, value as never);
          }
        }),
      createDeal: (r) => {
        const id = `OPP-${String(this.nextNumber++).padStart(6, '0')}`;
        const firstStage = this.settings.stages[0]?.name ?? 'New';
        this.deals.push(
          aDeal({
            ...r,
            id,
            owner: this.user,
            stage: firstStage,
            created: this.today,
            stageEntered: this.today,
          }),
        );
        this.record(id, 'created', '', r.name);
        return this.view(id);
      },
      myDay: () => {
        const mine = this.deals.filter((d) => d.owner === this.user && this.isOpen(d));
        const views = mine.map((d) => ({ deal: d, view: this.view(d.id) }));
        const pick = (test: (v: DealView) => boolean) =>
          views.filter(({ view }) => test(view)).map(({ deal }) => this.summary(deal));
        return {
          overdue: pick((v) => v.followUp.nextAction === 'overdue'),
          today: pick((v) => v.followUp.nextAction === 'today'),
          stale: pick((v) => v.followUp.stale !== 'fresh'),
          noNextAction: pick((v) => v.followUp.nextAction === 'none'),
        };
      },
      reviewQueue: (r) => {
        const open = this.deals.filter((d) => this.isOpen(d) && (!r.mine || d.owner === this.user));
        return {
          queue: open.map((d) => this.summary(d)),
          flagged: open.filter((d) => (this.unchangedReviews.get(d.id) ?? 0) >= 2).map((d) => d.id),
        };
      },
      reviewDeal: (r) => {
        let changed = false;
        const view = this.write(r, (deal) => {
          const before = JSON.stringify([
            deal.nextAction,
            deal.nextActionDate,
            deal.nextActionGoal,
            deal.closeDate,
          ]);
          this.change(deal, 'nextAction', r.nextAction);
          this.change(deal, 'nextActionDate', r.nextActionDate);
          this.change(deal, 'nextActionGoal', r.nextActionGoal);
          this.change(deal, 'closeDate', r.closeDate);
          changed =
            before !==
            JSON.stringify([
              deal.nextAction,
              deal.nextActionDate,
              deal.nextActionGoal,
              deal.closeDate,
            ]);
          deal.lastReviewed = this.today;
          this.record(deal.id, 'review', '', changed ? 'updated' : 'confirmed');
        });
        const streak = changed ? 0 : (this.unchangedReviews.get(r.id) ?? 0) + 1;
        this.unchangedReviews.set(r.id, streak);
        return { view, changed, flagged: streak >= 2 };
      },
    };
    return (handlers[method] as (r: RpcParsedRequest<M>) => RpcResponse<M>)(request);
  }

  /** Two reviews in a row with no change: used to set up a flagged deal. */
  markUnchangedReviews(id: string, count: number): void {
    this.unchangedReviews.set(id, count);
  }

  private bootstrap(): Bootstrap {
    return {
      language: this.language,
      user: this.user,
      today: this.today,
      currency: this.settings.currency,
      isSetUp: this.isSetUp,
      stages: this.settings.stages,
      lostReasons: this.settings.lostReasons,
      contactTypes: ['call', 'meeting', 'email', 'visit', 'demo'],
      scoringWeights: this.settings.scoringWeights,
      reminders: {
        enabled: true,
        owner: this.user,
        lastRunAt: null,
        lastRunOk: null,
        overdue: false,
      },
    };
  }

  // ---- Writes, versions and the rules ----------------------------------------------------------

  private write(request: { id: string; version: string }, apply: (deal: Deal) => void): DealView {
    const deal = this.find(request.id);
    if (this.busyLeft > 0) {
      this.busyLeft -= 1;
      throw new RuleError('BUSY', 'Another save holds the lock.');
    }
    const current = this.versionOf(deal.id);
    if (request.version !== current) {
      throw new RuleError('CONFLICT', 'The deal changed since you loaded it.', this.view(deal.id));
    }
    const draft = { ...deal };
    apply(draft);
    Object.assign(deal, draft, { updated: `${this.today}T10:00:00` });
    this.bump(deal.id);
    return this.view(deal.id);
  }

  private moveStage(deal: Deal, r: RpcParsedRequest<'moveStage'>): void {
    const stage = this.settings.stages.find((s) => s.name === r.to);
    if (!stage) throw rule('unknownStage', { stage: r.to });
    if (stage.name === deal.stage) throw rule('alreadyInStage', { stage: r.to });
    if (stage.kind === 'lost') {
      const reason = this.settings.lostReasons.find((x) => x.name === r.lostReason);
      if (!reason) throw rule('lostReasonRequired', {});
      if (reason.requiresNote && !r.lostNote?.trim()) {
        throw rule('lostNoteRequired', { reason: reason.name });
      }
      deal.lostReason = reason.name;
      deal.lostNote = r.lostNote ?? '';
    }
    if (stage.kind === 'won') {
      const amount = r.amount ?? deal.amount;
      if (amount === null || amount === undefined) throw rule('amountRequired', {});
      deal.amount = amount;
    }
    if (stage.kind !== 'open') deal.closedOn = r.closedOn ?? this.today;
    this.change(deal, 'stage', stage.name);
    deal.stageEntered = this.today;
  }

  private change<K extends keyof Deal>(deal: Deal, field: K, value: Deal[K]): void {
    if (deal[field] === value) return;
    this.record(deal.id, field, String(deal[field] ?? ''), String(value ?? ''));
    if (field === 'closeDate' && deal.closeDate && value && String(value) > deal.closeDate) {
      deal.closePushes = (deal.closePushes ?? 0) + 1;
    }
    deal[field] = value;
  }

  private record(id: string, field: string, old: string, now: string): void {
    const list = this.history.get(id) ?? [];
    list.push({ at: `${this.today}T10:00:00`, user: this.user, field, old, new: now });
    this.history.set(id, list);
  }

  // ---- Views -----------------------------------------------------------------------------------

  private view(id: string): DealView {
    const deal = this.find(id);
    const stage = this.settings.stages.find((s) => s.name === deal.stage);
    const weights = this.settings.scoringWeights;
    const total = scoringFields.reduce((sum, f) => sum + weights[f], 0);
    const items = scoringFields.map((field) => ({
      field,
      checked: deal[field],
      weight: weights[field],
      points: deal[field] ? Math.round((weights[field] / total) * 100) : 0,
    }));
    const score = items.reduce((sum, item) => sum + item.points, 0);
    const stars = score > 75 ? 3 : score > 50 ? 2 : score > 25 ? 1 : 0;
    const open = this.isOpen(deal);
    const daysInStage = deal.stageEntered ? daysBetween(deal.stageEntered, this.today) : null;
    const target = stage?.targetDays ?? null;
    const scheduled = deal.nextActionDate !== null && deal.nextActionDate > this.today;
    let stale: 'fresh' | 'amber' | 'red' = 'fresh';
    if (open && !scheduled && target !== null && daysInStage !== null) {
      if (daysInStage > target * 1.5) stale = 'red';
      else if (daysInStage > target) stale = 'amber';
    }
    const nextAction = !open
      ? 'closed'
      : !deal.nextActionDate
        ? 'none'
        : deal.nextActionDate < this.today
          ? 'overdue'
          : deal.nextActionDate === this.today
            ? 'today'
            : 'upcoming';
    return {
      deal: { ...deal, score, stars },
      version: this.versionOf(id),
      row: this.rowOf(id),
      followUp: {
        nextAction,
        stale,
        daysInStage,
        targetDays: target,
        closePushes: deal.closePushes ?? 0,
        slipping: (deal.closePushes ?? 0) >= 3,
      },
      score: { score, stars, items },
      exitCriteria: stage?.exitCriteria ?? [],
      history: this.history.get(id) ?? [],
      problems: deal.amount === null && open ? ['Amount: empty'] : [],
    };
  }

  private summary(deal: Deal): DealSummary {
    const view = this.view(deal.id);
    return {
      id: deal.id,
      name: deal.name,
      customer: deal.customer,
      stage: deal.stage,
      amount: deal.amount,
      closeDate: deal.closeDate,
      nextAction: deal.nextAction,
      nextActionDate: deal.nextActionDate,
      stale: view.followUp.stale,
      row: view.row,
    };
  }

  private isOpen(deal: Deal): boolean {
    return (
      this.settings.stages.find((s) => s.name === deal.stage)?.kind !== 'won' &&
      this.settings.stages.find((s) => s.name === deal.stage)?.kind !== 'lost'
    );
  }

  private find(id: string): Deal {
    const deal = this.deals.find((d) => d.id === id);
    if (!deal) throw new RuleError('NOT_FOUND', `No deal with ID ${id}.`);
    return deal;
  }

  private rowOf(id: string): number {
    return this.deals.findIndex((d) => d.id === id) + 2;
  }

  private versionOf(id: string): string {
    return `v${this.versions.get(id) ?? 1}`;
  }

  private bump(id: string): void {
    this.versions.set(id, (this.versions.get(id) ?? 1) + 1);
  }
}

function rule(code: string, params: Record<string, string>): RuleError {
  return new RuleError('RULE', `Rule ${code}`, { code, params });
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A valid open deal in the first stage; override what a test is about. */
export function aDeal(overrides: Partial<Deal> = {}): Deal {
  return {
    id: 'OPP-000999',
    name: 'A deal',
    customer: 'A customer',
    owner: 'ana@example.com',
    stage: 'New',
    amount: 10_000,
    probability: null,
    closeDate: '2026-12-31',
    invoiceDate: null,
    created: '2026-11-01',
    stageEntered: '2026-11-01',
    nextAction: '',
    nextActionDate: null,
    nextActionGoal: '',
    lastContact: null,
    lastContactSummary: '',
    contactType: '',
    contactName: '',
    contactEmail: '',
    contactPhone: '',
    contactRole: '',
    influence: '',
    decisionMaker: '',
    decisionMakerMet: false,
    products: '',
    monthlyBilling: null,
    units: null,
    negotiationSummary: '',
    tier: '',
    segment: '',
    competitor: '',
    lostReason: '',
    lostNote: '',
    closedOn: null,
    budget: false,
    authority: false,
    timeline: false,
    pain: false,
    fit: false,
    score: null,
    stars: null,
    closePushes: null,
    lastReviewed: null,
    updated: null,
    ...overrides,
  };
}

/** A seller's pipeline on 23 Nov 2026: something overdue, due today, stale, without next action. */
export function demoDeals(user: string, language: Language): Deal[] {
  const stage = (index: number) => defaultSettings(language).stages[index]?.name ?? 'New';
  return [
    aDeal({
      id: 'OPP-000001',
      name: 'Fleet renewal',
      customer: 'Acme Logistics',
      owner: user,
      stage: stage(1),
      amount: 48_000,
      closeDate: '2026-12-15',
      stageEntered: '2026-11-10',
      nextAction: 'Call Ana about the budget',
      nextActionDate: '2026-11-20',
      nextActionGoal: 'Confirm the budget range',
      budget: true,
      authority: true,
    }),
    aDeal({
      id: 'OPP-000002',
      name: 'Warehouse sensors',
      customer: 'Norte Foods',
      owner: user,
      stage: stage(2),
      amount: 12_500,
      closeDate: '2026-11-30',
      stageEntered: '2026-11-18',
      nextAction: 'Send the revised proposal',
      nextActionDate: '2026-11-23',
    }),
    aDeal({
      id: 'OPP-000003',
      name: 'Pilot for 3 stores',
      customer: 'Café Luna',
      owner: user,
      stage: stage(0),
      amount: 3_000,
      closeDate: '2027-01-20',
      stageEntered: '2026-11-22',
    }),
    aDeal({
      id: 'OPP-000004',
      name: 'Annual support',
      customer: 'Hierros Martín',
      owner: user,
      stage: stage(3),
      amount: 22_000,
      closeDate: '2026-12-01',
      stageEntered: '2026-11-15',
      nextAction: 'Agree the terms',
      nextActionDate: '2026-11-26',
      timeline: true,
    }),
    aDeal({
      id: 'OPP-000005',
      name: 'Printer fleet',
      customer: 'Oficinas Sol',
      owner: user,
      stage: stage(4),
      amount: 9_000,
      closeDate: '2026-11-02',
      closedOn: '2026-11-02',
    }),
    aDeal({
      id: 'OPP-000006',
      name: 'Bob’s deal',
      customer: 'Other Co',
      owner: 'bob@example.com',
      stage: stage(1),
      amount: 5_000,
      closeDate: '2026-12-20',
      nextAction: 'Demo',
      nextActionDate: '2026-11-25',
    }),
  ];
}
