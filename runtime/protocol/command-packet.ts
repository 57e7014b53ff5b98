/**
 * Writing and checking command packets (node → sequencer, layout in frames.ts). Batching: one packet carries as
 * many commands of one node instance as fit.
 */
import { copyBytes, readU64LE, writeU64LE } from "./bytes.js";
import {
  ACCOUNT_LENGTH,
  CMD_ACCOUNT_OFFSET,
  CMD_BLOCK_LENGTH_SIZE,
  CMD_BLOCK_NUMBER_SIZE,
  CMD_BLOCK_OVERHEAD,
  CMD_COUNT_OFFSET,
  CMD_FLAG_FRAGMENT,
  CMD_FLAGS_OFFSET,
  CMD_HEADER_LENGTH,
  CMD_INSTANCE_OFFSET,
  CMD_MAGIC,
  CMD_MAGIC_OFFSET,
  CMD_VERSION,
  CMD_VERSION_OFFSET,
  MAX_DATAGRAM_LENGTH,
} from "./frames.js";

export class CommandPacketWriter {
  readonly buffer: Uint8Array;
  readonly view: DataView;
  private readonly maxLength: number;
  private position = CMD_HEADER_LENGTH;
  private blocks = 0;

  constructor(account: Uint8Array, instance: number, maxLength = MAX_DATAGRAM_LENGTH) {
    this.maxLength = maxLength;
    this.buffer = new Uint8Array(maxLength);
    this.view = new DataView(this.buffer.buffer);
    this.view.setUint16(CMD_MAGIC_OFFSET, CMD_MAGIC, true);
    this.buffer[CMD_VERSION_OFFSET] = CMD_VERSION;
    this.buffer.set(account.subarray(0, ACCOUNT_LENGTH), CMD_ACCOUNT_OFFSET);
    this.view.setUint16(CMD_INSTANCE_OFFSET, instance, true);
  }

  count(): number {
    return this.blocks;
  }

  fits(payloadLength: number): boolean {
    return this.position + CMD_BLOCK_OVERHEAD + payloadLength <= this.maxLength && this.blocks < 0xffff;
  }

  /** Appends one command (copying its payload). */
  append(commandNumber: number, payload: Uint8Array, payloadOffset: number, payloadLength: number): void {
    this.view.setUint16(this.position, CMD_BLOCK_NUMBER_SIZE + payloadLength, true);
    writeU64LE(this.view, this.position + CMD_BLOCK_LENGTH_SIZE, commandNumber);
    const at = this.position + CMD_BLOCK_OVERHEAD;
    copyBytes(payload, payloadOffset, this.buffer, at, payloadLength);
    this.position = at + payloadLength;
    this.blocks++;
  }

  /**
   * Marks the packet as one fragment (`flags` = CMD_FLAG_FRAGMENT with the BEGIN/END bits); the packet must then
   * hold exactly that one block. Reset to 0 by finish().
   */
  setFragmentFlags(flags: number): void {
    this.buffer[CMD_FLAGS_OFFSET] = flags;
  }

  /** Writes the count; returns the packet's length. The writer is then reset for the next packet. */
  finish(): number {
    this.view.setUint16(CMD_COUNT_OFFSET, this.blocks, true);
    const length = this.position;
    this.position = CMD_HEADER_LENGTH;
    this.blocks = 0;
    return length;
  }

  /** Clears the fragment flags once the packet that carried them was sent. */
  clearFragmentFlags(): void {
    this.buffer[CMD_FLAGS_OFFSET] = 0;
  }
}

/** Why a received command packet was refused as a whole. */
export const CommandPacketCheck = {
  Ok: 0,
  TooShort: 1,
  BadMagic: 2,
  BadVersion: 3,
  BadCount: 4,
  BadBlockLength: 5,
  TrailingBytes: 6,
  BadCommandNumber: 7,
  BadFlags: 8,
} as const;
export type CommandPacketCheck = (typeof CommandPacketCheck)[keyof typeof CommandPacketCheck];

/** Checks the framing of an untrusted command packet (not the account: the sequencer looks that up). */
export function checkCommandPacket(view: DataView, offset: number, length: number): CommandPacketCheck {
  if (length < CMD_HEADER_LENGTH) return CommandPacketCheck.TooShort;
  if (view.getUint16(offset + CMD_MAGIC_OFFSET, true) !== CMD_MAGIC) return CommandPacketCheck.BadMagic;
  if (view.getUint8(offset + CMD_VERSION_OFFSET) !== CMD_VERSION) return CommandPacketCheck.BadVersion;
  const count = view.getUint16(offset + CMD_COUNT_OFFSET, true);
  if (count === 0) return CommandPacketCheck.BadCount;
  const flags = view.getUint8(offset + CMD_FLAGS_OFFSET);
  if (flags !== 0 && ((flags & 0x1f) !== 0 || (flags & CMD_FLAG_FRAGMENT) === 0 || count !== 1)) return CommandPacketCheck.BadFlags;
  let position = offset + CMD_HEADER_LENGTH;
  const end = offset + length;
  for (let i = 0; i < count; i++) {
    if (position + CMD_BLOCK_LENGTH_SIZE > end) return CommandPacketCheck.BadBlockLength;
    const blockLength = view.getUint16(position, true);
    if (blockLength < CMD_BLOCK_NUMBER_SIZE || position + CMD_BLOCK_LENGTH_SIZE + blockLength > end) {
      return CommandPacketCheck.BadBlockLength;
    }
    if (!(readU64LE(view, position + CMD_BLOCK_LENGTH_SIZE) >= 0)) return CommandPacketCheck.BadCommandNumber;
    position += CMD_BLOCK_LENGTH_SIZE + blockLength;
  }
  return position === end ? CommandPacketCheck.Ok : CommandPacketCheck.TrailingBytes;
}
