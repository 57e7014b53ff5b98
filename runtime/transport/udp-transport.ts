/**
 * The UDP transport: the event stream over IP multicast, commands and retransmit requests over UDP unicast,
 * replayers found by multicast discovery, late joiners rewound over TCP. It moves opaque datagrams through the
 * seam in transport.ts; every protocol rule (sequencing, gaps, resends, dedupe) stays in the code above it.
 *
 *   endpoint                 socket(s)
 *   stream publication       bound to interface:0, multicast interface + TTL + loopback set, connected to
 *                            streamGroup:streamPort
 *   stream subscription      (a) reuseAddr, bound to streamGroup:streamPort, member of the group on `interface`;
 *                            (b) unicast, bound to interface:0: sends retransmit requests to a discovered replay
 *                            service and receives its answers (so a repair reaches this node only)
 *   command publication      unicast, connected to commandHost:commandPort
 *   command subscription     unicast, bound to commandHost:commandPort
 *   replay service           unicast, bound to interface:replayPort, announced on the discovery group
 *   (discovery)              one per transport: reuseAddr, bound to discoveryGroup:discoveryPort
 *
 * Safe defaults: the multicast interface is always set (127.0.0.1 unless configured; without it a datagram
 * leaves by the default route), TTL 0 (never leaves the host), receive buffers of 4 MiB requested and the size
 * the kernel granted reported (warnings[]) when it is smaller.
 *
 * Opening is asynchronous underneath (bind, connect), while the seam's open calls are synchronous: datagrams
 * sent before a socket is ready wait in its ring and go out once it is. `await transport.ready()` before
 * relying on it (the CLI and tests do).
 */
import { TcpRewindClient } from "./tcp-rewind-client.js";
import type { DatagramHandler, Endpoint, Transport } from "./transport.js";
import { type ChannelCounters, type LossConfig, sumCounters, UdpChannel } from "./udp-channel.js";
import { readDiscovery, ReplayDirectory, writeDiscovery } from "./udp-discovery.js";

export interface UdpTransportConfig {
  kind: "udp";
  /** Address of the interface for multicast and unicast sockets. Default 127.0.0.1. */
  interface?: string;
  /** Event stream group and port. Default 239.77.0.1:40040. */
  streamGroup?: string;
  streamPort?: number;
  /** The sequencer's command address (it binds there; nodes send there). Default 127.0.0.1:40002. */
  commandHost?: string;
  commandPort?: number;
  /** Replayer discovery group and port. Default 239.77.0.2:40041. */
  discoveryGroup?: string;
  discoveryPort?: number;
  /** Port of this process's replay service (0 = any free port; discovery tells the nodes). Default 0. */
  replayPort?: number;
  /** Announced priority of this process's replay service: replayers 1 (default), a sequencer's own 0. */
  replayPriority?: number;
  /** Multicast TTL. Default 0: the stream stays on this host. Use 1 across a link (namespaces, a LAN). */
  ttl?: number;
  /** SO_RCVBUF requested for receiving sockets. Default 4 MiB. */
  receiveBufferBytes?: number;
  /** Largest datagram. Default 1400. */
  maxDatagramLength?: number;
  /** Send ring slots per sending socket. Default 1024. */
  sendRingSlots?: number;
  /** Stream subscriptions rewind over TCP from a discovered replayer before asking for gaps. Default true. */
  tcpRewind?: boolean;
  /**
   * How long a subscription waits (from the moment it can hear discovery) for a TCP rewinder before rewinding
   * with UDP requests instead. Default 500 ms.
   */
  rewindWaitMs?: number;
  /** Replay service announce interval. Default 200 ms. A service unheard for 5 intervals is forgotten. */
  announceIntervalMs?: number;
  /** Seeded loss injection at the socket layer, for tests and benchmarks. */
  loss?: LossConfig;
}

