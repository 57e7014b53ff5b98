/**
 * The one error type of the codec: every encode and decode failure throws it.
 *
 * `field` is the dotted path of what was being read or written ("NewOrder.legs.ratio"), `offset` the absolute
 * byte offset in the buffer where the problem was found; both also appear in the message, so a log line alone
 * is enough to locate the fault.
 */
export class CodecError extends Error {
  override readonly name = "CodecError";
  readonly field: string;
  readonly offset: number;
  readonly reason: string;

  constructor(field: string, offset: number, reason: string) {
    super(`${field} at offset ${offset}: ${reason}`);
    this.field = field;
    this.offset = offset;
    this.reason = reason;
  }
}

// The functions below are the cold paths of generated code. Generated accessors call them only after a failed
// check, so the accessors stay small (V8 inlines small functions) and the message is built only when needed.

/** Throws a CodecError; `never` lets the caller's control flow end here. */
export function codecFail(field: string, offset: number, reason: string): never {
  throw new CodecError(field, offset, reason);
}

/** A value that does not fit its field on the wire. */
export function rangeFail(field: string, offset: number, value: unknown, expected: string): never {
  throw new CodecError(field, offset, `${describe(value)} is out of range (expected ${expected})`);
}

/** A write or read that does not fit in the buffer or message. */
export function capacityFail(field: string, offset: number, needed: number, available: number): never {
  throw new CodecError(field, offset, `needs ${needed} bytes but only ${Math.max(0, available)} remain`);
}

/** A 64-bit wire value read through a `number` accessor that cannot hold it exactly. */
export function int64Fail(field: string, offset: number, value: number): never {
  throw new CodecError(
    field,
    offset,
    `value ${value} is beyond ±(2^53 − 1) and cannot be read exactly as a number; use the …Big() accessor`,
  );
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  return String(value);
}
