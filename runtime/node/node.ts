/**
 * A node: application logic that sends commands to the sequencer and handles every sequenced message, in
 * order. Subclass it and override the handle… methods (the CoralSequencer shape, in TypeScript):
 *
 *   class MyNode extends Node {
 *     override handleActivated() { this.sendCommand(myEncoder); }
 *     override handleMessage(isMine: boolean, msg: Message) { … }
 *   }
 *   new MyNode({ account: "NODE1", transport, clock }).open().activate();
 *
 * With a schema compiled by coralc, give the node the generated dispatcher and each message arrives in its
 * typed handler method, with the Message (metadata, isMine) as ctx:
 *
 *   class Gateway extends Node implements ExchangeHandler<Message> {
 *     constructor(o: NodeOptions) { super(o); this.setDispatcher(new ExchangeDispatcher<Message>(this)); }
 *     onFill(fill: FillDecoder, msg: Message) { … msg.isMine, msg.timestamp … }
 *   }
 *
 * The node does its periodic work (send and resend commands, ask for gaps, heartbeats, event timeouts) in
 * doWork(), which the driver calls: the test cluster's step, or the process's event loop.
 */
import type { Clock } from "../clock.js";
import {
  CoralInternalDispatcher,
  type CommandRejectedDecoder,
  type ForcePassiveDecoder,
  NodeActivateEncoder,
  NodeDeactivateEncoder,
  NodeHeartbeatEncoder,
  type SessionEndDecoder,
  SCHEMA_ID as INTERNAL_SCHEMA_ID,
  TimerCancelEncoder,
  type TimerFiredDecoder,
  TimerScheduleEncoder,
} from "../generated/internal.js";
import { bytesEqual, checkName, NameTable, nameBytes, readU64LE, viewOf } from "../protocol/bytes.js";
import {
  ACCOUNT_LENGTH,
  FLAGS_WHOLE_MESSAGE,
  MSG_FLAGS_OFFSET,
  MAX_PAYLOAD_LENGTH,
  MSG_ACCOUNT_OFFSET,
  MSG_COMMAND_NUMBER_OFFSET,
  MSG_HEADER_LENGTH,
  MSG_INSTANCE_OFFSET,
  MSG_TIMESTAMP_OFFSET,
  SBE_HEADER_LENGTH,
  SESSION_LENGTH,
} from "../protocol/frames.js";
import { readEpochNanos, Timestamp } from "../protocol/timestamp.js";
import type { Endpoint, Transport } from "../transport/transport.js";
import { StreamDigest } from "../util/stream-digest.js";
import { CommandSender } from "./command-sender.js";
import { CommandBacklog, FragmentAssembler } from "./fragments.js";
import { Message } from "./message.js";
import { StreamReceiver } from "./stream-receiver.js";
import { InternalMessages } from "./internal-messages.js";
import type { EncoderLike, MessageDispatcher, NodeOptions, NodeStats } from "./node-options.js";

export type { EncoderLike, MessageDispatcher, NodeOptions, NodeStats } from "./node-options.js";

export class Node {
  readonly account: string;
  readonly instance: number;
  /** Running digest (StreamDigest) of every message delivered (sequence number and block bytes), to compare nodes. */
  readonly hash = new StreamDigest();

  private readonly transport: Transport;
  protected readonly clock: Clock;
  private readonly accountBytes: Uint8Array;
  private readonly receiver: StreamReceiver;
  private readonly sender: CommandSender;
  private readonly backlog = new CommandBacklog();
  private readonly assembler = new FragmentAssembler();
  private readonly backlogHasRoom = (): boolean => this.sender.hasRoom();
  private readonly backlogEnqueue = (bytes: Uint8Array, offset: number, length: number, flags: number): void => {
    this.sender.enqueue(bytes, offset, length, this.active, flags);
  };
  private readonly message = new Message();
  /**
   * Every application message is handed to handleMessage from this one buffer. A transport delivers each
   * datagram in a buffer of its own, and a generated decoder makes a DataView whenever wrap() sees a new
   * buffer: copying the payload here (a hundred bytes or so) keeps decoding in place free of allocation.
   */
  private delivery = new Uint8Array(2048);
  private deliveryView = new DataView(this.delivery.buffer);
  private readonly accountNames = new NameTable(ACCOUNT_LENGTH);
  private readonly sessionNames = new NameTable(SESSION_LENGTH);
  private receivedBuffer: Uint8Array | null = null;
  private receivedView: DataView = new DataView(new ArrayBuffer(0));
  private readonly internal: CoralInternalDispatcher<Message>;
  private dispatcher: MessageDispatcher | null;

