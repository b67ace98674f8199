// The simulated wall clock: service calls, Utilities.sleep and lock waits move it, never real time.

export class SimulatedClock {
  constructor(private ms: number) {}

  now(): number {
    return this.ms;
  }

  date(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    if (ms > 0) this.ms += ms;
  }

  /** Moves forward to an instant; never backwards (time in a test only runs one way). */
  set(ms: number): void {
    if (ms < this.ms)
      throw new Error(`The clock cannot go back from ${this.date().toISOString()}.`);
    this.ms = ms;
  }
}
