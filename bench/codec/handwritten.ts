/**
 * A hand-written DataView flyweight for exactly the two messages of schemas/bench.idl: the limit coralc's
 * generated code is measured against (issue 3: generated encode and decode within 1.2x of this).
 *
 * It writes the same bytes as coralc (SBE 1.0, little-endian) and offers the same calls, so the benchmark
 * drives both with identical code. What it leaves out is what only a general generator needs: no version
 * handling beyond accepting a longer acting block, no var data, no BigInt paths. What it keeps is what a
 * careful engineer keeps by hand: a decoder that checks the header and every length once in `wrap`, exact
 * 64-bit reads, range checks on encode.
 *
 * Layout (offsets from the start of the message):
 *
 *   Order (template 0x4f4e 'ON', schema 2, version 0): 101 bytes with 3 legs
 *     0  header: blockLength u16 = 50, templateId u16, schemaId u16, version u16
 *     8  clOrdId      u64          as two u32 halves, low first
 *    16  price        i64          fixed-point mantissa (4 decimals)
 *    24  stopPrice    i64          optional; null = -2^63 (low 0, high 0x80000000)
 *    32  qty          u32
 *    36  account      char[12]     US-ASCII, NUL-padded
 *    48  symbol       char[8]
 *    56  side         char         enum code
 *    57  timeInForce  char
 *    58  legs dimension: blockLength u16 = 13, count u16
 *    62  legs[j] at 62 + 13j: ratio i32 @0, symbol char[8] @4, side char @12
 *
 *   MarketDataIncremental (template 0x4d49 'MI', schema 2, version 0): 271 bytes with 10 entries
 *     8  transactTime u64;  16 matchEventIndicator u8
 *    17  entries dimension: blockLength u16 = 25, count u16
 *    21  entries[j] at 21 + 25j: price i64 @0, qty u32 @8, securityId i32 @12, rptSeq u32 @16,
 *        numberOfOrders u16 @20, priceLevel u8 @22, action char @23, entryType char @24
 */

const TWO_POW_32 = 4294967296;
/** High word of the largest safe integer: |v| <= 2^53 - 1 means high in [-2^21, 2^21 - 1]. */
const SAFE_HIGH = 0x1fffff;
const INT64_NULL_HIGH = -0x80000000;
const HEADER_LENGTH = 8;
const GROUP_HEADER_LENGTH = 4;
const SCHEMA_ID = 2;
const SCHEMA_VERSION = 0;

export class HandwrittenCodecError extends Error {}

/*
 * Failure paths are calls to these cold functions with constant strings: message building inline would add
 * bytecode to every accessor and use up V8's inlining budget (see the 64-bit note below).
 */
function badValue(field: string, value: unknown): never {
  throw new HandwrittenCodecError(`${field}: ${String(value)} is out of range`);
}

function malformed(offset: number, reason: string): never {
  throw new HandwrittenCodecError(`message at ${offset}: ${reason}`);
}

/** Writes an ASCII string NUL-padded to `length` bytes. */
function putChars(bytes: Uint8Array, at: number, s: string, length: number, field: string): void {
  const n = s.length;
  if (n > length) badValue(field, s);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7e) badValue(field, s);
    bytes[at + i] = c;
  }
  for (let i = n; i < length; i++) bytes[at + i] = 0;
}

/** Compares the NUL-padded chars at `at` with `s` without creating a string. */
function charsEqual(bytes: Uint8Array, at: number, length: number, s: string): boolean {
  const n = s.length;
  if (n > length) return false;
  for (let i = 0; i < n; i++) if (bytes[at + i] !== s.charCodeAt(i)) return false;
  return n === length || bytes[at + n] === 0;
}

/**
 * A value pre-encoded for in-place comparison: its NUL-padded bytes as little-endian 32-bit words (`length` a
 * multiple of 4 here, as both of this message's char fields are). Checked as putChars checks.
 */
function charsKey(s: string, length: number, field: string): Int32Array {
  const bytes = new Uint8Array(length);
  putChars(bytes, 0, s, length, field);
  const view = new DataView(bytes.buffer);
  const key = new Int32Array(length / 4);
  for (let i = 0; i < key.length; i++) key[i] = view.getInt32(i * 4, true);
  return key;
}