  private subscription: Endpoint | null = null;
  private commandPublication: Endpoint | null = null;
  private opened = false;
  private rewinding = true;
  private active = false;
  private wantActive = false;
  private activationSentNs = -1;
  private deactivationPending = false;
  private deactivationSentNs = -1;
  private readonly activationResendNs: number;
  private readonly heartbeatIntervalNs: number;
  private nextHeartbeatNs = 0;
  private eventDeadlineNs = -1;
  private eventDelayNs = 0;
  private delivered = 0;
  private malformedInternal = 0;
  private readonly sequencerTime = new Timestamp();

  private readonly scratch = new Uint8Array(256);
  private readonly heartbeat = new NodeHeartbeatEncoder();
  private readonly activateEncoder = new NodeActivateEncoder();
  private readonly deactivateEncoder = new NodeDeactivateEncoder();
  private readonly timerSchedule = new TimerScheduleEncoder();
  private readonly timerCancel = new TimerCancelEncoder();
  private readonly sessionScratch = new Uint8Array(SESSION_LENGTH);

  constructor(options: NodeOptions) {
    checkName("account", options.account, ACCOUNT_LENGTH);
    const instance = options.instance ?? 1;
    if (!Number.isInteger(instance) || instance < 1 || instance > 0xffff) throw new Error(`instance must be 1 to 65535, got ${instance}`);
    this.account = options.account;
    this.instance = instance;
    this.transport = options.transport;
    this.clock = options.clock;
    this.accountBytes = nameBytes(this.account, ACCOUNT_LENGTH);
    this.heartbeatIntervalNs = options.heartbeatIntervalNs ?? 1_000_000_000;
    this.activationResendNs = options.activationResendNs ?? 20_000_000;
    this.dispatcher = options.dispatcher ?? null;
    let seed = options.seed ?? instance * 7919;
    if (options.seed === undefined) for (let i = 0; i < this.account.length; i++) seed = Math.imul(seed ^ this.account.charCodeAt(i), 16777619);
    this.receiver = new StreamReceiver(this.clock, this, { seed, ...options.receiver });
    this.sender = new CommandSender(this.clock, this.accountBytes, instance, options.sender);
    this.internal = new CoralInternalDispatcher<Message>(new InternalMessages(this));
  }

  // ---- lifecycle ------------------------------------------------------------------------------------------

  /** Joins the stream and starts rewinding it from the start of the session. */
  open(): this {
    if (this.opened) return this;
    this.subscription = this.transport.openStreamSubscription({ onDatagram: (b, o, l) => this.receiver.onPacket(b, o, l) });
    this.commandPublication = this.transport.openCommandPublication();
    this.receiver.attach(this.subscription);
    this.sender.attach(this.commandPublication);
    this.opened = true;
    this.nextHeartbeatNs = this.clock.nanoTime();
    return this;
  }

  /**
   * Asks to become active. Once the node has caught up with the stream it sends an activation; it is active
   * from the point of the stream where that is sequenced, and handleActivated() is called there.
   */
  activate(): this {
    if (!this.opened) this.open();
    this.wantActive = true;
    return this;
  }

  /** Stops sending commands at once (handleDeactivated() is called) and records it on the stream. */
  deactivate(): this {
    const was = this.active || this.wantActive;
    this.wantActive = false;
    this.activationSentNs = -1;
    if (this.active) {
      this.deactivationPending = true;
      this.deactivationSentNs = -1;
    }
    this.active = false;
    if (was) this.handleDeactivated();
    return this;
  }

  /** Leaves the stream. Commands not yet sequenced stay unsent (a hot-hot peer may still send them). */
  close(): void {
    this.subscription?.close();
    this.commandPublication?.close();
    this.opened = false;
    this.active = false;
    this.wantActive = false;
  }

