import type { Context, Next } from 'koa';

// Browser-side hardening for everything control serves. The web app loads only its
// own bundle (asciinema-player needs WebAssembly, xterm sets inline styles) and talks
// only to its own origin; no page of ours may be framed.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function securityHeaders(ctx: Context, next: Next) {
  await next();
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Frame-Options', 'DENY');
  if (ctx.response.is('html')) ctx.set('Content-Security-Policy', CSP);
}
