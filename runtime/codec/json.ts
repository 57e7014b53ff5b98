/**
 * Helpers for the generated toJSON()/toString() of decoders. They run only when logging, so they may allocate;
 * they never throw on odd values (a log line must not fail), which is why 64-bit values beyond the exact
 * `number` range come back as decimal strings.
 */

/** A 64-bit value for JSON: a number when exact, else its decimal string. `scale` > 0 for float(p)/double(p). */
export function int64ToJson(value: bigint, scale = 0): number | string {
  const safe = value <= 9007199254740991n && value >= -9007199254740991n;
  if (scale === 0) return safe ? Number(value) : value.toString();
  if (safe) return Number(value) / 10 ** scale;
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** An enum code for JSON: its name when the schema knows it, else the code; null stays null. */
export function jsonEnum(code: number | null, nameOf: (code: number) => string | undefined): string | number | null {
  if (code === null) return null;
  const name = nameOf(code);
  return name === undefined ? code : name;
}

/** A set mask for JSON: the names of its choices, plus the number of any bits the schema does not name. */
export function jsonSet(
  mask: number | null,
  namesOf: (mask: number) => Array<string | number>,
): Array<string | number> | null {
  return mask === null ? null : namesOf(mask);
}
