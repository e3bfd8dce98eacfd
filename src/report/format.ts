// Small formatters shared by the human views.

// 83.5 → "1:23.5"; 3723 → "1:02:03".
export function formatClock(seconds: number): string {
  // Round to what is shown before splitting, so 59.96 reads "1:00.0", never "0:60.0".
  const clamped = Math.max(0, seconds);
  const s = clamped < 3600 ? Math.round(clamped * 10) / 10 : Math.floor(clamped);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const secText = h > 0 ? Math.floor(sec).toString().padStart(2, '0') : sec.toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${m.toString().padStart(2, '0')}:${secText}` : `${m}:${secText}`;
}

// 1536000 → "1.5 MB" (decimal units, as file managers show them).
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  // Compare what will be printed, so 999999 B reads "1.0 MB", never "1000.0 kB".
  while (unit < units.length - 1 && (unit === 0 ? value : Number(value.toFixed(1))) >= 1000) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

// 2000.4 → "2000 kb/s".
export function formatKbps(kbps: number): string {
  return `${Math.round(kbps)} kb/s`;
}

// Aligns rows of cells into columns.
export function formatTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i]!))).join('  '));
}

const ANSI = /\u001b\[[0-9;]*m/g;
function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}
function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}
