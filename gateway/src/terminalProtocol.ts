// The SSH terminal WebSocket's control messages (DESIGN §10). Binary frames carry
// terminal bytes both ways and are never parsed; text frames carry these JSON
// messages. Anything from the page that is not a valid message is ignored, so a
// newer page talking to an older gateway degrades gracefully.

export const MAX_DIMENSION = 1000;
// No control message is anywhere near this long; longer text is not parsed at all.
const MAX_CONTROL_TEXT = 512;

export interface ResizeMessage { type: 'resize'; cols: number; rows: number }
export type ClientMessage = ResizeMessage;

function isDimension(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_DIMENSION;
}

/** Parses one text frame from the page; null for anything that is not a valid message. */
export function parseClientMessage(text: string): ClientMessage | null {
  if (text.length > MAX_CONTROL_TEXT) return null;
  let msg: unknown;
  try { msg = JSON.parse(text); } catch { return null; }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return null;
  const m = msg as Record<string, unknown>;
  if (m.type === 'resize' && isDimension(m.cols) && isDimension(m.rows)) {
    return { type: 'resize', cols: m.cols, rows: m.rows };
  }
  return null;
}

export const READY_MESSAGE = JSON.stringify({ type: 'ready' });

export function closedMessage(reason: string): string {
  return JSON.stringify({ type: 'closed', reason });
}

// WebSocket close reasons are limited to 123 bytes of UTF-8.
export function closeReason(reason: string): string {
  const buf = Buffer.from(reason, 'utf8');
  if (buf.length <= 123) return reason;
  return buf.subarray(0, 120).toString('utf8').replace(/\uFFFD+$/, '') + '...';
}
