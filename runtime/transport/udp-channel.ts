/**
 * One UDP socket of the UDP transport, with the three things every socket of ours needs:
 *
 *  - Sends copy the caller's bytes into a ring of preallocated buffers before handing them to the socket. Node's
 *    dgram may keep a reference to the buffer after send() returns (until the socket is bound or connected, or
 *    when the kernel queue is full), while the seam promises the caller it may reuse its buffer at once. A ring
 *    slot is reused only after `slots` more sends; if the socket still holds that many unsent datagrams the
 *    send is refused (back-pressure) instead of corrupting one.
 *  - Receives copy each datagram into one fixed buffer before the handler sees it: Node allocates a fresh
 *    buffer per datagram, and the protocol code caches one DataView per backing buffer (viewOf).
 *  - Seeded loss injection at the socket layer (the LossGenerator idea of Aeron's tests), separately on send
 *    and on receive, and counters for everything dropped. A handler that throws on a datagram is counted,
 *    never fatal: a process never dies of what it read from the network.
 */
import dgram from "node:dgram";
import { Prng } from "../util/prng.js";

export interface ChannelCounters {
  sent: number;
  /** Sends refused: socket closed or too many datagrams still queued in it. */
  sendRefused: number;
  /** Sends that failed in the kernel (reported asynchronously). */
  sendErrors: number;
  received: number;
  /** Datagrams dropped on purpose by loss injection. */
  lossDroppedSend: number;
  lossDroppedReceive: number;
  /** Datagrams whose handler threw; counted and dropped. */
  handlerErrors: number;
}

export interface LossConfig {
  /** Probability that a datagram is dropped before it is sent. */
  send?: number;
  /** Probability that a received datagram is dropped before the handler sees it. */
  receive?: number;
  /** Seed of the loss generator (each channel derives its own from it). */
  seed?: number;
}

export type ReceiveCallback = (buf: Uint8Array, length: number, address: string, port: number) => void;

const MAX_UDP_PAYLOAD = 65536;

export class UdpChannel {
  readonly socket: dgram.Socket;
  readonly counters: ChannelCounters = { sent: 0, sendRefused: 0, sendErrors: 0, received: 0, lossDroppedSend: 0, lossDroppedReceive: 0, handlerErrors: 0 };
  /** Set once the socket is bound (and connected, for a connected channel). */
  ready = false;
  closed = false;
  lastError: Error | null = null;

  private readonly ring: Buffer[];
  private ringIndex = 0;
  private readonly receiveBuffer = new Uint8Array(MAX_UDP_PAYLOAD);
  private readonly lossSend: number;
  private readonly lossReceive: number;
  private readonly prng: Prng;
  private connected = false;
  /** Sends taken before the socket was ready: ring slot, length, destination. */
  private early: { slot: Buffer; length: number; port: number; address: string }[] = [];

  constructor(
    readonly name: string,
    slots: number,
    maxDatagramLength: number,
    loss: LossConfig | undefined,
    seedSalt: number,
    private readonly onReceive: ReceiveCallback | null,
    reuseAddr = false,
  ) {
    this.socket = dgram.createSocket({ type: "udp4", reuseAddr });
    this.ring = [];
    for (let i = 0; i < slots; i++) this.ring.push(Buffer.alloc(maxDatagramLength));
    this.lossSend = loss?.send ?? 0;
    this.lossReceive = loss?.receive ?? 0;
    for (const p of [this.lossSend, this.lossReceive]) {
      if (!(p >= 0 && p < 1)) throw new Error(`loss probability must be within [0, 1), got ${p}`);
    }
    this.prng = new Prng(((loss?.seed ?? 1) ^ Math.imul(seedSalt + 1, 0x9e3779b1)) >>> 0);
    this.socket.on("error", (e) => {
      this.counters.sendErrors++;
      this.lastError = e;
    });
    if (onReceive !== null) this.socket.on("message", (msg, rinfo) => this.receive(msg, rinfo.address, rinfo.port));
  }