function charsLength(bytes: Uint8Array, at: number, length: number): number {
  let n = 0;
  while (n < length && bytes[at + n] !== 0) n++;
  return n;
}

/** Materializes chars with one fixed-arity String.fromCharCode call (no intermediate strings). */
function charsString(b: Uint8Array, at: number, length: number): string {
  const n = charsLength(b, at, length);
  const f = String.fromCharCode;
  const p = at;
  switch (n) {
    case 0:
      return "";
    case 1:
      return f(b[p]!);
    case 2:
      return f(b[p]!, b[p + 1]!);
    case 3:
      return f(b[p]!, b[p + 1]!, b[p + 2]!);
    case 4:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!);
    case 5:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!);
    case 6:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!);
    case 7:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!);
    case 8:
      return f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!);
    default: {
      let s = f(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!, b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!);
      for (let i = 8; i < n; i++) s += f(b[p + i]!);
      return s;
    }
  }
}

/**
 * Direct-mapped intern table: repeated values (symbols, accounts) come back as the same string object, so
 * decoding them allocates nothing once the table is warm. A collision just re-materializes.
 */
const INTERN_SLOTS = 4096;
const internStrings: string[] = new Array<string>(INTERN_SLOTS).fill("");

function charsInterned(b: Uint8Array, at: number, length: number): string {
  const n = charsLength(b, at, length);
  let h = n;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ b[at + i]!, 0x01000193);
  const slot = (h ^ (h >>> 15)) & (INTERN_SLOTS - 1);
  const cached = internStrings[slot]!;
  if (cached.length === n) {
    let i = 0;
    while (i < n && cached.charCodeAt(i) === b[at + i]) i++;
    if (i === n) return cached;
  }
  const s = charsString(b, at, length);
  internStrings[slot] = s;
  return s;
}

function checkUint(v: number, max: number, field: string): void {
  if (!(v >= 0 && v <= max && Math.floor(v) === v)) badValue(field, v);
}

function checkInt(v: number, min: number, max: number, field: string): void {
  if (!(v >= min && v <= max && Math.floor(v) === v)) badValue(field, v);
}

/*
 * 64-bit values are written and read inline in each accessor, never through a shared helper: a double passed
 * to or returned from a call that V8 does not inline is boxed into a 16-byte HeapNumber (baselines.md §1), and
 * a helper adds a call that the inlining budget may not cover. Only the cold failure paths are calls.
 */
function unsafeInteger(field: string, v: number): never {
  badValue(field, v);
}

function beyondSafe(field: string, at: number): never {
  throw new HandwrittenCodecError(`${field} at ${at}: the 64-bit value is beyond ±(2^53 - 1)`);
}

