// Proves what the Sent log decides (never twice, unconfirmed claims listed once, trimming keeps what is needed) and the Run log row.
import { describe, expect, it } from 'vitest';
import {
  inFlightMs,
  logPreamble,
  parseRunReport,
  parseSentEntries,
  type RunReport,
  runId,
  runLogRow,
  runStartMs,
  runWords,
  type SentEntry,
  sentLogRow,
  sentState,
  trimPlan,
} from '../../src/domain/reminder-log';
import { d } from './builders';

const nowMs = Date.UTC(2026, 10, 24, 8, 30);
const earlier = runId(nowMs - 3_600_000);

function anEntry(overrides: Partial<SentEntry> = {}): SentEntry {
  return {
    time: '2026-11-24 08:20:00',
    key: 'digest:ana@example.com:2026-11-24',
    status: 'sent',
    covers: [],
    run: earlier,
    to: 'ana@example.com',
    subject: '2 opportunities need you today',
    ...overrides,
  };
}

describe('the Sent log', () => {
  it('never lets a sent key go again, and lets a failed or released one be tried again', () => {
    const entries = [
      anEntry({ key: 'a', status: 'claimed' }),
      anEntry({ key: 'a', status: 'sent' }),
      anEntry({ key: 'b', status: 'claimed' }),
      anEntry({ key: 'b', status: 'failed' }),
      anEntry({ key: 'c', status: 'claimed' }),
      anEntry({ key: 'c', status: 'released' }),
      anEntry({ key: 'd', status: 'failed' }),
      anEntry({ key: 'd', status: 'claimed' }),
      anEntry({ key: 'd', status: 'sent' }),
    ];
    const state = sentState(entries, nowMs);
    expect([...state.done].sort()).toEqual(['a', 'd']);
    expect(state.orphans).toEqual([]);
  });

  it('treats a claim never confirmed as done and lists it once, unless its run may still be sending', () => {
    const orphan = anEntry({ key: 'e', status: 'claimed' });
    expect(sentState([orphan], nowMs)).toEqual({ done: new Set(['e']), orphans: [orphan] });
    const listed = anEntry({ key: 'e', status: 'unconfirmed' });
    expect(sentState([orphan, listed], nowMs)).toEqual({ done: new Set(['e']), orphans: [] });
    const inFlight = anEntry({
      key: 'f',
      status: 'claimed',
      run: runId(nowMs - inFlightMs + 1000),
    });
    expect(sentState([inFlight], nowMs)).toEqual({ done: new Set(['f']), orphans: [] });
  });

  it('settles the deal-level keys a claim covered, unless the email failed', () => {
    const covers = ['escalated:OPP-1:Negotiation:2026-10-01'];
    const claimed = anEntry({ key: 'escalation:m:2026-11-24', status: 'claimed', covers });
    const sent = anEntry({ key: 'escalation:m:2026-11-24', status: 'sent' });
    expect(sentState([claimed, sent], nowMs).done).toEqual(
      new Set(['escalation:m:2026-11-24', ...covers]),
    );
    const failed = anEntry({ key: 'escalation:m:2026-11-24', status: 'failed' });
    expect(sentState([claimed, failed], nowMs).done).toEqual(new Set());
  });

  it('writes every cell as text and reads back what it wrote, skipping rows it cannot read', () => {
    const entry = anEntry({ subject: '=HYPERLINK("x")', covers: ['k1', 'k2'] });
    const row = sentLogRow(entry);
    expect(row[6]).toBe(`'${entry.subject}`);
    // What Sheets stores: text, the apostrophe the rule put before risky text dropped.
    const stored = row.map((cell) => (cell.startsWith("'") ? cell.slice(1) : cell));
    expect(parseSentEntries([stored, ['', '', ''], ['2026', 'k', 'maybe']])).toEqual([entry]);
  });

  it('drops rows older than 90 days, carrying forward the deal keys still needed', () => {
    const old = (key: string, covers: string[] = []) =>
      anEntry({ time: '2026-08-01 08:00:00', key, status: 'claimed', covers });
    const entries = [
      old('escalation:m:2026-08-01', [
        'escalated:A:Negotiation:2026-07-01',
        'escalated:B:New:2026-07-20',
      ]),
      anEntry({ time: '2026-08-01 08:00:05', key: 'escalation:m:2026-08-01', status: 'sent' }),
      old('digest:ana@example.com:2026-08-01'),
      anEntry({ time: '2026-11-20 08:00:00', key: 'digest:ana@example.com:2026-11-20' }),
    ];
    const stillNeeded = (key: string) => key === 'escalated:A:Negotiation:2026-07-01';
    expect(trimPlan(entries, d('2026-11-24'), stillNeeded)).toEqual({
      drop: 3,
      carry: ['escalated:A:Negotiation:2026-07-01'],
    });
    expect(trimPlan(entries.slice(3), d('2026-11-24'), stillNeeded)).toEqual({
      drop: 0,
      carry: [],
    });
  });

  it('starts with a notice saying it is generated, then its header, in the file language', () => {
    expect(logPreamble('sentLog', 'es')[0]?.[0]).toMatch(/^Generado por Opportunity Tracker/);
    expect(logPreamble('runLog', 'en')[1]).toContain('May not have been delivered');
  });
});

describe('the Run log', () => {
  it('reads back the row it writes, numbers as numbers and text kept as text', () => {
    const report: RunReport = {
      started: '2026-11-24 08:20:00',
      finished: '2026-11-24 08:20:09',
      from: 'ana@example.com',
      sent: 4,
      deferred: 1,
      failed: 0,
      unconfirmed: 2,
      problems: ['The daily email quota ran out', '+2 may not have arrived'],
      next: '2026-11-25 08:00:00',
      details: 'line 1\nline 2',
    };
    const row = runLogRow(report);
    const stored = row.map((cell) =>
      typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : cell,
    );
    expect(parseRunReport(stored)).toEqual(report);
    expect(parseRunReport(['Started', 'Finished'])).toBeNull();
  });

  it('keeps a run id that tells when the run started', () => {
    expect(runStartMs(runId(nowMs + 0.75))).toBe(nowMs);
    expect(runStartMs('run-?')).toBeNull();
  });
});

describe("the Run log's words", () => {
  it('says every outcome in English and Spanish, with its figures and names', () => {
    for (const language of ['en', 'es'] as const) {
      const words = runWords(language);
      const lines = [
        words.deferred('quota', 'ana · digest'),
        words.deferred('time', 'ana · digest'),
        words.failed('Service error', 'ana · digest'),
        words.unconfirmed('2026-11-24 08:00', 'ana · digest'),
        words.skipped(1, 2, 3),
        words.quotaOut(4),
        words.outOfTime(5),
        words.failures(6),
        words.mayNotHaveArrived(7),
        words.notDue('08:00'),
        words.stoppedOther('luis@example.com'),
        words.jobFailed('metrics', 'boom'),
        words.jobLater('metrics'),
        words.failedRun('boom'),
        words.trimmed(8, 'Run log'),
      ];
      expect(lines.slice(0, 4).every((line) => line.includes('ana · digest'))).toBe(true);
      for (const [i, figure] of ['1', '4', '5', '6', '7', '08:00', 'luis@example.com'].entries())
        expect(lines[i + 4]).toContain(figure);
      expect(lines.slice(11).every((line) => /metrics|boom|8/.test(line))).toBe(true);
      for (const fixed of [words.busy, words.paused, words.stoppedOff, words.noTracker])
        expect(fixed.length).toBeGreaterThan(10);
    }
    expect(runWords('es').busy).not.toBe(runWords('en').busy);
  });
});
