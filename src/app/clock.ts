/** Where use cases read the time from: injectable so tests and the API can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
