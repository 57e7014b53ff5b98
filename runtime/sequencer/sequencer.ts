/**
 * The sequencer: single-threaded; turns the commands of every node into one totally ordered event stream.
 *
 * For each accepted command it assigns the next gap-free sequence number and its clock's timestamp, writes the
 * sequenced-message header and payload into the current stream packet (batching: a packet is sent when full
 * and at the end of each doWork, so low load adds no latency), keeps the block in the session's store for
 * gap-fills, and serves retransmit requests from that store.
 *
 * Exactly-once per account: each account's commands are numbered 1, 2, 3 … by the node; the sequencer accepts
 * only the next number (last + 1). A resend of a sequenced command (number ≤ last) is a duplicate and dropped;
 * a command after a gap (number > last + 1) is dropped too and comes back with the node's resend, in order.
 * Hot-hot instances of one account send the same numbers: the first copy is sequenced, the other dropped.
 */
import type { Clock } from "../clock.js";
import {
  CommandRejectedEncoder,
  ClockTickEncoder,
  ForcePassiveEncoder,
  RejectReason,
  SCHEMA_ID as INTERNAL_SCHEMA_ID,
  SessionEndEncoder,
  SessionStartEncoder,
  TemplateId,
  TimerCancelDecoder,
  TimerFiredEncoder,
  TimerScheduleDecoder,
} from "../generated/internal.js";
import { checkName, decodeAscii, nameBytes, readU64LE, viewOf } from "../protocol/bytes.js";
import { checkCommandPacket, CommandPacketCheck } from "../protocol/command-packet.js";
import {
  ACCOUNT_LENGTH,
  CMD_ACCOUNT_OFFSET,
  CMD_BLOCK_OVERHEAD,
  CMD_COUNT_OFFSET,
  CMD_HEADER_LENGTH,
  CMD_INSTANCE_OFFSET,
  CMD_FLAGS_OFFSET,
  FLAG_BEGIN,
  FLAGS_WHOLE_MESSAGE,
  MAX_PAYLOAD_LENGTH,
  RESERVED_SCHEMA_ID_MIN,
  SBE_HEADER_LENGTH,
  SBE_SCHEMA_ID_OFFSET,
  SBE_TEMPLATE_ID_OFFSET,
} from "../protocol/frames.js";
import { Timestamp } from "../protocol/timestamp.js";
import type { Endpoint, Transport } from "../transport/transport.js";
import { type Account, type AccountInfo, AccountTable, type InstanceState } from "./accounts.js";
import type { SequencerPersistence } from "../archive/sequencer-archive.js";
import type { MessageStore } from "./message-store.js";
import { findStore, ReplayServer } from "./replay-server.js";
import { AheadBuffer, Keep } from "./ahead-buffer.js";
import { StreamPublisher } from "./stream-publisher.js";
import { nextSessionName } from "./session-name.js";
import { TimerTable } from "./timer-table.js";
import type { SequencerCounters, SequencerListener, SequencerOptions } from "./sequencer-options.js";

export type { SequencerCounters, SequencerListener, SequencerOptions } from "./sequencer-options.js";

export class Sequencer {
  readonly account: string;
  readonly counters: SequencerCounters = {
    commandPackets: 0,
    malformedPackets: 0,
    unknownAccount: 0,
    sequenced: 0,
    duplicates: 0,
    outOfOrder: 0,
    heldAhead: 0,
    throttled: 0,
    rejected: 0,
    passiveDropped: 0,
    afterSessionEnd: 0,
    badControl: 0,
    unpersisted: 0,
  };
  private readonly persistence: SequencerPersistence | null;
  private persistenceError: Error | null = null;

  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly accountBytes: Uint8Array;
  private readonly accounts = new AccountTable();
  private readonly listener: SequencerListener;
  private readonly timers = new TimerTable();
  private readonly replayServer: ReplayServer;
  private readonly publisher: StreamPublisher;
  private sessionEnded = false;

