/**
 * Paces messages for the SMTP server: at most `perSecond` messages a second, evenly spaced (a message may leave
 * at `max(now, previous + 1/rate)`), with no burst after an idle stretch, which is what providers' limits expect.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { appError } from '../domain/index.js';

export interface Throttle {
  /** Resolves when the next message may go. */
  wait(): Promise<void>;
}

export interface ThrottleClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: ThrottleClock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

const UNITS: Readonly<Record<string, number>> = { s: 1, sec: 1, m: 60, min: 60, h: 3600 };

/** Parses `10/s`, `600/min`, `3000/h` or `unlimited` into messages per second (`Infinity` for unlimited). */
export function parseRate(text: string, label = 'rate'): number {
  if (text === 'unlimited') return Infinity;
  const m = /^(\d+(?:\.\d+)?)\/(s|sec|m|min|h)$/.exec(text.trim());
  const perSecond = m === null ? NaN : Number(m[1]) / (UNITS[m[2] as string] as number);
  if (!(perSecond > 0) || perSecond > 10_000) {
    throw appError('VALIDATION_FAILED', {
      detail: `${label}: "${text}" is not a rate such as 10/s, 600/min or 3000/h (more than 0, at most 10000/s), or "unlimited"`,
    });
  }
  return perSecond;
}

export function createThrottle(perSecond: number, clock: ThrottleClock = realClock): Throttle {
  if (perSecond === Infinity) return { wait: async () => undefined };
  const gap = 1000 / perSecond;
  let next = -Infinity;
  return {
    async wait() {
      const now = clock.now();
      const at = Math.max(now, next);
      next = at + gap;
      if (at > now) await clock.sleep(at - now);
    },
  };
}
