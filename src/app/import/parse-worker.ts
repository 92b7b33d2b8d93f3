/**
 * Worker-thread entry of the parallel JSON Lines import: parses and validates the pieces the main thread sends
 * ({@link parsePiece}) and hands each piece's bytes back with the result (transferred, not copied).
 */
import { serveRequests } from '../worker-service.js';
import { parsePiece, type PieceResult } from './parse-piece.js';
import type { RecordKind } from './validate-row.js';

export interface PieceRequest {
  readonly kind: RecordKind;
  readonly piece: Uint8Array<ArrayBuffer>;
  readonly firstOfFile: boolean;
}

serveRequests<PieceRequest, PieceResult>((req) => {
  const out = parsePiece(req.kind, req.piece, req.firstOfFile);
  return { body: out, transfer: [out.piece.buffer, out.extra.buffer] };
});
