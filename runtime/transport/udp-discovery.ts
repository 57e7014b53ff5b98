/**
 * Replayer discovery over multicast, so a node's configuration never names a replayer.
 *
 * Every replay service (a stand-alone replayer, or the sequencer's own) multicasts an ANNOUNCE packet on the
 * discovery group at start, every `announceIntervalMs`, and at once when it hears a QUERY. A node sends a QUERY
 * when it opens its stream subscription (and again while it knows no service), and keeps a directory of the
 * services it has heard. Layout in protocol/frames.ts ("DISCOVERY PACKET").
 *
 * Choice: among services heard within `expiryMs`, those of the highest priority (replayers before the
 * sequencer's own service, which is the fallback), taken in turn so that retries go to another service when one
 * stops answering. A service in the same transport (a replayer's own subscription) is never chosen.
 */
import {
  DISCOVERY_ADDRESS_OFFSET,
  DISCOVERY_LENGTH,
  DISCOVERY_MAGIC,
  DISCOVERY_MAGIC_OFFSET,
  DISCOVERY_PRIORITY_OFFSET,
  DISCOVERY_TCP_PORT_OFFSET,
  DISCOVERY_TYPE_ANNOUNCE,
  DISCOVERY_TYPE_OFFSET,
  DISCOVERY_TYPE_QUERY,
  DISCOVERY_UDP_PORT_OFFSET,
  DISCOVERY_VERSION,
  DISCOVERY_VERSION_OFFSET,
} from "../protocol/frames.js";

export interface ReplayServiceInfo {
  address: string;
  port: number;
  tcpPort: number;
  priority: number;
  lastHeardMs: number;
}

/** Writes an announce (service given) or a query (service null) into `out`; returns its length. */
export function writeDiscovery(out: Uint8Array, service: { address: string; port: number; tcpPort: number; priority: number } | null): number {
  const view = new DataView(out.buffer, out.byteOffset, DISCOVERY_LENGTH);
  out.fill(0, 0, DISCOVERY_LENGTH);
  view.setUint16(DISCOVERY_MAGIC_OFFSET, DISCOVERY_MAGIC, false);
  out[DISCOVERY_VERSION_OFFSET] = DISCOVERY_VERSION;
  out[DISCOVERY_TYPE_OFFSET] = service === null ? DISCOVERY_TYPE_QUERY : DISCOVERY_TYPE_ANNOUNCE;
  if (service !== null) {
    out[DISCOVERY_PRIORITY_OFFSET] = service.priority;
    view.setUint16(DISCOVERY_UDP_PORT_OFFSET, service.port, false);
    view.setUint16(DISCOVERY_TCP_PORT_OFFSET, service.tcpPort, false);
    const parts = service.address.split(".").map(Number);
    for (let i = 0; i < 4; i++) out[DISCOVERY_ADDRESS_OFFSET + i] = parts[i]! & 0xff;
  }
  return DISCOVERY_LENGTH;
}

export type DiscoveryPacket =
  | { type: "query" }
  | { type: "announce"; address: string; port: number; tcpPort: number; priority: number }
  | null;

/** Reads an untrusted discovery packet; null when it is not one (wrong length, magic, version or type). */
export function readDiscovery(buf: Uint8Array, length: number): DiscoveryPacket {
  if (length !== DISCOVERY_LENGTH) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, DISCOVERY_LENGTH);
  if (view.getUint16(DISCOVERY_MAGIC_OFFSET, false) !== DISCOVERY_MAGIC || buf[DISCOVERY_VERSION_OFFSET] !== DISCOVERY_VERSION) return null;
  const type = buf[DISCOVERY_TYPE_OFFSET];
  if (type === DISCOVERY_TYPE_QUERY) return { type: "query" };
  if (type !== DISCOVERY_TYPE_ANNOUNCE) return null;
  const port = view.getUint16(DISCOVERY_UDP_PORT_OFFSET, false);
  if (port === 0) return null;
  const a = DISCOVERY_ADDRESS_OFFSET;
  return {
    type: "announce",
    address: `${buf[a]}.${buf[a + 1]}.${buf[a + 2]}.${buf[a + 3]}`,
    port,
    tcpPort: view.getUint16(DISCOVERY_TCP_PORT_OFFSET, false),
    priority: buf[DISCOVERY_PRIORITY_OFFSET]!,
  };
}

/** The replay services a transport has heard of. */
export class ReplayDirectory {
  private readonly services: ReplayServiceInfo[] = [];
  private turn = 0;

  constructor(
    private readonly expiryMs: number,
    /** True for a service of this very transport (never asked by its own subscriptions). */
    private readonly isLocal: (address: string, port: number) => boolean,
  ) {}

  /** Records an announce; returns true when the service is new. */
  heard(address: string, port: number, tcpPort: number, priority: number, nowMs: number): boolean {
    for (const s of this.services) {
      if (s.port === port && s.address === address) {
        s.lastHeardMs = nowMs;
        s.tcpPort = tcpPort;
        s.priority = priority;
        return false;
      }
    }
    this.services.push({ address, port, tcpPort, priority, lastHeardMs: nowMs });
    return true;
  }

  /**
   * The next service to ask, or null when none is alive. Services of the highest priority are taken in turn;
   * every fourth call goes to any live service instead, so a replayer that is itself behind (it cannot answer
   * yet) does not stall a node while the sequencer's own service could.
   */
  choose(nowMs: number): ReplayServiceInfo | null {
    const turn = this.turn++;
    let best = -1;
    let bestCount = 0;
    let liveCount = 0;
    for (const s of this.services) {
      if (!this.usable(s, nowMs)) continue;
      liveCount++;
      if (s.priority > best) {
        best = s.priority;
        bestCount = 0;
      }
      if (s.priority === best) bestCount++;
    }
    if (liveCount === 0) return null;
    const anyPriority = turn % 4 === 3;
    let pick = anyPriority ? (turn >> 2) % liveCount : turn % bestCount;
    for (const s of this.services) {
      if (!this.usable(s, nowMs) || (!anyPriority && s.priority !== best)) continue;
      if (pick-- === 0) return s;
    }
    return null;
  }

  /** A live service that serves TCP rewinds, preferring the highest priority; null when none. */
  chooseRewinder(nowMs: number): ReplayServiceInfo | null {
    let found: ReplayServiceInfo | null = null;
    for (const s of this.services) {
      if (this.usable(s, nowMs) && s.tcpPort > 0 && (found === null || s.priority > found.priority)) found = s;
    }
    return found;
  }

  all(): readonly ReplayServiceInfo[] {
    return this.services;
  }

  private usable(s: ReplayServiceInfo, nowMs: number): boolean {
    return nowMs - s.lastHeardMs <= this.expiryMs && !this.isLocal(s.address, s.port);
  }
}