function viewOf(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

function putHeader(view: DataView, at: number, blockLength: number, templateId: number): void {
  view.setUint16(at, blockLength, true);
  view.setUint16(at + 2, templateId, true);
  view.setUint16(at + 4, SCHEMA_ID, true);
  view.setUint16(at + 6, SCHEMA_VERSION, true);
}

/** Checks the header and returns the acting block length. */
function checkHeader(view: DataView, offset: number, length: number, templateId: number, minBlock: number): number {
  if (offset < 0 || length < HEADER_LENGTH || offset + length > view.byteLength) malformed(offset, "truncated header");
  const blockLength = view.getUint16(offset, true);
  if (view.getUint16(offset + 2, true) !== templateId) malformed(offset, "unexpected template id");
  if (view.getUint16(offset + 4, true) !== SCHEMA_ID) malformed(offset, "unexpected schema id");
  if (blockLength < minBlock) malformed(offset, "block length too small");
  return blockLength;
}

// ---------------------------------------------------------------------------------------------- Order

export class OrderLegsEncoder {
  bytes: Uint8Array = new Uint8Array(0);
  view: DataView = new DataView(new ArrayBuffer(0));
  entry = 0;
  next(): this {
    this.entry += 13;
    return this;
  }
  ratio(v: number): this {
    checkInt(v, -2147483647, 2147483647, "legs.ratio");
    this.view.setInt32(this.entry, v, true);
    return this;
  }
  symbol(s: string): this {
    putChars(this.bytes, this.entry + 4, s, 8, "legs.symbol");
    return this;
  }
  side(code: number): this {
    this.bytes[this.entry + 12] = code;
    return this;
  }
}

export class OrderEncoder {
  static readonly TEMPLATE_ID = 0x4f4e;
  static readonly BLOCK_LENGTH = 50;
  private bytes: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(new ArrayBuffer(0));
  private offset = 0;
  private limit = 0;
  private readonly legsEncoder = new OrderLegsEncoder();

  /** Writes the header. Every field must then be set: this encoder does not clear the block. */
  wrap(buf: Uint8Array, offset = 0): this {
    if (buf !== this.bytes) {
      this.bytes = buf;
      this.view = viewOf(buf);
    }
    if (offset + HEADER_LENGTH + 50 > buf.length) malformed(offset, "Order does not fit");
    this.offset = offset;
    this.limit = offset + HEADER_LENGTH + 50;
    putHeader(this.view, offset, 50, 0x4f4e);
    return this;
  }
  encodedLength(): number {
    return this.limit - this.offset;
  }
  clOrdId(v: number): this {
    const at = this.offset + 8;
    if (!Number.isSafeInteger(v) || v < 0) unsafeInteger("clOrdId", v);
    const low = v >>> 0;
    this.view.setUint32(at, low, true);
    this.view.setInt32(at + 4, (v - low) / TWO_POW_32, true);
    return this;
  }
  priceRaw(v: number): this {
    const at = this.offset + 16;
    if (!Number.isSafeInteger(v)) unsafeInteger("price", v);
    const low = v >>> 0;
    this.view.setUint32(at, low, true);
    this.view.setInt32(at + 4, (v - low) / TWO_POW_32, true);
    return this;
  }
  stopPriceRaw(v: number | null): this {
    const at = this.offset + 24;
    if (v === null) {
      this.view.setUint32(at, 0, true);
      this.view.setInt32(at + 4, INT64_NULL_HIGH, true);
      return this;
    }
    if (!Number.isSafeInteger(v)) unsafeInteger("stopPrice", v);
    const low = v >>> 0;
    this.view.setUint32(at, low, true);
    this.view.setInt32(at + 4, (v - low) / TWO_POW_32, true);
    return this;
  }
  qty(v: number): this {
    checkUint(v, 4294967294, "qty");
    this.view.setUint32(this.offset + 32, v, true);
    return this;
  }
  account(s: string): this {
    putChars(this.bytes, this.offset + 36, s, 12, "account");
    return this;
  }
  symbol(s: string): this {
    putChars(this.bytes, this.offset + 48, s, 8, "symbol");
    return this;
  }
  side(code: number): this {
    this.bytes[this.offset + 56] = code;
    return this;
  }
  timeInForce(code: number): this {
    this.bytes[this.offset + 57] = code;
    return this;
  }
  legsCount(count: number): OrderLegsEncoder {
    const at = this.limit;
    checkUint(count, 65534, "legs count");
    if (at + GROUP_HEADER_LENGTH + count * 13 > this.bytes.length) malformed(at, "legs do not fit");
    this.view.setUint16(at, 13, true);
    this.view.setUint16(at + 2, count, true);
    this.limit = at + GROUP_HEADER_LENGTH + count * 13;
    const legs = this.legsEncoder;
    legs.bytes = this.bytes;
    legs.view = this.view;
    legs.entry = at + GROUP_HEADER_LENGTH - 13;
    return legs;
  }
}

export class OrderLegsDecoder {
  bytes: Uint8Array = new Uint8Array(0);
  view: DataView = new DataView(new ArrayBuffer(0));
  count = 0;
  blockLength = 13;
  first = 0;
  index = 0;
  entry = 0;
  hasNext(): boolean {
    return this.index < this.count;
  }
  next(): this {
    this.entry = this.first + this.index * this.blockLength;
    this.index++;
    return this;
  }
  ratio(): number {
    return this.view.getInt32(this.entry, true);
  }
  symbol(): string {
    return charsString(this.bytes, this.entry + 4, 8);
  }
  symbolInterned(): string {
    return charsInterned(this.bytes, this.entry + 4, 8);
  }
  symbolEquals(s: string): boolean {
    return charsEqual(this.bytes, this.entry + 4, 8, s);
  }
  static symbolKey(s: string): Int32Array {
    return charsKey(s, 8, "legs.symbol");
  }
  symbolEqualsKey(key: Int32Array): boolean {
    if (key.length !== 2) badValue("legs.symbol key", key);
    const at = this.entry + 4;
    return this.view.getInt32(at, true) === key[0] && this.view.getInt32(at + 4, true) === key[1];
  }
  side(): number {
    return this.bytes[this.entry + 12]!;
  }
}

export class OrderDecoder {
  static readonly TEMPLATE_ID = 0x4f4e;
  private bytes: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(new ArrayBuffer(0));
  private offset = 0;
  private legsAt = 0;
  private end = 0;
  private readonly legsDecoder = new OrderLegsDecoder();

  /** Checks the header and the legs' dimension against `length`; afterwards no accessor reads past the message. */
  wrap(buf: Uint8Array, offset = 0, length = buf.length - offset): this {
    if (buf !== this.bytes) {
      this.bytes = buf;
      this.view = viewOf(buf);
    }
    const view = this.view;
    const blockLength = checkHeader(view, offset, length, 0x4f4e, 50);
    const legsAt = offset + HEADER_LENGTH + blockLength;
    const end = offset + length;
    if (legsAt + GROUP_HEADER_LENGTH > end) malformed(offset, "truncated before legs");
    const legBlock = view.getUint16(legsAt, true);
    if (legBlock < 13) malformed(offset, "legs block length too small");
    const legsEnd = legsAt + GROUP_HEADER_LENGTH + legBlock * view.getUint16(legsAt + 2, true);
    if (legsEnd > end) malformed(offset, "legs run past the message");
    this.offset = offset;
    this.legsAt = legsAt;
    this.end = legsEnd;
    return this;
  }
  encodedLength(): number {
    return this.end - this.offset;
  }
  clOrdId(): number {
    const at = this.offset + 8;
    const high = this.view.getUint32(at + 4, true);
    if (high > SAFE_HIGH) beyondSafe("clOrdId", at);
    return high * TWO_POW_32 + this.view.getUint32(at, true);
  }
  priceRaw(): number {
    const at = this.offset + 16;
    const high = this.view.getInt32(at + 4, true);
    const low = this.view.getUint32(at, true);
    if (high > SAFE_HIGH || high < -SAFE_HIGH - 1 || (high === -SAFE_HIGH - 1 && low === 0)) beyondSafe("price", at);
    return high * TWO_POW_32 + low;
  }
  hasStopPrice(): boolean {
    const at = this.offset + 24;
    return !(this.view.getUint32(at, true) === 0 && this.view.getInt32(at + 4, true) === INT64_NULL_HIGH);
  }
  stopPriceRaw(): number | null {
    const at = this.offset + 24;
    // Same reads and test as hasStopPrice(), so after inlining TurboFan folds `hasStopPrice() && stopPriceRaw()`
    // into one test and the number never needs boxing to share a variable with null.
    const low = this.view.getUint32(at, true);
    const high = this.view.getInt32(at + 4, true);
    if (low === 0 && high === INT64_NULL_HIGH) return null;
    if (high > SAFE_HIGH || high < -SAFE_HIGH - 1 || (high === -SAFE_HIGH - 1 && low === 0))
      beyondSafe("stopPrice", at);
    return high * TWO_POW_32 + low;
  }
  /** The same value as a plain number, `fallback` when absent (the API coralc generates; see sbe.ts). */
  stopPriceRawOr(fallback: number): number {
    const v = this.stopPriceRaw();
    return v === null ? fallback : v;
  }
  qty(): number {
    return this.view.getUint32(this.offset + 32, true);
  }
  account(): string {
    return charsString(this.bytes, this.offset + 36, 12);
  }
  accountInterned(): string {
    return charsInterned(this.bytes, this.offset + 36, 12);
  }
  accountEquals(s: string): boolean {
    return charsEqual(this.bytes, this.offset + 36, 12, s);
  }
  static accountKey(s: string): Int32Array {
    return charsKey(s, 12, "account");
  }
  accountEqualsKey(key: Int32Array): boolean {
    if (key.length !== 3) badValue("account key", key);
    const at = this.offset + 36;
    const v = this.view;
    return v.getInt32(at, true) === key[0] && v.getInt32(at + 4, true) === key[1] && v.getInt32(at + 8, true) === key[2];
  }
  symbol(): string {
    return charsString(this.bytes, this.offset + 48, 8);
  }
  symbolInterned(): string {
    return charsInterned(this.bytes, this.offset + 48, 8);
  }
  symbolEquals(s: string): boolean {
    return charsEqual(this.bytes, this.offset + 48, 8, s);
  }
  static symbolKey(s: string): Int32Array {
    return charsKey(s, 8, "symbol");
  }
  symbolEqualsKey(key: Int32Array): boolean {
    if (key.length !== 2) badValue("symbol key", key);
    const at = this.offset + 48;
    return this.view.getInt32(at, true) === key[0] && this.view.getInt32(at + 4, true) === key[1];
  }
  side(): number {
    return this.bytes[this.offset + 56]!;
  }
  timeInForce(): number {
    return this.bytes[this.offset + 57]!;
  }
  legs(): OrderLegsDecoder {
    const legs = this.legsDecoder;
    const at = this.legsAt;
    legs.bytes = this.bytes;
    legs.view = this.view;
    legs.blockLength = this.view.getUint16(at, true);
    legs.count = this.view.getUint16(at + 2, true);
    legs.first = at + GROUP_HEADER_LENGTH;
    legs.index = 0;
    return legs;
  }
}

// ------------------------------------------------------------------------------ MarketDataIncremental

export class MarketDataIncrementalEntriesEncoder {
  bytes: Uint8Array = new Uint8Array(0);
  view: DataView = new DataView(new ArrayBuffer(0));
  entry = 0;
  next(): this {
    this.entry += 25;
    return this;
  }
  priceRaw(v: number): this {
    const at = this.entry;
    if (!Number.isSafeInteger(v)) unsafeInteger("entries.price", v);
    const low = v >>> 0;
    this.view.setUint32(at, low, true);
    this.view.setInt32(at + 4, (v - low) / TWO_POW_32, true);
    return this;
  }
  qty(v: number): this {
    checkUint(v, 4294967294, "entries.qty");
    this.view.setUint32(this.entry + 8, v, true);
    return this;
  }
  securityId(v: number): this {
    checkInt(v, -2147483647, 2147483647, "entries.securityId");
    this.view.setInt32(this.entry + 12, v, true);
    return this;
  }
  rptSeq(v: number): this {
    checkUint(v, 4294967294, "entries.rptSeq");
    this.view.setUint32(this.entry + 16, v, true);
    return this;
  }
  numberOfOrders(v: number): this {
    checkUint(v, 65534, "entries.numberOfOrders");
    this.view.setUint16(this.entry + 20, v, true);
    return this;
  }
  priceLevel(v: number): this {
    checkUint(v, 254, "entries.priceLevel");
    this.bytes[this.entry + 22] = v;
    return this;
  }
  action(code: number): this {
    this.bytes[this.entry + 23] = code;
    return this;
  }
  entryType(code: number): this {
    this.bytes[this.entry + 24] = code;
    return this;
  }
}

export class MarketDataIncrementalEncoder {
  static readonly TEMPLATE_ID = 0x4d49;
  static readonly BLOCK_LENGTH = 9;
  private bytes: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(new ArrayBuffer(0));
  private offset = 0;
  private limit = 0;
  private readonly entriesEncoder = new MarketDataIncrementalEntriesEncoder();

  wrap(buf: Uint8Array, offset = 0): this {
    if (buf !== this.bytes) {
      this.bytes = buf;
      this.view = viewOf(buf);
    }
    if (offset + HEADER_LENGTH + 9 > buf.length) malformed(offset, "MarketDataIncremental does not fit");
    this.offset = offset;
    this.limit = offset + HEADER_LENGTH + 9;
    putHeader(this.view, offset, 9, 0x4d49);
    return this;
  }
  encodedLength(): number {
    return this.limit - this.offset;
  }
  transactTime(v: number): this {
    const at = this.offset + 8;
    if (!Number.isSafeInteger(v) || v < 0) unsafeInteger("transactTime", v);
    const low = v >>> 0;
    this.view.setUint32(at, low, true);
    this.view.setInt32(at + 4, (v - low) / TWO_POW_32, true);
    return this;
  }
  matchEventIndicator(v: number): this {
    checkUint(v, 254, "matchEventIndicator");
    this.bytes[this.offset + 16] = v;
    return this;
  }
  entriesCount(count: number): MarketDataIncrementalEntriesEncoder {
    const at = this.limit;
    checkUint(count, 65534, "entries count");
    if (at + GROUP_HEADER_LENGTH + count * 25 > this.bytes.length) malformed(at, "entries do not fit");
    this.view.setUint16(at, 25, true);
    this.view.setUint16(at + 2, count, true);
    this.limit = at + GROUP_HEADER_LENGTH + count * 25;
    const entries = this.entriesEncoder;
    entries.bytes = this.bytes;
    entries.view = this.view;
    entries.entry = at + GROUP_HEADER_LENGTH - 25;
    return entries;
  }
}

export class MarketDataIncrementalEntriesDecoder {
  bytes: Uint8Array = new Uint8Array(0);
  view: DataView = new DataView(new ArrayBuffer(0));
  count = 0;
  blockLength = 25;
  first = 0;
  index = 0;
  entry = 0;
  hasNext(): boolean {
    return this.index < this.count;
  }
  next(): this {
    this.entry = this.first + this.index * this.blockLength;
    this.index++;
    return this;
  }
  priceRaw(): number {
    const at = this.entry;
    const high = this.view.getInt32(at + 4, true);
    const low = this.view.getUint32(at, true);
    if (high > SAFE_HIGH || high < -SAFE_HIGH - 1 || (high === -SAFE_HIGH - 1 && low === 0))
      beyondSafe("entries.price", at);
    return high * TWO_POW_32 + low;
  }
  qty(): number {
    return this.view.getUint32(this.entry + 8, true);
  }
  securityId(): number {
    return this.view.getInt32(this.entry + 12, true);
  }
  rptSeq(): number {
    return this.view.getUint32(this.entry + 16, true);
  }
  numberOfOrders(): number {
    return this.view.getUint16(this.entry + 20, true);
  }
  priceLevel(): number {
    return this.bytes[this.entry + 22]!;
  }
  action(): number {
    return this.bytes[this.entry + 23]!;
  }
  entryType(): number {
    return this.bytes[this.entry + 24]!;
  }
}

export class MarketDataIncrementalDecoder {
  static readonly TEMPLATE_ID = 0x4d49;
  private bytes: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(new ArrayBuffer(0));
  private offset = 0;
  private entriesAt = 0;
  private end = 0;
  private readonly entriesDecoder = new MarketDataIncrementalEntriesDecoder();

  wrap(buf: Uint8Array, offset = 0, length = buf.length - offset): this {
    if (buf !== this.bytes) {
      this.bytes = buf;
      this.view = viewOf(buf);
    }
    const view = this.view;
    const blockLength = checkHeader(view, offset, length, 0x4d49, 9);
    const entriesAt = offset + HEADER_LENGTH + blockLength;
    const end = offset + length;
    if (entriesAt + GROUP_HEADER_LENGTH > end) malformed(offset, "truncated before entries");
    const entryBlock = view.getUint16(entriesAt, true);
    if (entryBlock < 25) malformed(offset, "entries block length too small");
    const entriesEnd = entriesAt + GROUP_HEADER_LENGTH + entryBlock * view.getUint16(entriesAt + 2, true);
    if (entriesEnd > end) malformed(offset, "entries run past the message");
    this.offset = offset;
    this.entriesAt = entriesAt;
    this.end = entriesEnd;
    return this;
  }
  encodedLength(): number {
    return this.end - this.offset;
  }
  transactTime(): number {
    const at = this.offset + 8;
    const high = this.view.getUint32(at + 4, true);
    if (high > SAFE_HIGH) beyondSafe("transactTime", at);
    return high * TWO_POW_32 + this.view.getUint32(at, true);
  }
  matchEventIndicator(): number {
    return this.bytes[this.offset + 16]!;
  }
  entries(): MarketDataIncrementalEntriesDecoder {
    const entries = this.entriesDecoder;
    const at = this.entriesAt;
    entries.bytes = this.bytes;
    entries.view = this.view;
    entries.blockLength = this.view.getUint16(at, true);
    entries.count = this.view.getUint16(at + 2, true);
    entries.first = at + GROUP_HEADER_LENGTH;
    entries.index = 0;
    return entries;
  }
}