export interface UdpTransportCounters extends ChannelCounters {
  /** Discovery datagrams that were not discovery packets. */
  foreignDiscovery: number;
  /** Retransmit requests with no replay service known (the receiver asks again later). */
  requestsWithoutService: number;
  /** Retransmit requests held back while a TCP rewind was running. */
  requestsHeldForRewind: number;
  rewindPackets: number;
}

export type RewindState = "off" | "waiting" | "rewinding" | "complete" | "failed" | "no-rewinder";

const DEFAULTS = {
  interface: "127.0.0.1",
  streamGroup: "239.77.0.1",
  streamPort: 40040,
  commandHost: "127.0.0.1",
  commandPort: 40002,
  discoveryGroup: "239.77.0.2",
  discoveryPort: 40041,
  replayPort: 0,
  replayPriority: 1,
  ttl: 0,
  receiveBufferBytes: 4 * 1024 * 1024,
  maxDatagramLength: 1400,
  sendRingSlots: 1024,
  tcpRewind: true,
  rewindWaitMs: 500,
  announceIntervalMs: 200,
};

export type ResolvedUdpConfig = typeof DEFAULTS & { loss?: LossConfig };

export function resolveUdpConfig(config: UdpTransportConfig): ResolvedUdpConfig {
  const resolved = { ...DEFAULTS, loss: config.loss } as ResolvedUdpConfig;
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const value = (config as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== typeof DEFAULTS[key]) throw new Error(`udp transport: "${key}" must be a ${typeof DEFAULTS[key]}, got ${JSON.stringify(value)}`);
    (resolved as Record<string, unknown>)[key] = value;
  }
  for (const key of ["interface", "streamGroup", "commandHost", "discoveryGroup"] as const) {
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(resolved[key])) throw new Error(`udp transport: "${key}" must be an IPv4 address, got ${JSON.stringify(resolved[key])}`);
  }
  for (const key of ["streamGroup", "discoveryGroup"] as const) {
    const first = Number(resolved[key].split(".")[0]);
    if (first < 224 || first > 239) throw new Error(`udp transport: "${key}" must be a multicast address (224.0.0.0 to 239.255.255.255), got ${resolved[key]}`);
  }
  if (!(resolved.maxDatagramLength >= 64 && resolved.maxDatagramLength <= 65507)) throw new Error(`udp transport: maxDatagramLength must be 64 to 65507`);
  if (!(resolved.ttl >= 0 && resolved.ttl <= 255)) throw new Error(`udp transport: ttl must be 0 to 255`);
  return resolved;
}

/** One opened endpoint: a send function over its channel(s). */
class UdpEndpoint implements Endpoint {
  constructor(
    readonly maxDatagramLength: number,
    private readonly sendFn: (buf: Uint8Array, offset: number, length: number) => boolean,
    private readonly sendToFn: (source: number, buf: Uint8Array, offset: number, length: number) => boolean,
    private readonly closeFn: () => void,
  ) {}
  send(buf: Uint8Array, offset: number, length: number): boolean {
    return this.sendFn(buf, offset, length);
  }
  sendTo(source: number, buf: Uint8Array, offset: number, length: number): boolean {
    return this.sendToFn(source, buf, offset, length);
  }
  close(): void {
    this.closeFn();
  }
}

const refuse = (): boolean => false;

/** Small integers for the (address, port) pairs a replay service hears from, so it can answer with sendTo. */
class SourceTable {
  private readonly addresses: string[] = [];
  private readonly ports: number[] = [];
  private next = 0;
  constructor(private readonly capacity = 4096) {}
  idOf(address: string, port: number): number {
    for (let i = 0; i < this.ports.length; i++) if (this.ports[i] === port && this.addresses[i] === address) return i;
    const id = this.ports.length < this.capacity ? this.ports.length : this.next++ % this.capacity;
    this.addresses[id] = address;
    this.ports[id] = port;
    return id;
  }
  address(id: number): string | undefined {
    return this.addresses[id];
  }
  port(id: number): number | undefined {
    return this.ports[id];
  }
}

