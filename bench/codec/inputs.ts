/**
 * The benchmark's input set: 1024 orders and 1024 market-data updates, generated from a fixed seed so every run
 * and every codec sees exactly the same values. Messages are plain objects of ONE shape per type: the optional
 * `stopPrice` is always present (`null` when absent), because objects that sometimes lack a property make V8's
 * property loads polymorphic and box doubles (baselines.md §1), which would charge every codec for the input.
 *
 * Enum fields carry the wire code of the schema's char enums (66 = 'B'), the form coralc's API takes.
 * 64-bit values are JS numbers below 2^53; prices are fixed-point mantissas (4 decimals) above 2^32.
 */

export const INPUT_COUNT = 1024;
/** Index mask for cycling through the inputs: `k & INPUT_MASK`. */
export const INPUT_MASK = INPUT_COUNT - 1;

export interface Leg {
  ratio: number;
  symbol: string;
  side: number;
}

export interface Order {
  clOrdId: number;
  price: number;
  stopPrice: number | null;
  qty: number;
  account: string;
  symbol: string;
  side: number;
  timeInForce: number;
  legs: Leg[];
}

export interface MdEntry {
  price: number;
  qty: number;
  securityId: number;
  rptSeq: number;
  numberOfOrders: number;
  priceLevel: number;
  action: number;
  entryType: number;
}

export interface MarketDataIncremental {
  transactTime: number;
  matchEventIndicator: number;
  entries: MdEntry[];
}

export type MessageName = "order" | "marketData";
export const MESSAGE_NAMES: readonly MessageName[] = ["order", "marketData"];

export const SIDE_CODES = [0x42, 0x53] as const; // 'B', 'S'
export const TIME_IN_FORCE_CODES = [0x30, 0x31, 0x33, 0x34] as const; // '0' '1' '3' '4'
export const UPDATE_ACTION_CODES = [0x30, 0x31, 0x32] as const;
export const ENTRY_TYPE_CODES = [0x30, 0x31, 0x32] as const;

const SYMBOLS = ["AAPL", "MSFT", "GOOGL", "BRK.B", "ESZ6", "NQH7", "TSLA", "AMZN", "NVDA", "CLZ6", "EURUSD", "ZNH27"];
const ACCOUNT_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
const TWO_POW_32 = 4294967296;

/** mulberry32: a tiny, well-mixed 32-bit PRNG; good enough for varied, reproducible test data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function account(random: () => number): string {
  // 10 to 12 characters: some fill chars(12) completely, some are NUL-padded.
  const length = intBetween(random, 10, 12);
  let s = "";
  for (let i = 0; i < length; i++) s += ACCOUNT_CHARS[Math.floor(random() * ACCOUNT_CHARS.length)];
  return s;
}

export function makeOrders(seed = 0x5eed0001): Order[] {
  const random = seededRandom(seed);
  const orders: Order[] = [];
  for (let i = 0; i < INPUT_COUNT; i++) {
    const price = TWO_POW_32 + Math.floor(random() * 2 ** 40);
    const legs: Leg[] = [];
    for (let j = 0; j < 3; j++) {
      let ratio = intBetween(random, -10, 10);
      if (ratio === 0) ratio = 1;
      legs.push({ ratio, symbol: pick(random, SYMBOLS), side: pick(random, SIDE_CODES) });
    }
    orders.push({
      clOrdId: 2 ** 40 + Math.floor(random() * 2 ** 50),
      price,
      stopPrice: random() < 0.5 ? null : price - Math.floor(random() * 10_000_000),
      // Mostly ordinary sizes, sometimes above 2^31 so uint32 handling is exercised.
      qty: random() < 0.1 ? intBetween(random, 2 ** 31, 2 ** 32 - 2) : intBetween(random, 1, 1_000_000),
      account: account(random),
      symbol: pick(random, SYMBOLS),
      side: pick(random, SIDE_CODES),
      timeInForce: pick(random, TIME_IN_FORCE_CODES),
      legs,
    });
  }
  return orders;
}

export function makeMarketData(seed = 0x5eed0002): MarketDataIncremental[] {
  const random = seededRandom(seed);
  const updates: MarketDataIncremental[] = [];
  let rptSeq = 1_000_000;
  for (let i = 0; i < INPUT_COUNT; i++) {
    const entries: MdEntry[] = [];
    for (let j = 0; j < 10; j++) {
      entries.push({
        price: TWO_POW_32 + Math.floor(random() * 2 ** 36),
        qty: intBetween(random, 0, 5_000_000),
        securityId: intBetween(random, -5, 2_000_000),
        rptSeq: rptSeq++,
        numberOfOrders: intBetween(random, 0, 65_534),
        priceLevel: intBetween(random, 1, 10),
        action: pick(random, UPDATE_ACTION_CODES),
        entryType: pick(random, ENTRY_TYPE_CODES),
      });
    }
    updates.push({
      transactTime: 1_790_000_000_000_000 + i * 1_000 + intBetween(random, 0, 999),
      matchEventIndicator: intBetween(random, 0, 254),
      entries,
    });
  }
  return updates;
}

/**
 * Folds a 64-bit value (a number below 2^53) into 32 bits using both halves, so a codec that gets the high
 * word wrong changes the checksum. Plain arithmetic on doubles: nothing is allocated when inlined.
 */
