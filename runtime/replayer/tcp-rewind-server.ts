/**
 * The replayer side of a TCP rewind (SoupBinTCP framing, layout in protocol/frames.ts "REWIND SESSION"): a late
 * joiner logs in for a session (blank = current) from a sequence number; the server sends every stored message
 * from there as whole MoldUDP64 packets in Sequenced Data packets, following the store as it grows, until it
 * reaches the tail; then End of Session and close. The node switches to the live stream, which it has been
 * buffering meanwhile, and asks for any hole in between over UDP.
 *
 * Output is written in chunks of about 64 KiB and paced by the socket's 'drain', so a slow joiner cannot make
 * the replayer buffer the whole session in memory.
 */
import net from "node:net";
import {
  MAX_DATAGRAM_LENGTH,
  SOUP_LENGTH_SIZE,
  SOUP_LOGIN_ACCEPTED_LENGTH,
  SOUP_LOGIN_REQUEST_LENGTH,
  SOUP_TYPE_END_OF_SESSION,
  SOUP_TYPE_LOGIN_ACCEPTED,
  SOUP_TYPE_LOGIN_REJECTED,
  SOUP_TYPE_LOGIN_REQUEST,
  SOUP_TYPE_SEQUENCED_DATA,
} from "../protocol/frames.js";
import { StreamPacketWriter } from "../protocol/stream-packet.js";
import type { MessageStore } from "../sequencer/message-store.js";

const CHUNK = 64 * 1024;

export interface RewindServerCounters {
  logins: number;
  rejected: number;
  completed: number;
  messagesSent: number;
  badLogins: number;
}

export class TcpRewindServer {
  readonly counters: RewindServerCounters = { logins: 0, rejected: 0, completed: 0, messagesSent: 0, badLogins: 0 };
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly findSession: (session: Uint8Array | null) => MessageStore | null) {
    this.server = net.createServer((socket) => this.onConnection(socket));
  }

  /** Listens on host:port (port 0 = any); resolves with the port. */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  close(): void {
    for (const s of this.sockets) s.destroy();
    this.server.close();
  }

  private onConnection(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let input = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      input = Buffer.concat([input, chunk]);
      if (input.length < SOUP_LENGTH_SIZE) return;
      const length = input.readUInt16BE(0);
      if (length !== SOUP_LOGIN_REQUEST_LENGTH || input[2] !== SOUP_TYPE_LOGIN_REQUEST) {
        this.counters.badLogins++;
        socket.destroy();
        return;
      }
      if (input.length < SOUP_LENGTH_SIZE + length) return;
      socket.off("data", onData);
      const session = input.subarray(3 + 16, 3 + 26);
      const digits = input.subarray(3 + 26, 3 + 46).toString("latin1").trim();
      const from = /^\d{1,16}$/.test(digits) ? Number(digits) : NaN;
      const blank = session.every((b) => b === 0x20);
      this.counters.logins++;
      const store = this.findSession(blank ? null : Uint8Array.from(session));
      if (store === null || !(from >= 1)) {
        this.counters.rejected++;
        socket.end(Buffer.from([0, 2, SOUP_TYPE_LOGIN_REJECTED, 0x53]));
        return;
      }
      this.stream(socket, store, from);
    };
    socket.on("data", onData);
  }

  private stream(socket: net.Socket, store: MessageStore, from: number): void {
    const accepted = Buffer.alloc(SOUP_LENGTH_SIZE + SOUP_LOGIN_ACCEPTED_LENGTH, 0x20);
    accepted.writeUInt16BE(SOUP_LOGIN_ACCEPTED_LENGTH, 0);
    accepted[2] = SOUP_TYPE_LOGIN_ACCEPTED;
    accepted.set(store.sessionBytes, 3);
    const digits = String(from);
    accepted.write(digits, 3 + 10 + 20 - digits.length, "latin1");
    socket.write(accepted);
    const writer = new StreamPacketWriter(MAX_DATAGRAM_LENGTH);
    let sequence = from;
    const pump = (): void => {
      try {
        pumpSome();
      } catch {
        socket.destroy(); // an archived store could not read a block (damaged file): end this rewind, not the process
      }
    };
    const pumpSome = (): void => {
      while (!socket.destroyed) {
        if (sequence > store.replayableSize()) {
          socket.end(Buffer.from([0, 1, SOUP_TYPE_END_OF_SESSION]));
          this.counters.completed++;
          return;
        }
        const chunk = Buffer.allocUnsafe(CHUNK);
        let used = 0;
        const last = store.replayableSize();
        while (sequence <= last && used + SOUP_LENGTH_SIZE + 1 + MAX_DATAGRAM_LENGTH <= CHUNK) {
          writer.begin(store.sessionBytes, sequence);
          let sent = 0;
          while (sequence <= last) {
            const blockLength = store.blockLength(sequence);
            if (!writer.fits(blockLength)) break;
            store.copyBlock(sequence, writer.buffer, writer.appendBlock(blockLength));
            sequence++;
            sent++;
          }
          this.counters.messagesSent += sent;
          const length = writer.finish();
          chunk.writeUInt16BE(length + 1, used);
          chunk[used + 2] = SOUP_TYPE_SEQUENCED_DATA;
          chunk.set(writer.buffer.subarray(0, length), used + 3);
          used += 3 + length;
        }
        if (!socket.write(chunk.subarray(0, used))) {
          socket.once("drain", pump);
          return;
        }
      }
    };
    pump();
  }
}