interface Subscription {
  handler: DatagramHandler;
  requests: UdpChannel;
  rewind: RewindState;
  rewindClient: TcpRewindClient | null;
  openedAtMs: number;
}

export class UdpTransport implements Transport {
  readonly kind = "udp";
  readonly config: ResolvedUdpConfig;
  /** Problems worth telling the operator (e.g. a receive buffer smaller than asked for). */
  readonly warnings: string[] = [];
  /** Receive buffer sizes, per socket: what was requested and what the kernel granted (it reports double). */
  readonly receiveBuffers: { socket: string; requested: number; granted: number }[] = [];
  /** Called after every datagram or rewind packet handed to a handler (the duty-cycle runner schedules a turn). */
  onActivity: (() => void) | null = null;

  private readonly channels: UdpChannel[] = [];
  private readonly opening: Promise<void>[] = [];
  private readonly extra = { foreignDiscovery: 0, requestsWithoutService: 0, requestsHeldForRewind: 0, rewindPackets: 0 };
  private discovery: UdpChannel | null = null;
  private readonly directory: ReplayDirectory;
  private readonly localServices: { channel: UdpChannel; port: number }[] = [];
  private readonly subscriptions: Subscription[] = [];
  private rewindTcpPort = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly discoveryOut = new Uint8Array(64);
  private channelCount = 0;
  private closed = false;

  constructor(config: UdpTransportConfig = { kind: "udp" }) {
    this.config = resolveUdpConfig(config);
    this.directory = new ReplayDirectory(this.config.announceIntervalMs * 5, (address, port) => this.isLocalService(address, port));
  }

  /** Resolves when every socket opened so far is bound (and connected); rejects with the first failure. */
  async ready(): Promise<void> {
    let count = -1;
    while (count !== this.opening.length) {
      count = this.opening.length;
      await Promise.all(this.opening);
    }
  }

  /** The TCP port this process serves rewinds on (a replayer sets it before opening its replay service). */
  setRewindTcpPort(port: number): void {
    this.rewindTcpPort = port;
    this.announce();
  }

  counters(): UdpTransportCounters {
    return { ...sumCounters(this.channels), ...this.extra };
  }

  /** The replay services this transport has heard of. */
  replayServices(): readonly { address: string; port: number; tcpPort: number; priority: number }[] {
    return this.directory.all();
  }

  /** State of each stream subscription's TCP rewind. */
  rewindStates(): RewindState[] {
    return this.subscriptions.map((s) => s.rewind);
  }

  /** Ports actually bound by this process's replay services (after ready()). */
  replayServicePorts(): number[] {
    return this.localServices.map((s) => s.port);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    for (const s of this.subscriptions) s.rewindClient?.close();
    for (const c of this.channels) c.close();
  }

  // ---- the seam ---------------------------------------------------------------------------------------------

  openStreamPublication(): Endpoint {
    const c = this.config;
    const channel = this.channel("stream-publication", c.sendRingSlots, null);
    this.track(
      channel.open(c.interface, 0, (s) => this.multicastOptions(s), { address: c.streamGroup, port: c.streamPort }),
    );
    return new UdpEndpoint(c.maxDatagramLength, (b, o, l) => channel.send(b, o, l), refuse, () => channel.close());
  }

  openStreamSubscription(handler: DatagramHandler): Endpoint {
    const c = this.config;
    const deliver = (buf: Uint8Array, length: number): void => {
      handler.onDatagram(buf, 0, length, 0);
      this.onActivity?.();
    };
    const live = this.channel("stream-subscription", 1, deliver, true);
    this.track(
      live.open(c.streamGroup, c.streamPort, (s) => {
        s.addMembership(c.streamGroup, c.interface);
        this.enlargeReceiveBuffer(s, "stream-subscription");
      }),
    );
    const requests = this.channel("stream-requests", 64, deliver);
    this.track(requests.open(c.interface, 0, (s) => this.enlargeReceiveBuffer(s, "stream-repairs")));
    const subscription: Subscription = { handler, requests, rewind: c.tcpRewind ? "waiting" : "off", rewindClient: null, openedAtMs: Date.now() };
    this.subscriptions.push(subscription);
    this.startDiscovery();
    this.query();
    return new UdpEndpoint(
      c.maxDatagramLength,
      (b, o, l) => this.sendRequest(subscription, b, o, l),
      refuse,
      () => {
        subscription.rewindClient?.close();
        live.close();
        requests.close();
      },
    );
  }