  /** One turn of the node's duty cycle; returns the amount of work done. */
  doWork(): number {
    if (!this.opened) return 0;
    const now = this.clock.nanoTime();
    let work = this.receiver.doWork();
    if (this.rewinding && this.receiver.isCaughtUp()) {
      this.rewinding = false;
      this.sender.syncNumbering();
    }
    if (!this.rewinding) {
      if (this.wantActive && !this.active && (this.activationSentNs < 0 || now - this.activationSentNs >= this.activationResendNs)) {
        this.sendUnnumbered(this.activateEncoder.wrap(this.scratch, 0).encodedLength());
        this.activationSentNs = now;
        work++;
      }
      if (this.deactivationPending && (this.deactivationSentNs < 0 || now - this.deactivationSentNs >= this.activationResendNs)) {
        this.sendUnnumbered(this.deactivateEncoder.wrap(this.scratch, 0).encodedLength());
        this.deactivationSentNs = now;
        work++;
      }
      if (!this.backlog.isEmpty()) work += this.backlog.drain(this.backlogHasRoom, this.backlogEnqueue);
      if (this.active) work += this.sender.doWork();
    }
    if (this.heartbeatIntervalNs > 0 && now >= this.nextHeartbeatNs) {
      this.sendUnnumbered(this.heartbeat.wrap(this.scratch, 0).active(this.active).encodedLength());
      this.nextHeartbeatNs = now + this.heartbeatIntervalNs;
      work++;
    }
    if (this.eventDeadlineNs >= 0 && now >= this.eventDeadlineNs) {
      this.eventDeadlineNs = -1;
      this.handleEventTimeout(now, this.eventDelayNs);
      work++;
    }
    return work;
  }

  // ---- calls ------------------------------------------------------------------------------------------------

  /**
   * Sends a command: a generated encoder (the bytes it wrote), or the bytes of an SBE message. The bytes are
   * copied, so the caller may reuse its buffer and encoder at once. Returns the command's number (this
   * account's 1, 2, 3 …), or 0 when a rewinding node re-issues a command the stream already shows sequenced.
   * A passive node numbers and keeps the command but does not transmit it (see CommandSender).
   */
  sendCommand(command: EncoderLike | Uint8Array, offset?: number, length?: number): number {
    if (!this.opened) throw new Error(`node ${this.account}/${this.instance} is not open`);
    if (command instanceof Uint8Array) {
      const from = offset ?? 0;
      return this.sendBytes(command, from, length ?? command.length - from);
    }
    const encoded = command.encodedLength();
    return this.sendBytes(command._buf, command._limit - encoded, encoded);
  }

  /** True while the node replays history it missed (at open): rebuild state, but cause no side effects. */
  isRewinding(): boolean {
    return this.rewinding;
  }

  isActive(): boolean {
    return this.active;
  }

  isOpen(): boolean {
    return this.opened;
  }

  /** The sequence number of the last message delivered (in the current session). */
  lastSequence(): number {
    return this.receiver.nextExpected() - 1;
  }

  /** True while an activation or deactivation has not yet come back on the stream. */
  isTransitioning(): boolean {
    return (this.wantActive && !this.active) || this.deactivationPending;
  }

  /** Commands issued and not yet seen sequenced. */
  pendingCommands(): number {
    return this.sender.pending();
  }

  /** Messages delivered since open (all sessions, runtime messages included). */
  deliveredCount(): number {
    return this.delivered;
  }

  /**
   * The sequencer's time as of the last message this node handled (the stream's clock: deterministic, the same
   * on every node at the same point of the stream). Reused object: copy it to keep it.
   */
  currentSequencerTime(): Timestamp {
    return this.sequencerTime;
  }

  /** Arms the one-shot local event timeout (replacing any armed one). Local: not part of the stream. */
  setEventTimeout(delayNs: number): void {
    this.eventDelayNs = delayNs;
    this.eventDeadlineNs = this.clock.nanoTime() + Math.max(0, delayNs);
  }

  removeEventTimeout(): void {
    this.eventDeadlineNs = -1;
  }

  /**
   * Asks the sequencer for a centralized timer: `handleTimer(timerId)` runs on every instance of this account
   * when TimerFired reaches it, at the same point of the stream everywhere. A numbered command, so hot-hot
   * instances schedule it once. Scheduling an id again replaces it.
   */
  scheduleTimer(timerId: number, delayNs: number): number {
    return this.sendCommand(this.timerSchedule.wrap(this.scratch, 0).timerId(timerId).delayNs(delayNs));
  }

  cancelTimer(timerId: number): number {
    return this.sendCommand(this.timerCancel.wrap(this.scratch, 0).timerId(timerId));
  }

