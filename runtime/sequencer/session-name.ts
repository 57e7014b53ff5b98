/**
 * Session names: YYMMDDHHmm in UTC, ten ASCII digits, exactly the MoldUDP64 session field
 * (2607252236 = 2026-07-25 22:36). A new session never reuses a name: when the clock's minute is not later than
 * the previous session's, the next minute is taken.
 */
export function sessionNameAt(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}`;
}

/** Epoch ms of the minute a session name stands for (20YY); NaN when the name is not YYMMDDHHmm. */
export function sessionEpochMs(name: string): number {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(name);
  if (m === null) return NaN;
  const [yy, mo, dd, hh, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const ms = Date.UTC(2000 + yy, mo - 1, dd, hh, mi);
  return sessionNameAt(ms) === name ? ms : NaN;
}

/** The name for a session starting at `epochMs` after `previous` (or the first when previous is null). */
export function nextSessionName(epochMs: number, previous: string | null): string {
  const name = sessionNameAt(epochMs);
  if (previous === null || name > previous) return name;
  const previousMs = sessionEpochMs(previous);
  return sessionNameAt((Number.isNaN(previousMs) ? epochMs : previousMs) + 60_000);
}