  openCommandPublication(): Endpoint {
    const c = this.config;
    const channel = this.channel("command-publication", c.sendRingSlots, null);
    this.track(channel.open(c.interface, 0, undefined, { address: c.commandHost, port: c.commandPort }));
    return new UdpEndpoint(c.maxDatagramLength, (b, o, l) => channel.send(b, o, l), refuse, () => channel.close());
  }

  openCommandSubscription(handler: DatagramHandler): Endpoint {
    const c = this.config;
    const channel = this.channel("command-subscription", 1, (buf, length) => {
      handler.onDatagram(buf, 0, length, 0);
      this.onActivity?.();
    });
    this.track(channel.open(c.commandHost, c.commandPort, (s) => this.enlargeReceiveBuffer(s, "command-subscription")));
    return new UdpEndpoint(c.maxDatagramLength, refuse, refuse, () => channel.close());
  }

  openReplayService(handler: DatagramHandler): Endpoint {
    const c = this.config;
    const sources = new SourceTable();
    const channel = this.channel("replay-service", c.sendRingSlots, (buf, length, address, port) => {
      handler.onDatagram(buf, 0, length, sources.idOf(address, port));
      this.onActivity?.();
    });
    const service = { channel, port: 0 };
    this.localServices.push(service);
    this.track(
      channel.open(c.interface, c.replayPort, (s) => this.enlargeReceiveBuffer(s, "replay-service")).then(() => {
        service.port = channel.socket.address().port;
        this.announce();
      }),
    );
    this.startDiscovery();
    return new UdpEndpoint(
      c.maxDatagramLength,
      refuse,
      (source, b, o, l) => {
        const port = sources.port(source);
        return port !== undefined && channel.send(b, o, l, port, sources.address(source)!);
      },
      () => {
        channel.close();
        const i = this.localServices.indexOf(service);
        if (i >= 0) this.localServices.splice(i, 1);
      },
    );
  }

  // ---- internals --------------------------------------------------------------------------------------------

  private channel(name: string, slots: number, onReceive: ((buf: Uint8Array, length: number, address: string, port: number) => void) | null, reuseAddr = false): UdpChannel {
    const channel = new UdpChannel(name, slots, this.config.maxDatagramLength, this.config.loss, this.channelCount++, onReceive, reuseAddr);
    this.channels.push(channel);
    return channel;
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch((e: Error) => {
      this.warnings.push(e.message);
      throw e;
    });
    tracked.catch(() => {}); // reported through ready()
    this.opening.push(tracked);
  }

  private multicastOptions(s: import("node:dgram").Socket): void {
    s.setMulticastInterface(this.config.interface);
    s.setMulticastTTL(this.config.ttl);
    s.setMulticastLoopback(true);
  }

  private enlargeReceiveBuffer(s: import("node:dgram").Socket, name: string): void {
    const requested = this.config.receiveBufferBytes;
    try {
      s.setRecvBufferSize(requested);
    } catch {
      // reported below as a smaller grant
    }
    const granted = s.getRecvBufferSize();
    this.receiveBuffers.push({ socket: name, requested, granted });
    // Linux reports twice what it reserves for data; anything below the request means net.core.rmem_max capped it.
    if (granted < requested) {
      this.warnings.push(`${name}: SO_RCVBUF ${granted} bytes granted, ${requested} requested (raise net.core.rmem_max)`);
    }
  }

