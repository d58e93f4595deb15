export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move; the app reads time only through a Clock. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-23T10:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export const iso = (d: Date): string => d.toISOString();
