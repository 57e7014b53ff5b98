/**
 * The node side of a TCP rewind: connects to a replayer's rewind port, logs in for the current session from a
 * sequence number (SoupBinTCP 3.00 framing, layout in protocol/frames.ts "REWIND SESSION"), and hands every
 * stream packet it receives to the same handler as the live multicast stream. The StreamReceiver above keeps
 * order and drops duplicates, so rewind and live traffic may overlap freely: no gap, no duplicate.
 *
 * The rewind ends when the replayer sends End of Session ('Z') after catching up with its tail, or when the
 * connection fails; either way the node then asks for whatever is still missing with ordinary retransmit
 * requests.
 */
import net from "node:net";
import {
  SOUP_LENGTH_SIZE,
  SOUP_LOGIN_REQUEST_LENGTH,
  SOUP_TYPE_END_OF_SESSION,
  SOUP_TYPE_LOGIN_ACCEPTED,
  SOUP_TYPE_LOGIN_REJECTED,
  SOUP_TYPE_LOGIN_REQUEST,
  SOUP_TYPE_SEQUENCED_DATA,
} from "../protocol/frames.js";

export interface RewindCounters {
  packets: number;
  bytes: number;
}

export type RewindOutcome = "complete" | "rejected" | "failed";

/** Writes a SoupBinTCP Login Request for `session` (10 bytes; null = current) from `sequence`. */
export function writeLoginRequest(session: Uint8Array | null, sequence: number): Buffer {
  const out = Buffer.alloc(SOUP_LENGTH_SIZE + SOUP_LOGIN_REQUEST_LENGTH, 0x20);
  out.writeUInt16BE(SOUP_LOGIN_REQUEST_LENGTH, 0);
  out[2] = SOUP_TYPE_LOGIN_REQUEST;
  if (session !== null) out.set(session.subarray(0, 10), 3 + 6 + 10);
  const digits = String(sequence);
  out.write(digits, 3 + 6 + 10 + 10 + 20 - digits.length, "latin1");
  return out;
}

export class TcpRewindClient {
  readonly counters: RewindCounters = { packets: 0, bytes: 0 };
  private socket: net.Socket | null = null;
  /**
   * Bytes received and not yet framed. A plain Uint8Array, not a Buffer: the packets are handed to the same
   * code as UDP datagrams (also Uint8Array), and a second receiver type there would make its element accesses
   * polymorphic, which measurably slowed every message of a rewind.
   */
  private pending = new Uint8Array(256 * 1024);
  private pendingLength = 0;
  private finished = false;

  constructor(
    private readonly address: string,
    private readonly port: number,
    private readonly fromSequence: number,
    private readonly onPacket: (buf: Uint8Array, offset: number, length: number) => void,
    private readonly onEnd: (outcome: RewindOutcome, detail: string) => void,
  ) {}

  start(): void {
    const socket = net.connect({ host: this.address, port: this.port, noDelay: true });
    this.socket = socket;
    socket.on("connect", () => socket.write(writeLoginRequest(null, this.fromSequence)));
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (e) => this.finish("failed", e.message));
    socket.on("close", () => this.finish("failed", "connection closed before End of Session"));
  }

  close(): void {
    this.finished = true;
    this.socket?.destroy();
  }

  private onData(chunk: Buffer): void {
    this.counters.bytes += chunk.length;
    if (this.pendingLength + chunk.length > this.pending.length) {
      const grown = new Uint8Array(Math.max(this.pending.length * 2, this.pendingLength + chunk.length));
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    this.pending.set(chunk, this.pendingLength);
    this.pendingLength += chunk.length;
    let position = 0;
    while (!this.finished && this.pendingLength - position >= SOUP_LENGTH_SIZE) {
      const length = (this.pending[position]! << 8) | this.pending[position + 1]!;
      if (length < 1) {
        this.finish("failed", "empty SoupBinTCP packet");
        return;
      }
      if (this.pendingLength - position - SOUP_LENGTH_SIZE < length) break;
      const type = this.pending[position + SOUP_LENGTH_SIZE];
      const payload = position + SOUP_LENGTH_SIZE + 1;
      if (type === SOUP_TYPE_SEQUENCED_DATA) {
        this.counters.packets++;
        this.onPacket(this.pending, payload, length - 1);
      } else if (type === SOUP_TYPE_LOGIN_REJECTED) {
        this.finish("rejected", `login rejected (${String.fromCharCode(this.pending[payload] ?? 0x3f)})`);
      } else if (type === SOUP_TYPE_END_OF_SESSION) {
        this.finish("complete", "");
      } else if (type !== SOUP_TYPE_LOGIN_ACCEPTED) {
        // Heartbeats and debug packets carry nothing for us.
      }
      position += SOUP_LENGTH_SIZE + length;
    }
    this.pending.copyWithin(0, position, this.pendingLength);
    this.pendingLength -= position;
  }

  private finish(outcome: RewindOutcome, detail: string): void {
    if (this.finished) return;
    this.finished = true;
    this.socket?.destroy();
    this.onEnd(outcome, detail);
  }
}