  private isLocalService(address: string, port: number): boolean {
    if (address !== this.config.interface) return false;
    for (const s of this.localServices) if (s.port === port) return true;
    return false;
  }

  private startDiscovery(): void {
    if (this.discovery !== null || this.closed) return;
    const c = this.config;
    const channel = this.channel("discovery", 64, (buf, length) => this.onDiscovery(buf, length), true);
    this.discovery = channel;
    this.track(
      channel
        .open(c.discoveryGroup, c.discoveryPort, (s) => {
          s.addMembership(c.discoveryGroup, c.interface);
          this.multicastOptions(s);
        })
        .then(() => {
          // The wait for a rewinder starts when the node can hear one, not when it began opening.
          const now = Date.now();
          for (const sub of this.subscriptions) sub.openedAtMs = now;
        }),
    );
    this.timer = setInterval(() => this.onTimer(), c.announceIntervalMs);
    this.timer.unref();
  }

  private onDiscovery(buf: Uint8Array, length: number): void {
    const packet = readDiscovery(buf, length);
    if (packet === null) {
      this.extra.foreignDiscovery++;
      return;
    }
    if (packet.type === "query") {
      this.announce();
      return;
    }
    this.directory.heard(packet.address, packet.port, packet.tcpPort, packet.priority, Date.now());
    this.startRewinds();
  }

  private onTimer(): void {
    this.announce();
    const now = Date.now();
    if (this.subscriptions.length > 0 && this.directory.choose(now) === null) this.query();
    this.startRewinds();
  }

  private announce(): void {
    if (this.discovery === null) return;
    const c = this.config;
    for (const s of this.localServices) {
      if (s.port === 0) continue;
      const length = writeDiscovery(this.discoveryOut, { address: c.interface, port: s.port, tcpPort: this.rewindTcpPort, priority: c.replayPriority });
      this.discovery.send(this.discoveryOut, 0, length, c.discoveryPort, c.discoveryGroup);
    }
  }

  private query(): void {
    if (this.discovery === null) return;
    const length = writeDiscovery(this.discoveryOut, null);
    this.discovery.send(this.discoveryOut, 0, length, this.config.discoveryPort, this.config.discoveryGroup);
  }

  /** Starts (or gives up waiting for) the TCP rewind of each subscription that waits for one. */
  private startRewinds(): void {
    const now = Date.now();
    for (const s of this.subscriptions) {
      if (s.rewind !== "waiting") continue;
      const rewinder = this.directory.chooseRewinder(now);
      if (rewinder === null) {
        if (now - s.openedAtMs >= this.config.rewindWaitMs) s.rewind = "no-rewinder"; // rewind with UDP requests instead
        continue;
      }
      s.rewind = "rewinding";
      s.rewindClient = new TcpRewindClient(
        rewinder.address,
        rewinder.tcpPort,
        1,
        (buf, offset, length) => {
          this.extra.rewindPackets++;
          s.handler.onDatagram(buf, offset, length, 0);
          this.onActivity?.();
        },
        (outcome, detail) => {
          s.rewind = outcome === "complete" ? "complete" : "failed";
          if (outcome !== "complete") this.warnings.push(`TCP rewind from ${rewinder.address}:${rewinder.tcpPort} ${outcome}: ${detail}`);
          this.onActivity?.();
        },
      );
      s.rewindClient.start();
    }
  }

  private sendRequest(s: Subscription, buf: Uint8Array, offset: number, length: number): boolean {
    if (s.rewind === "waiting" || s.rewind === "rewinding") {
      if (s.rewind === "waiting") this.startRewinds();
      if (s.rewind === "waiting" || s.rewind === "rewinding") {
        this.extra.requestsHeldForRewind++;
        return true;
      }
    }
    const service = this.directory.choose(Date.now());
    if (service === null) {
      this.extra.requestsWithoutService++;
      this.query();
      return false;
    }
    return s.requests.send(buf, offset, length, service.port, service.address);
  }
}