  /** Binds (and optionally connects) the socket, then runs `setup` (multicast options need a bound socket). */
  async open(bindAddress: string, bindPort: number, setup?: (socket: dgram.Socket) => void, connectTo?: { address: string; port: number }): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const fail = (e: Error): void => reject(new Error(`${this.name}: cannot bind ${bindAddress}:${bindPort}: ${e.message}`));
      this.socket.once("error", fail);
      this.socket.bind({ address: bindAddress, port: bindPort, exclusive: false }, () => {
        this.socket.off("error", fail);
        resolve();
      });
    });
    setup?.(this.socket);
    if (connectTo !== undefined) {
      await new Promise<void>((resolve, reject) => {
        this.socket.connect(connectTo.port, connectTo.address, (e?: Error) => (e ? reject(new Error(`${this.name}: cannot connect to ${connectTo.address}:${connectTo.port}: ${e.message}`)) : resolve()));
      });
      this.connected = true;
    }
    this.ready = true;
    const early = this.early;
    this.early = [];
    for (const e of early) this.transmit(e.slot, e.length, e.port, e.address);
  }

  /** Sends to the connected destination, or to `address:port`. Copies the bytes; false when refused. */
  send(buf: Uint8Array, offset: number, length: number, port = 0, address = ""): boolean {
    if (this.closed) return false;
    if (this.lossSend > 0 && this.prng.chance(this.lossSend)) {
      this.counters.lossDroppedSend++;
      return true; // lost on the wire, as far as the sender can tell
    }
    if (this.ready && this.socket.getSendQueueCount() >= this.ring.length - 1) {
      this.counters.sendRefused++;
      return false;
    }
    const slot = this.ring[this.ringIndex]!;
    this.ringIndex = this.ringIndex + 1 === this.ring.length ? 0 : this.ringIndex + 1;
    if (length > slot.length) {
      this.counters.sendRefused++;
      return false;
    }
    slot.set(buf.subarray(offset, offset + length));
    if (!this.ready) {
      if (this.early.length >= this.ring.length - 1) {
        this.counters.sendRefused++;
        return false;
      }
      this.early.push({ slot, length, port, address });
      return true;
    }
    return this.transmit(slot, length, port, address);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ready = false;
    try {
      this.socket.close();
    } catch {
      // already closed
    }
  }

  private transmit(slot: Buffer, length: number, port: number, address: string): boolean {
    try {
      // No completion callback: it would cost a trip back into JS per datagram. Send errors arrive as the
      // socket's 'error' event instead (counted there).
      if (this.connected) this.socket.send(slot, 0, length);
      else this.socket.send(slot, 0, length, port, address);
      this.counters.sent++;
      return true;
    } catch (e) {
      this.counters.sendErrors++;
      this.lastError = e as Error;
      return false;
    }
  }

  private receive(msg: Buffer, address: string, port: number): void {
    this.counters.received++;
    if (this.lossReceive > 0 && this.prng.chance(this.lossReceive)) {
      this.counters.lossDroppedReceive++;
      return;
    }
    const length = msg.length;
    this.receiveBuffer.set(msg);
    try {
      this.onReceive!(this.receiveBuffer, length, address, port);
    } catch (e) {
      this.counters.handlerErrors++;
      this.lastError = e as Error;
    }
  }
}

/** Adds the counters of several channels. */
export function sumCounters(channels: readonly UdpChannel[]): ChannelCounters {
  const total: ChannelCounters = { sent: 0, sendRefused: 0, sendErrors: 0, received: 0, lossDroppedSend: 0, lossDroppedReceive: 0, handlerErrors: 0 };
  for (const c of channels) {
    for (const key of Object.keys(total) as (keyof ChannelCounters)[]) total[key] += c.counters[key];
  }
  return total;
}
