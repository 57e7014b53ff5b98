/**
 * Writing and checking stream packets (MoldUDP64, layout in frames.ts) and retransmit requests.
 * One writer per publisher, reused for every packet: no allocation per message.
 */
import { readU64BE, writeU64BE } from "./bytes.js";
import {
  MAX_DATAGRAM_LENGTH,
  MOLD_BLOCK_LENGTH_SIZE,
  MOLD_COUNT_END_OF_SESSION,
  MOLD_COUNT_HEARTBEAT,
  MOLD_COUNT_OFFSET,
  MOLD_HEADER_LENGTH,
  MOLD_MAX_COUNT,
  MOLD_SEQUENCE_OFFSET,
  MOLD_SESSION_OFFSET,
  MSG_HEADER_LENGTH,
  REQUEST_COUNT_OFFSET,
  REQUEST_LENGTH,
  REQUEST_MAX_COUNT,
  REQUEST_SEQUENCE_OFFSET,
  REQUEST_SESSION_OFFSET,
  SESSION_LENGTH,
} from "./frames.js";

/** Builds one stream packet at a time in its own buffer: begin, append blocks, finish, send, begin again. */
export class StreamPacketWriter {
  readonly buffer: Uint8Array;
  readonly view: DataView;
  private readonly maxLength: number;
  private position = MOLD_HEADER_LENGTH;
  private blocks = 0;
  private first = 0;

  constructor(maxLength = MAX_DATAGRAM_LENGTH) {
    this.maxLength = maxLength;
    this.buffer = new Uint8Array(maxLength);
    this.view = new DataView(this.buffer.buffer);
  }

  /** Starts a data packet whose first block will carry `firstSequence`. */
  begin(session: Uint8Array, firstSequence: number): void {
    this.buffer.set(session, MOLD_SESSION_OFFSET);
    this.first = firstSequence;
    this.position = MOLD_HEADER_LENGTH;
    this.blocks = 0;
  }

  count(): number {
    return this.blocks;
  }

  firstSequence(): number {
    return this.first;
  }

  /** True when a block of `length` bytes still fits. */
  fits(length: number): boolean {
    return this.position + MOLD_BLOCK_LENGTH_SIZE + length <= this.maxLength && this.blocks < MOLD_MAX_COUNT;
  }

  /** Reserves a block of `length` bytes and returns its offset in `buffer`; the caller writes the block there. */
  appendBlock(length: number): number {
    this.view.setUint16(this.position, length, false);
    const offset = this.position + MOLD_BLOCK_LENGTH_SIZE;
    this.position = offset + length;
    this.blocks++;
    return offset;
  }

  /** Writes the header; returns the packet's length. */
  finish(): number {
    writeU64BE(this.view, MOLD_SEQUENCE_OFFSET, this.first);
    this.view.setUint16(MOLD_COUNT_OFFSET, this.blocks, false);
    return this.position;
  }

  /** Writes a heartbeat (or, with `ended`, an end-of-session packet) announcing `nextSequence`; returns its length. */
  writeHeartbeat(session: Uint8Array, nextSequence: number, ended: boolean): number {
    this.buffer.set(session, MOLD_SESSION_OFFSET);
    writeU64BE(this.view, MOLD_SEQUENCE_OFFSET, nextSequence);
    this.view.setUint16(MOLD_COUNT_OFFSET, ended ? MOLD_COUNT_END_OF_SESSION : MOLD_COUNT_HEARTBEAT, false);
    this.blocks = 0;
    this.position = MOLD_HEADER_LENGTH;
    return MOLD_HEADER_LENGTH;
  }
}

/** Why a received stream packet was refused; `Ok` when it may be read. */
export const PacketCheck = {
  Ok: 0,
  TooShort: 1,
  BadSequence: 2,
  BadBlockLength: 3,
  TrailingBytes: 4,
} as const;
export type PacketCheck = (typeof PacketCheck)[keyof typeof PacketCheck];

/**
 * Checks an untrusted stream packet: header present, sequence a safe integer, every block at least a message
 * header long and inside the datagram, and nothing after the last block. Reads nothing beyond `length`.
 */
export function checkStreamPacket(view: DataView, offset: number, length: number): PacketCheck {
  if (length < MOLD_HEADER_LENGTH) return PacketCheck.TooShort;
  const sequence = readU64BE(view, offset + MOLD_SEQUENCE_OFFSET);
  if (!(sequence >= 1)) return PacketCheck.BadSequence;
  const count = view.getUint16(offset + MOLD_COUNT_OFFSET, false);
  if (count === MOLD_COUNT_HEARTBEAT || count === MOLD_COUNT_END_OF_SESSION) {
    return length === MOLD_HEADER_LENGTH ? PacketCheck.Ok : PacketCheck.TrailingBytes;
  }
  let position = offset + MOLD_HEADER_LENGTH;
  const end = offset + length;
  for (let i = 0; i < count; i++) {
    if (position + MOLD_BLOCK_LENGTH_SIZE > end) return PacketCheck.BadBlockLength;
    const blockLength = view.getUint16(position, false);
    position += MOLD_BLOCK_LENGTH_SIZE;
    if (blockLength < MSG_HEADER_LENGTH || position + blockLength > end) return PacketCheck.BadBlockLength;
    position += blockLength;
  }
  return position === end ? PacketCheck.Ok : PacketCheck.TrailingBytes;
}

/** Writes a MoldUDP64 request for `count` messages from `firstSequence`; returns its length (20). */
export function writeRequest(view: DataView, buf: Uint8Array, session: Uint8Array, firstSequence: number, count: number): number {
  buf.set(session, REQUEST_SESSION_OFFSET);
  writeU64BE(view, REQUEST_SEQUENCE_OFFSET, firstSequence);
  view.setUint16(REQUEST_COUNT_OFFSET, Math.min(count, REQUEST_MAX_COUNT), false);
  return REQUEST_LENGTH;
}

/** Reads an untrusted request's first sequence; NaN when the datagram is not a well-formed request. */
export function readRequestSequence(view: DataView, offset: number, length: number): number {
  if (length !== REQUEST_LENGTH) return NaN;
  const sequence = readU64BE(view, offset + REQUEST_SEQUENCE_OFFSET);
  const count = view.getUint16(offset + REQUEST_COUNT_OFFSET, false);
  return sequence >= 1 && count >= 1 && count <= REQUEST_MAX_COUNT ? sequence : NaN;
}

export function readRequestCount(view: DataView, offset: number): number {
  return view.getUint16(offset + REQUEST_COUNT_OFFSET, false);
}

export { SESSION_LENGTH };
