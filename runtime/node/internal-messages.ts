/**
 * Routes the runtime's own messages (session end, clock ticks, activation echoes, timers, rejects) to the node
 * that dispatches them, kept apart so they do not crowd Node's public methods.
 */
import {
  CoralInternalHandlerBase,
  type CommandRejectedDecoder,
  type ForcePassiveDecoder,
  type SessionEndDecoder,
  type TimerFiredDecoder,
} from "../generated/internal.js";
import type { Message } from "./message.js";
import type { Node } from "./node.js";

export class InternalMessages extends CoralInternalHandlerBase<Message> {
  constructor(private readonly node: Node) {
    super();
  }
  override onSessionEnd(d: SessionEndDecoder, msg: Message): void {
    this.node.onSessionEnd(d, msg);
  }
  override onClockTick(_d: unknown, msg: Message): void {
    this.node.handleClockTick(msg);
  }
  override onNodeActivate(_d: unknown, msg: Message): void {
    this.node.onActivationEcho(msg);
  }
  override onNodeDeactivate(_d: unknown, msg: Message): void {
    this.node.onDeactivationEcho(msg);
  }
  override onForcePassive(d: ForcePassiveDecoder, msg: Message): void {
    this.node.onForcePassive(d, msg);
  }
  override onTimerFired(d: TimerFiredDecoder, msg: Message): void {
    this.node.onTimerFired(d, msg);
  }
  override onCommandRejected(d: CommandRejectedDecoder, msg: Message): void {
    this.node.onCommandRejected(d, msg);
  }
}