export function fold64(v: number): number {
  return (v | 0) ^ ((v / TWO_POW_32) | 0);
}

/**
 * The decode checksum of an order, from any object with the Order's fields (the form most peers decode into).
 * Every field is read; a string field counts 1 when it equals the expected input's. Codecs with accessors
 * (coralc, the flyweight, flatbuffers) compute the same value field by field; before timing, the harness
 * checks each codec's checksum against this one over the whole input set.
 *
 * Each step is `(Math.imul(acc, 31) + field) | 0`, the same value as `(acc * 31 + field) | 0` but always one
 * integer multiply. With `acc * 31`, TurboFan used an integer multiply only where it could prove `acc` an
 * int32 across the loop; in the accessor-based decoders' loops it could not, and each step became int→double,
 * a double multiply and double→int: about 16 cycles of dependent latency per field, 280 of the 450 ns the
 * market-data decode measured. That was the harness's cost, not the codec's, and it varied with the shape of
 * the consumer's loop, so every codec now pays the same small one.
 */
export function orderChecksum(m: Order, expected: Order): number {
  let acc = fold64(m.clOrdId);
  acc = (Math.imul(acc, 31) + fold64(m.price)) | 0;
  const stop = m.stopPrice;
  acc = (Math.imul(acc, 31) + (stop === null ? 7 : fold64(stop))) | 0;
  acc = (Math.imul(acc, 31) + m.qty) | 0;
  acc = (Math.imul(acc, 31) + (m.account === expected.account ? 1 : 0)) | 0;
  acc = (Math.imul(acc, 31) + (m.symbol === expected.symbol ? 1 : 0)) | 0;
  acc = (Math.imul(acc, 31) + m.side) | 0;
  acc = (Math.imul(acc, 31) + m.timeInForce) | 0;
  const legs = m.legs;
  const expectedLegs = expected.legs;
  for (let j = 0; j < legs.length; j++) {
    const leg = legs[j]!;
    acc = (Math.imul(acc, 31) + leg.ratio) | 0;
    acc = (Math.imul(acc, 31) + (leg.symbol === expectedLegs[j]!.symbol ? 1 : 0)) | 0;
    acc = (Math.imul(acc, 31) + leg.side) | 0;
  }
  return acc;
}

/** The decode checksum of a market-data update; see orderChecksum. */
export function marketDataChecksum(m: MarketDataIncremental): number {
  let acc = fold64(m.transactTime);
  acc = (Math.imul(acc, 31) + m.matchEventIndicator) | 0;
  const entries = m.entries;
  for (let j = 0; j < entries.length; j++) {
    const e = entries[j]!;
    acc = (Math.imul(acc, 31) + fold64(e.price)) | 0;
    acc = (Math.imul(acc, 31) + e.qty) | 0;
    acc = (Math.imul(acc, 31) + e.securityId) | 0;
    acc = (Math.imul(acc, 31) + e.rptSeq) | 0;
    acc = (Math.imul(acc, 31) + e.numberOfOrders) | 0;
    acc = (Math.imul(acc, 31) + e.priceLevel) | 0;
    acc = (Math.imul(acc, 31) + e.action) | 0;
    acc = (Math.imul(acc, 31) + e.entryType) | 0;
  }
  return acc;
}