  private heartbeatIntervalNs: number;
  private clockTickIntervalNs: number;
  private nextClockTickNs = 0;
  private throttleMaxCommands: number;
  private throttleWindowNs: number;
  private warnOnThrottle: boolean;
  private nodeTimeoutNs: number;
  private readonly maxCommandsAhead: number;

  private commandSubscription: Endpoint | null = null;
  private publication: Endpoint | null = null;
  private replayEndpoint: Endpoint | null = null;
  private opened = false;
  private active = false;

  private readonly stamp = new Timestamp();

  private readonly scratch = new Uint8Array(MAX_PAYLOAD_LENGTH);
  private readonly sessionStart = new SessionStartEncoder();
  private readonly sessionEnd = new SessionEndEncoder();
  private readonly clockTick = new ClockTickEncoder();
  private readonly timerFired = new TimerFiredEncoder();
  private readonly commandRejected = new CommandRejectedEncoder();
  private readonly forcePassiveEncoder = new ForcePassiveEncoder();
  private readonly timerSchedule = new TimerScheduleDecoder();
  private readonly timerCancel = new TimerCancelDecoder();
  private readonly fireTimer: (account: string, timerId: number) => void;

  constructor(options: SequencerOptions) {
    this.transport = options.transport;
    this.clock = options.clock;
    this.account = options.account ?? "SEQ";
    checkName("sequencer account", this.account, ACCOUNT_LENGTH);
    this.accountBytes = nameBytes(this.account, ACCOUNT_LENGTH);
    this.listener = options.listener ?? {};
    this.heartbeatIntervalNs = options.heartbeatIntervalNs ?? 100_000_000;
    this.clockTickIntervalNs = options.clockTickIntervalNs ?? 0;
    this.throttleMaxCommands = options.throttleMaxCommands ?? 0;
    this.throttleWindowNs = options.throttleWindowNs ?? 1_000_000_000;
    this.warnOnThrottle = options.warnOnThrottle ?? true;
    this.nodeTimeoutNs = options.nodeTimeoutNs ?? 0;
    this.maxCommandsAhead = options.maxCommandsAhead ?? 256;
    for (const name of options.accounts ?? []) this.addAccount(name);
    this.persistence = options.persistence ?? null;
    const persistence = this.persistence;
    this.publisher = new StreamPublisher(this.clock, undefined, persistence === null ? undefined : (name, bytes) => persistence.createStore(name, bytes));
    this.replayServer = new ReplayServer((buf, off) => findStore(this.publisher.storedSessions(), buf, off), options.maxReplayPacketsPerRequest ?? 64);
    this.fireTimer = (account, timerId) => this.publishTimerFired(account, timerId);
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------

  /** Opens the endpoints: command subscription, stream publication, replay service. */
  open(): this {
    if (this.opened) return this;
    this.publication = this.transport.openStreamPublication();
    if (this.persistence !== null) this.publication = this.persistence.wrapPublication(this.publication);
    this.publisher.attach(this.publication);
    this.commandSubscription = this.transport.openCommandSubscription({ onDatagram: (b, o, l) => this.onCommandPacket(b, o, l) });
    this.replayEndpoint = this.transport.openReplayService(this.replayServer);
    this.replayServer.attach(this.replayEndpoint);
    this.opened = true;
    return this;
  }

  /** Starts sequencing: opens the first session (SessionStart is sequence 1). */
  activate(): this {
    if (!this.opened) this.open();
    if (this.active) return this;
    this.active = true;
    this.startOrResume();
    this.flush();
    return this;
  }

  close(): void {
    this.flush();
    this.persistence?.close();
    this.commandSubscription?.close();
    this.publication?.close();
    this.replayEndpoint?.close();
    this.opened = false;
    this.active = false;
  }

  /**
   * One turn of the sequencer's duty cycle: fire due timers and clock ticks, force silent instances passive,
   * flush the current packet, and send a heartbeat when idle. Returns the amount of work done.
   */
  doWork(): number {
    if (!this.active || this.persistenceError !== null) return 0;
    const now = this.clock.nanoTime();
    let work = 0;
    if (!this.sessionEnded) {
      const before = this.counters.sequenced;
      if (this.timers.size() > 0) this.timers.fireDue(this.clock, this.fireTimer);
      if (this.clockTickIntervalNs > 0 && now >= this.nextClockTickNs) {
        this.publishInternal(this.clockTick.wrap(this.scratch, 0).encodedLength());
        this.nextClockTickNs = Math.max(this.nextClockTickNs + this.clockTickIntervalNs, now + 1);
        work++;
      }
      if (this.nodeTimeoutNs > 0) this.checkNodeTimeouts();
      work += this.counters.sequenced - before;
    }
    if (this.publisher.flush()) work++;
    else if (this.publisher.heartbeatIfIdle(this.heartbeatIntervalNs, this.sessionEnded)) work++;
    this.commitPersistence();
    return work;
  }

  // ---- administration (the CoralSequencer admin actions) ------------------------------------------------

  addAccount(name: string, options: { throttleMaxCommands?: number } = {}): void {
    const account = this.accounts.add(name);
    if (options.throttleMaxCommands !== undefined) account.maxCommandsPerWindow = options.throttleMaxCommands;
  }

  removeAccount(name: string): boolean {
    this.timers.cancelAll(name);
    return this.accounts.remove(name);
  }

  /** Forgets an account's last command number, so its numbering starts again at 1 (a node restarted without rewind). */
  resetAccount(name: string): boolean {
    const account = this.accounts.byName(name);
    if (account === null) return false;
    account.lastCommandNumber = 0;
    account.windowCount = 0;
    account.ahead?.clearAll();
    return true;
  }

  listAccounts(): AccountInfo[] {
    return this.accounts.info();
  }

  setThrottleMaxCommands(max: number): void {
    this.throttleMaxCommands = max;
  }

  setThrottleWindow(windowNs: number): void {
    if (!(windowNs > 0)) throw new Error(`throttle window must be positive, got ${windowNs}`);
    this.throttleWindowNs = windowNs;
  }

  setWarnOnThrottle(warn: boolean): void {
    this.warnOnThrottle = warn;
  }

  setClockTickInterval(intervalNs: number): void {
    this.clockTickIntervalNs = intervalNs;
    this.nextClockTickNs = this.clock.nanoTime() + intervalNs;
  }

  /** The operator's send-message: publishes an SBE message (bytes) on the stream from the sequencer's account. */
  sendMessage(payload: Uint8Array, offset = 0, length = payload.length - offset): number {
    this.requireSession("send a message");
    if (length < SBE_HEADER_LENGTH || length > MAX_PAYLOAD_LENGTH) {
      throw new Error(`a message must be ${SBE_HEADER_LENGTH} to ${MAX_PAYLOAD_LENGTH} bytes, got ${length}`);
    }
    this.publish(this.accountBytes, 0, 0, payload, offset, length);
    return this.store!.size();
  }

  /** Forces one instance of an account passive: the node sees ForcePassive and the sequencer drops its commands. */
  forcePassive(account: string, instance: number, reason = "operator"): void {
    this.requireSession("force a node passive");
    const found = this.accounts.byName(account);
    if (found === null) throw new Error(`unknown account ${account}`);
    this.forcePassiveInstance(found, found.instance(instance), reason);
  }

  /** Ends the current session: SessionEnd is its last message; commands are refused until a roll. */
  endSession(): void {
    this.requireSession("end the session");
    this.publishSessionEnd("");
    this.sessionEnded = true;
    this.flush();
    this.listener.onSession?.("end", this.store!.session);
  }

  /** Ends the current session (if still open) and starts the next one, whose sequence restarts at 1. */
  rollSession(): string {
    if (!this.active) throw new Error("cannot roll the session of a sequencer that is not active");
    const previous = this.store!.session;
    const next = nextSessionName(this.clock.epochTime(this.stamp).ms, previous);
    if (!this.sessionEnded) {
      this.publishSessionEnd(next);
      this.flush();
      this.listener.onSession?.("end", previous);
    }
    this.startSession(previous, next);
    this.flush();
    return next;
  }

  status(): { session: string; sequence: number; active: boolean; ended: boolean; accounts: number; timers: number; error: string | null } {
    return {
      error: this.persistenceError === null ? null : this.persistenceError.message,
      session: this.store?.session ?? "",
      sequence: this.store?.size() ?? 0,
      active: this.active,
      ended: this.sessionEnded,
      accounts: this.accounts.all().length,
      timers: this.timers.size(),
    };
  }

  /** The last sequence number of the current session (0 before activation). */
  lastSequence(): number {
    return this.store === null ? 0 : this.store.size();
  }

  /** The current session's name ("" before activation). */
  session(): string {
    return this.store === null ? "" : this.store.session;
  }

  /** The stored sessions, oldest first (for replay tools and tests). */
  storedSessions(): readonly MessageStore[] {
    return this.publisher.storedSessions();
  }

  publisherCounters(): StreamPublisher["counters"] {
    return this.publisher.counters;
  }

  /** The current session's store (null before activation). */
  private get store(): MessageStore | null {
    return this.publisher.store();
  }

  replayCounters(): ReplayServer["counters"] {
    return this.replayServer.counters;
  }

  // ---- commands ------------------------------------------------------------------------------------------

  private onCommandPacket(buf: Uint8Array, offset: number, length: number): void {
    this.counters.commandPackets++;
    const view = viewOf(buf);
    const base = buf.byteOffset + offset;
    const check = checkCommandPacket(view, base, length);
    if (this.persistenceError !== null) {
      this.counters.unpersisted++;
      return;
    }
    if (check !== CommandPacketCheck.Ok) {
      this.counters.malformedPackets++;
      this.listener.onReject?.("malformed-packet", "", 0, 0, `command packet refused (check ${check}), ${length} bytes`);
      return;
    }
    if (!this.active || this.sessionEnded) {
      this.counters.afterSessionEnd++;
      return;
    }
    const account = this.accounts.byBytes(buf, offset + CMD_ACCOUNT_OFFSET);
    const instanceId = view.getUint16(base + CMD_INSTANCE_OFFSET, true);
    if (account === null) {
      this.counters.unknownAccount++;
      this.listener.onReject?.("unknown-account", decodeAscii(buf, offset + CMD_ACCOUNT_OFFSET, ACCOUNT_LENGTH), instanceId, 0, "no such account");
      return;
    }
    const instance = account.instance(instanceId);
    instance.lastHeardNs = this.clock.nanoTime();
    const count = view.getUint16(base + CMD_COUNT_OFFSET, true);
    // A fragment of a larger command comes alone in its packet (checked above); its BEGIN/END bits go on the stream.
    const packetFlags = buf[offset + CMD_FLAGS_OFFSET]!;
    const flags = packetFlags === 0 ? FLAGS_WHOLE_MESSAGE : packetFlags & FLAGS_WHOLE_MESSAGE;
    let position = CMD_HEADER_LENGTH;
    for (let i = 0; i < count; i++) {
      const blockLength = view.getUint16(base + position, true);
      const commandNumber = readU64LE(view, base + position + 2);
      const payloadLength = blockLength - (CMD_BLOCK_OVERHEAD - 2);
      this.onCommand(account, instance, commandNumber, buf, offset + position + CMD_BLOCK_OVERHEAD, payloadLength, flags);
      position += 2 + blockLength;
    }
  }

  private onCommand(account: Account, instance: InstanceState, commandNumber: number, buf: Uint8Array, offset: number, length: number, flags: number): void {
    if (commandNumber === 0) {
      this.onControl(account, instance, buf, offset, length);
      return;
    }
    if (commandNumber <= account.lastCommandNumber) {
      account.duplicates++;
      this.counters.duplicates++;
      return;
    }
    const next = account.lastCommandNumber + 1;
    if (commandNumber !== next) {
      // Fragments are not held ahead (the ahead buffer keeps whole commands only): they come back with the resend.
      const kept = this.maxCommandsAhead > 0 && flags === FLAGS_WHOLE_MESSAGE ? this.aheadOf(account).keep(commandNumber, instance.instance, buf, offset, length, next) : Keep.OutOfWindow;
      if (kept === Keep.Kept) this.counters.heldAhead++;
      else if (kept === Keep.AlreadyHeld) {
        account.duplicates++;
        this.counters.duplicates++;
      } else {
        account.outOfOrder++;
        this.counters.outOfOrder++;
      }
      return;
    }
    this.sequenceNext(account, instance, commandNumber, buf, offset, length, flags);
    if (account.lastCommandNumber === commandNumber && account.ahead !== null) this.drainAhead(account);
  }

  /** Sequences the commands held ahead that now follow without a gap. */
  private drainAhead(account: Account): void {
    const ahead = account.ahead!;
    for (;;) {
      const next = account.lastCommandNumber + 1;
      const index = ahead.find(next);
      if (index < 0) return;
      this.sequenceNext(account, account.instance(ahead.instanceAt(index)), next, ahead.bufferAt(index), 0, ahead.lengthAt(index));
      if (account.lastCommandNumber !== next) return; // throttled, or its instance was forced passive: keep it
      ahead.clear(index);
    }
  }

  private aheadOf(account: Account): AheadBuffer {
    if (account.ahead === null) account.ahead = new AheadBuffer(this.maxCommandsAhead);
    return account.ahead;
  }

  /** The account's next command: checked, then sequenced, rejected, or (throttled, passive) left for later. */
  private sequenceNext(account: Account, instance: InstanceState, commandNumber: number, buf: Uint8Array, offset: number, length: number, flags = FLAGS_WHOLE_MESSAGE): void {
    if (instance.forcedPassive) {
      this.counters.passiveDropped++;
      return;
    }
    if (this.isThrottled(account)) return;

    const view = viewOf(buf);
    const base = buf.byteOffset + offset;
    if (flags !== FLAGS_WHOLE_MESSAGE) {
      // A fragment: only the first one starts with the SBE header, and a fragmented message is never a runtime request.
      if (length > MAX_PAYLOAD_LENGTH || ((flags & FLAG_BEGIN) !== 0 && (length < SBE_HEADER_LENGTH || view.getUint16(base + SBE_SCHEMA_ID_OFFSET, true) >= RESERVED_SCHEMA_ID_MIN))) {
        this.reject(account, instance, commandNumber, RejectReason.Malformed, `fragment of ${length} bytes is malformed`);
        return;
      }
      account.lastCommandNumber = commandNumber;
      account.sequenced++;
      this.counters.sequenced++;
      this.publish(account.nameBytes, instance.instance, commandNumber, buf, offset, length, flags);
      return;
    }
    if (length < SBE_HEADER_LENGTH || view.getUint16(base, true) + SBE_HEADER_LENGTH > length) {
      this.reject(account, instance, commandNumber, RejectReason.Malformed, `payload of ${length} bytes is not an SBE message`);
      return;
    }
    if (length > MAX_PAYLOAD_LENGTH) {
      this.reject(account, instance, commandNumber, RejectReason.TooLarge, `payload of ${length} bytes exceeds ${MAX_PAYLOAD_LENGTH}`);
      return;
    }
    const schemaId = view.getUint16(base + SBE_SCHEMA_ID_OFFSET, true);
    if (schemaId >= RESERVED_SCHEMA_ID_MIN && !this.onInternalRequest(account, instance, commandNumber, schemaId, buf, offset, length)) return;

    account.lastCommandNumber = commandNumber;
    account.sequenced++;
    this.counters.sequenced++;
    this.publish(account.nameBytes, instance.instance, commandNumber, buf, offset, length);
  }

  /** A numbered command of the runtime's own schema (timers). Returns false when it was rejected. */
  private onInternalRequest(account: Account, instance: InstanceState, commandNumber: number, schemaId: number, buf: Uint8Array, offset: number, length: number): boolean {
    const templateId = viewOf(buf).getUint16(buf.byteOffset + offset + SBE_TEMPLATE_ID_OFFSET, true);
    try {
      if (schemaId === INTERNAL_SCHEMA_ID && templateId === TemplateId.TimerSchedule) {
        const request = this.timerSchedule.wrap(buf, offset, length);
        const delayNs = request.delayNs();
        if (delayNs < 0) throw new Error(`negative timer delay ${delayNs}`);
        this.timers.schedule(account.name, request.timerId(), this.clock.nanoTime() + delayNs);
        return true;
      }
      if (schemaId === INTERNAL_SCHEMA_ID && templateId === TemplateId.TimerCancel) {
        this.timers.cancel(account.name, this.timerCancel.wrap(buf, offset, length).timerId());
        return true;
      }
    } catch (e) {
      this.reject(account, instance, commandNumber, RejectReason.Malformed, (e as Error).message);
      return false;
    }
    this.reject(account, instance, commandNumber, RejectReason.UnknownRequest, `schema ${schemaId} template ${templateId} is not a request`);
    return false;
  }

  /** Unnumbered commands: heartbeats and (de)activation, idempotent; each is published. */
  private onControl(account: Account, instance: InstanceState, buf: Uint8Array, offset: number, length: number): void {
    const view = viewOf(buf);
    const base = buf.byteOffset + offset;
    if (length < SBE_HEADER_LENGTH || view.getUint16(base + SBE_SCHEMA_ID_OFFSET, true) !== INTERNAL_SCHEMA_ID) {
      this.counters.badControl++;
      this.listener.onReject?.("bad-control", account.name, instance.instance, 0, "an unnumbered command must be a runtime message");
      return;
    }
    switch (view.getUint16(base + SBE_TEMPLATE_ID_OFFSET, true)) {
      case TemplateId.NodeHeartbeat:
        break;
      // (De)activations are published every time they arrive, even when nothing changes: a restarted instance
      // must see its activation echoed although the sequencer still has it active from its earlier life.
      case TemplateId.NodeActivate:
        instance.active = true;
        instance.forcedPassive = false;
        break;
      case TemplateId.NodeDeactivate:
        instance.active = false;
        break;
      default:
        this.counters.badControl++;
        this.listener.onReject?.("bad-control", account.name, instance.instance, 0, "unknown unnumbered command");
        return;
    }
    this.publish(account.nameBytes, instance.instance, 0, buf, offset, length);
  }

  private isThrottled(account: Account): boolean {
    const max = account.maxCommandsPerWindow ?? this.throttleMaxCommands;
    if (max <= 0 || account.takeThrottleSlot(this.clock.nanoTime(), max, this.throttleWindowNs)) return false;
    this.counters.throttled++;
    if (this.warnOnThrottle && account.firstThrottleInWindow()) this.listener.onThrottle?.(account.name, max, this.throttleWindowNs);
    return true;
  }

  private reject(account: Account, instance: InstanceState, commandNumber: number, reason: RejectReason, text: string): void {
    account.lastCommandNumber = commandNumber; // consumed: the echo is the reject, so the node stops resending
    account.rejected++;
    this.counters.rejected++;
    this.listener.onReject?.("rejected", account.name, instance.instance, commandNumber, text);
    const length = this.commandRejected
      .wrap(this.scratch, 0)
      .account(account.name)
      .instance(instance.instance)
      .commandNumber(commandNumber)
      .reason(reason)
      .text(text.slice(0, 200))
      .encodedLength();
    this.publish(account.nameBytes, instance.instance, commandNumber, this.scratch, 0, length);
  }

  private checkNodeTimeouts(): void {
    const now = this.clock.nanoTime();
    const accounts = this.accounts.all();
    for (let a = 0; a < accounts.length; a++) {
      const account = accounts[a]!;
      for (let i = 0; i < account.instances.length; i++) {
        const instance = account.instances[i]!;
        if (instance.active && !instance.forcedPassive && instance.lastHeardNs >= 0 && now - instance.lastHeardNs > this.nodeTimeoutNs) {
          this.forcePassiveInstance(account, instance, "heartbeat timeout");
        }
      }
    }
  }

  private forcePassiveInstance(account: Account, instance: InstanceState, reason: string): void {
    instance.active = false;
    instance.forcedPassive = true;
    const length = this.forcePassiveEncoder.wrap(this.scratch, 0).account(account.name).instance(instance.instance).reason(reason).encodedLength();
    this.publishInternal(length);
  }

  // ---- publishing ----------------------------------------------------------------------------------------

  private publishTimerFired(account: string, timerId: number): void {
    this.publishInternal(this.timerFired.wrap(this.scratch, 0).account(account).timerId(timerId).encodedLength());
  }

  private publishSessionEnd(next: string): void {
    this.publishInternal(this.sessionEnd.wrap(this.scratch, 0).session(this.store!.session).nextSession(next).encodedLength());
  }

  private startSession(previous: string | null, name?: string): void {
    const session = name ?? nextSessionName(this.clock.epochTime(this.stamp).ms, previous);
    this.publisher.startSession(session);
    this.sessionEnded = false;
    this.publishInternal(this.sessionStart.wrap(this.scratch, 0).session(session).previousSession(previous ?? "").encodedLength());
    if (this.clockTickIntervalNs > 0) this.nextClockTickNs = this.clock.nanoTime() + this.clockTickIntervalNs;
    this.listener.onSession?.("start", session);
  }

  /** Publishes the internal message encoded in `scratch` from the sequencer's account. */
  private publishInternal(length: number): void {
    this.publish(this.accountBytes, 0, 0, this.scratch, 0, length);
  }

  private publish(account: Uint8Array, instance: number, commandNumber: number, payload: Uint8Array, offset: number, length: number, flags: number = FLAGS_WHOLE_MESSAGE): void {
    this.publisher.publish(account, instance, commandNumber, payload, offset, length, flags);
  }

  /** Sends the current packet, if any (with persistence: after the batch is committed). */
  flush(): void {
    this.publisher.flush();
    this.commitPersistence();
  }

  /** The archive's failure that stopped this sequencer, or null. */
  persistenceFailure(): Error | null {
    return this.persistenceError;
  }

  /** Continues the session recovered from the archive, or starts a new one (after the recovered one, if ended). */
  private startOrResume(): void {
    const recovered = this.persistence === null ? null : this.persistence.recover();
    if (recovered === null || recovered.ended || recovered.store === null) {
      this.startSession(recovered === null ? null : recovered.session);
      return;
    }
    this.publisher.resumeSession(recovered.store, recovered.lastTimestamp);
    this.sessionEnded = false;
    // The duplicate filter as it was: a node's resend of a command already in the archive is dropped.
    for (const [name, last] of recovered.lastCommandNumbers) {
      if (name === this.account) continue;
      const account = this.accounts.byName(name) ?? this.accounts.add(name);
      if (last > account.lastCommandNumber) account.lastCommandNumber = last;
    }
    if (this.clockTickIntervalNs > 0) this.nextClockTickNs = this.clock.nanoTime() + this.clockTickIntervalNs;
    this.listener.onSession?.("start", recovered.session);
  }

  /** Commits the batch to the archive, which then releases its packets; a failure stops the sequencer. */
  private commitPersistence(): void {
    if (this.persistence === null || this.persistenceError !== null) return;
    try {
      this.persistence.commit();
    } catch (e) {
      this.persistenceError = e as Error;
      this.listener.onReject?.("persistence-failed", this.account, 0, 0, `${(e as Error).message}; the sequencer stopped accepting commands`);
    }
  }

  private requireSession(action: string): void {
    if (this.persistenceError !== null) throw new Error(`cannot ${action}: the sequencer stopped: ${this.persistenceError.message}`);
    if (!this.active || this.store === null) throw new Error(`cannot ${action}: the sequencer is not active`);
    if (this.sessionEnded) throw new Error(`cannot ${action}: session ${this.store.session} has ended`);
  }
}