  /** Sends each application message to this dispatcher (a coralc-generated one) from handleMessage. */
  setDispatcher(dispatcher: MessageDispatcher | null): void {
    this.dispatcher = dispatcher;
  }

  stats(): NodeStats {
    return {
      delivered: this.delivered,
      hash: this.hash.toHex(),
      rewinding: this.rewinding,
      active: this.active,
      pendingCommands: this.sender.pending(),
      lastSequence: this.receiver.nextExpected() - 1,
      receiver: { ...this.receiver.counters },
      sender: { ...this.sender.counters },
      malformedInternal: this.malformedInternal,
    };
  }

  // ---- callbacks: override these --------------------------------------------------------------------------

  /**
   * Every application message, in sequence order. The default passes it to the dispatcher, if any. Runtime
   * messages (schema 65001) go to the handlers below instead.
   */
  handleMessage(_isMine: boolean, msg: Message): void {
    if (this.dispatcher !== null) this.dispatcher.dispatch(msg.buffer, msg.offset, msg.length, msg);
  }

  /** The node became active (at its activation's place in the stream): a typical place to send a first command. */
  handleActivated(): void {}

  /** The node became passive (deactivate(), or forced by the sequencer); it sends no commands from now on. */
  handleDeactivated(): void {}

  /** The local one-shot event timeout fired. */
  handleEventTimeout(_nowNs: number, _delayNs: number): void {}

  /** A centralized timer of this account fired (a sequenced event). */
  handleTimer(_timerId: number, _msg: Message): void {}

  /** A clock tick from the sequencer (its time is msg.timestamp). */
  handleClockTick(_msg: Message): void {}

  /** The sequencer refused one of this account's commands (msg.commandNumber); it will not be sequenced. */
  handleCommandRejected(_commandNumber: number, _reason: number, _text: string, _msg: Message): void {}

  /**
   * An instance of some account (this node's included) became active or passive on the stream: its NodeActivate,
   * NodeDeactivate, or a ForcePassive (`forced`). Every node sees these at the same points of the stream, so a
   * warm standby can take over deterministically when it sees its primary forced passive.
   */
  handleInstanceChange(_account: string, _instance: number, _active: boolean, _forced: boolean, _msg: Message): void {}

  /** The session ended; `nextSession` is the one that follows ("" when none was announced). */
  handleSessionEnd(_session: string, _nextSession: string, _msg: Message): void {}

  // ---- internals ------------------------------------------------------------------------------------------

  /** @internal Called by the StreamReceiver for each message, in order. */
  onSequenced(sequence: number, buf: Uint8Array, blockOffset: number, blockLength: number): void {
    // Blocks arrive in one receive buffer (or the rewind's): look its DataView up only when the buffer changes.
    if (buf !== this.receivedBuffer) {
      this.receivedBuffer = buf;
      this.receivedView = viewOf(buf);
    }
    const view = this.receivedView;
    const base = buf.byteOffset + blockOffset;
    const msg = this.message;
    msg.sequence = sequence;
    msg.session = this.sessionNames.intern(this.receiver.sessionBytes(), 0);
    readEpochNanos(view, base + MSG_TIMESTAMP_OFFSET, msg.timestamp);
    this.sequencerTime.copyFrom(msg.timestamp);
    msg.account = this.accountNames.intern(buf, blockOffset + MSG_ACCOUNT_OFFSET);
    msg.commandNumber = readU64LE(view, base + MSG_COMMAND_NUMBER_OFFSET);
    msg.instance = view.getUint16(base + MSG_INSTANCE_OFFSET, true);
    msg.isMine = bytesEqual(this.accountBytes, 0, buf, blockOffset + MSG_ACCOUNT_OFFSET, ACCOUNT_LENGTH);
    msg.isRewinding = this.rewinding;
    msg.buffer = buf;
    msg.offset = blockOffset + MSG_HEADER_LENGTH;
    msg.length = blockLength - MSG_HEADER_LENGTH;
    this.delivered++;
    this.hash.updateNumber(sequence);
    this.hash.update(buf, blockOffset, blockLength);
    if (msg.isMine && msg.commandNumber > 0) this.sender.onEcho(msg.commandNumber);
    const flags = buf[blockOffset + MSG_FLAGS_OFFSET]!;
    if (flags !== FLAGS_WHOLE_MESSAGE) {
      // A fragment of a larger message (fragments.ts): delivered once whole, at its last fragment's place.
      const whole = this.assembler.add(msg.account, flags, buf, msg.offset, msg.length);
      if (whole === null) return;
      msg.buffer = whole.buffer;
      msg.offset = 0;
      msg.length = whole.length;
      this.handleMessage(msg.isMine, msg);
      return;
    }
    if (msg.length >= SBE_HEADER_LENGTH && msg.schemaId() === INTERNAL_SCHEMA_ID) {
      try {
        this.internal.dispatch(buf, msg.offset, msg.length, msg);
      } catch {
        this.malformedInternal++; // a sequenced runtime message this version cannot read: skip it
      }
      return;
    }
    this.deliverFromOwnBuffer(msg);
    this.handleMessage(msg.isMine, msg);
  }

