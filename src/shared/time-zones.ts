// Wall-clock times in a named time zone (IANA), converted to and from UTC with the runtime's ICU.

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one.
const zoneParts = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = zoneParts.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneParts.set(zone, format);
  }
  return format;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds that the zone is ahead of UTC at the given instant. */
function offsetAt(instant: number, zone: string): number {
  const parts = Object.fromEntries(
    partsFormat(zone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - (instant - (instant % 1000));
}

/** "2026-03-01T17:00" in "Africa/Nairobi" → ISO UTC instant; undefined when the input is not a valid time. */
export function zonedToUtc(local: string, zone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m || !isTimeZone(zone)) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(naive) || new Date(naive).getUTCDate() !== d) return undefined;
  // Two passes settle the offset across daylight-saving transitions.
  let instant = naive - offsetAt(naive, zone);
  instant = naive - offsetAt(instant, zone);
  return new Date(instant).toISOString();
}

/** ISO UTC instant → "YYYY-MM-DDTHH:mm" wall-clock time in the zone (for form fields). */
export function utcToZoned(iso: string, zone: string): string {
  const instant = Date.parse(iso);
  return new Date(instant + offsetAt(instant, zone)).toISOString().slice(0, 16);
}
