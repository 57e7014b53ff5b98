/** Test nodes for the runtime tests: they record what they see and send small raw SBE commands. */
import { Message, Node, type NodeOptions, Timestamp } from "../../runtime/index.js";

export const TEST_SCHEMA_ID = 500;

/** An 8-byte SBE header (block 8, template `template`, schema 500) and a u32 value + u32 tag. */
export function command(value: number, tag = 0, template = 1): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setUint16(0, 8, true);
  v.setUint16(2, template, true);
  v.setUint16(4, TEST_SCHEMA_ID, true);
  v.setUint32(8, value, true);
  v.setUint32(12, tag, true);
  return b;
}

export function valueOf(msg: Message): number {
  return new DataView(msg.buffer.buffer, msg.buffer.byteOffset + msg.offset, msg.length).getUint32(8, true);
}

export function tagOf(msg: Message): number {
  return new DataView(msg.buffer.buffer, msg.buffer.byteOffset + msg.offset, msg.length).getUint32(12, true);
}

export interface Seen {
  sequence: number;
  account: string;
  instance: number;
  commandNumber: number;
  isMine: boolean;
  value: number;
  tag: number;
  time: bigint;
  rewinding: boolean;
}

/** Records every application message; a deterministic state (sum of values, a log) to compare replicas. */
export class RecordingNode extends Node {
  readonly seen: Seen[] = [];
  sum = 0;
  activations = 0;
  deactivations = 0;
  timers: { id: number; sequence: number; time: bigint }[] = [];
  rejected: { commandNumber: number; reason: number; text: string }[] = [];
  sessionEnds: { session: string; next: string }[] = [];

  constructor(options: NodeOptions) {
    super(options);
  }

  override handleMessage(isMine: boolean, msg: Message): void {
    if (msg.schemaId() !== TEST_SCHEMA_ID) return;
    this.sum += valueOf(msg);
    this.seen.push({
      sequence: msg.sequence,
      account: msg.account,
      instance: msg.instance,
      commandNumber: msg.commandNumber,
      isMine,
      value: valueOf(msg),
      tag: tagOf(msg),
      time: msg.timestamp.toBigInt(),
      rewinding: msg.isRewinding,
    });
  }
  override handleActivated(): void {
    this.activations++;
  }
  override handleDeactivated(): void {
    this.deactivations++;
  }
  override handleTimer(timerId: number, msg: Message): void {
    this.timers.push({ id: timerId, sequence: msg.sequence, time: msg.timestamp.toBigInt() });
  }
  override handleCommandRejected(commandNumber: number, reason: number, text: string): void {
    this.rejected.push({ commandNumber, reason, text });
  }
  override handleSessionEnd(session: string, next: string): void {
    this.sessionEnds.push({ session, next });
  }
}

export function copyTime(t: Timestamp): Timestamp {
  return new Timestamp().copyFrom(t);
}