  /** Moves msg's payload to offset 0 of `delivery` (see its comment). */
  private deliverFromOwnBuffer(msg: Message): void {
    const length = msg.length;
    if (length > this.delivery.length) {
      this.delivery = new Uint8Array(Math.max(length, this.delivery.length * 2));
      this.deliveryView = new DataView(this.delivery.buffer);
    }
    const src = msg.buffer;
    const dst = this.delivery;
    const from = msg.offset;
    // Four bytes per step through the DataViews (the source's is the one onSequenced looked up): a third of
    // the time of a byte loop, and no subarray to allocate as TypedArray.set would need.
    const srcView = this.receivedView;
    const srcBase = src.byteOffset + from;
    const dstView = this.deliveryView;
    const words = length & ~3;
    let i = 0;
    for (; i < words; i += 4) dstView.setInt32(i, srcView.getInt32(srcBase + i, true), true);
    for (; i < length; i++) dst[i] = src[from + i]!;
    msg.buffer = dst;
    msg.offset = 0;
  }

  /** @internal */
  onActivationEcho(msg: Message): void {
    this.handleInstanceChange(msg.account, msg.instance, true, false, msg);
    if (msg.isMine && msg.instance === this.instance && this.wantActive && !this.active && this.activationSentNs >= 0) {
      this.active = true;
      this.sender.rewindTransmission();
      this.handleActivated();
    }
  }

  /** @internal */
  onDeactivationEcho(msg: Message): void {
    this.handleInstanceChange(msg.account, msg.instance, false, false, msg);
    if (msg.isMine && msg.instance === this.instance) this.deactivationPending = false;
  }

  /** @internal */
  onForcePassive(d: ForcePassiveDecoder, msg: Message): void {
    this.handleInstanceChange(d.accountInterned(), d.instance(), false, true, msg);
    if (!d.accountEquals(this.account) || d.instance() !== this.instance) return;
    if (!this.active && !(this.wantActive && this.activationSentNs >= 0)) return; // history from an earlier life
    this.wantActive = false;
    this.activationSentNs = -1;
    this.active = false;
    this.handleDeactivated();
  }

  /** @internal */
  onTimerFired(d: TimerFiredDecoder, msg: Message): void {
    if (d.accountEquals(this.account)) this.handleTimer(d.timerId(), msg);
  }

  /** @internal */
  onCommandRejected(d: CommandRejectedDecoder, msg: Message): void {
    if (msg.isMine) this.handleCommandRejected(msg.commandNumber, d.reason(), d.text(), msg);
  }

  /** @internal */
  onSessionEnd(d: SessionEndDecoder, msg: Message): void {
    const length = d.getNextSession(this.sessionScratch, 0);
    this.receiver.endSession(length > 0 ? this.sessionScratch : null, 0);
    this.handleSessionEnd(msg.session, length > 0 ? d.nextSession() : "", msg);
  }

  private sendBytes(payload: Uint8Array, offset: number, length: number): number {
    if (length < SBE_HEADER_LENGTH) throw new Error(`a command must be an SBE message of ${SBE_HEADER_LENGTH} bytes or more (its header), got ${length}`);
    if (length > MAX_PAYLOAD_LENGTH || !this.backlog.isEmpty()) {
      // Larger than a datagram (sent as fragments), or behind such a one: it waits in the backlog (fragments.ts).
      // Its number is the one its last fragment will take.
      const before = this.sender.lastIssued() + this.backlog.numbersNeeded();
      return before + this.backlog.push(payload, offset, length);
    }
    return this.sender.enqueue(payload, offset, length, this.active);
  }

  private sendUnnumbered(length: number): void {
    this.sender.sendUnnumbered(this.scratch, 0, length);
  }
}
