import type { Response } from 'express';
import type { Principal } from '../app/auth.js';

/** What the middleware chain learns about a request, kept on `res.locals` under one typed view. */
export interface RequestLocals {
  requestId: string;
  startedAt: number;
  principal?: Principal;
}

export function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}
