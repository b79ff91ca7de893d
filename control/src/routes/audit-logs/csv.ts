// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled,
// rows end in CRLF. A text field that a spreadsheet would run as a formula
// (= + - @ or a leading tab/CR) gets a leading apostrophe, so an audit row holding
// attacker-typed text cannot execute when the export is opened.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : typeof value === 'object' && !(value instanceof Date)
    ? JSON.stringify(value) : value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  return csvRow(columns) + rows.map((r) => csvRow(columns.map((c) => r[c]))).join('');
}
