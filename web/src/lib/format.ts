// Display helpers: times in the user's timezone, sizes, durations, API errors in words.
import { ApiError } from './api';
import { i18n, t } from './i18n/index.svelte';

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(i18n.locale, { hour12: false });
}

export function dateOnly(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(i18n.locale);
}

/** "12 s ago", "3 min ago", ... */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return t('common.never');
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return t('time.secondsAgo', { n: s });
  if (s < 3600) return t('time.minutesAgo', { n: Math.floor(s / 60) });
  if (s < 86400) return t('time.hoursAgo', { n: Math.floor(s / 3600) });
  return t('time.daysAgo', { n: Math.floor(s / 86400) });
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${h > 0 ? `${h}:` : ''}${pad(m)}:${pad(s % 60)}`;
}

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export function gpus(model: string | null | undefined, count: number | null | undefined): string {
  if (!count) return '—';
  return `${count} × ${model ?? 'GPU'}`;
}

/** The API's own `msg` when there is one; otherwise words for the kind of failure. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === -1) return t('error.network');
    if (e.message) return e.message;
    return t('error.http', { status: e.status });
  }
  return e instanceof Error ? e.message : String(e);
}
