const MOMENT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An ISO-8601 date-time with a time zone (Z or ±hh:mm) as a Date, or null: no date-only or
 * zone-less forms (ambiguous), and no day the calendar does not have (30 February is not
 * quietly read as 2 March).
 */
export function parseMoment(text: string): Date | null {
  const match = MOMENT.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '00', zone, sign, offsetHours, offsetMinutes] = match;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) return null;
  const offset = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const local = new Date(at.getTime() + offset * 60_000);
  const fields = [
    local.getUTCFullYear(),
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
  ];
  return fields.every((value, i) => value === Number([year, month, day, hour, minute, second][i])) ? at : null;
}
