/**
 * The transport seam.
 *
 * A transport moves opaque datagrams between endpoints, and nothing else. It knows nothing of sequence numbers,
 * sessions, gaps, resends or duplicates: all of that protocol logic (runtime/sequencer, runtime/node) sits above
 * this seam and is the same code for every transport. So the in-memory transport with its seeded faults tests
 * exactly the code that runs over UDP multicast, TCP or shared memory.
 *
 * Endpoints, by role (Aeron's vocabulary: a publication sends, a subscription receives):
 *
 *   role                         opened by   receives                              send() goes to
 *   command publication          node        —                                     the sequencer's command subscription
 *   command subscription         sequencer   command packets from every node       —
 *   stream publication           sequencer   —                                     every stream subscription (multicast)
 *   stream subscription          node        stream packets: live and repairs      the replay service(s) (requests)
 *   replay service               replayer    retransmit requests                   — (answers with sendTo(source))
 *
 * Rules every transport keeps:
 *  - A datagram is delivered whole or not at all; it may be lost, duplicated, reordered or delayed. The protocol
 *    above copes with all four.
 *  - `send` copies (or transmits) the bytes before it returns: the caller reuses its buffer at once.
 *  - The buffer handed to `onDatagram` is only valid during the call: a receiver copies what it keeps.
 *  - `source` identifies the sender to this endpoint (a small integer the transport maps to an address) so that
 *    a replay service can answer one requester with `sendTo(source, …)`.
 *  - Receiving is push-based: the transport calls `onDatagram` from its own I/O (a socket callback, a poll of a
 *    shared-memory ring, or the memory network's step). Components do their periodic work (flush batches,
 *    resends, heartbeats, retransmit requests) in `doWork(now)` called by whoever drives them.
 *  - Nothing received is trusted: receivers validate every length before reading.
 */

/** Receives the datagrams of one endpoint. */
export interface DatagramHandler {
  onDatagram(buf: Uint8Array, offset: number, length: number, source: number): void;
}

/** One open endpoint of a transport. */
export interface Endpoint {
  /**
   * Sends one datagram to this endpoint's destination (see the table above). Returns false when the transport
   * could not take it now (back-pressure, closed, no destination); the protocol above resends what matters.
   */
  send(buf: Uint8Array, offset: number, length: number): boolean;
  /** Sends one datagram to the endpoint a received datagram came from. */
  sendTo(source: number, buf: Uint8Array, offset: number, length: number): boolean;
  /** Largest datagram this endpoint carries (a UDP transport: the configured MTU payload, 1400 by default). */
  readonly maxDatagramLength: number;
  close(): void;
}

/** A way of moving datagrams, chosen by configuration; node and sequencer code does not change with it. */
export interface Transport {
  /** For logs and status: "memory", "udp", … */
  readonly kind: string;
  openCommandPublication(): Endpoint;
  openCommandSubscription(handler: DatagramHandler): Endpoint;
  openStreamPublication(): Endpoint;
  openStreamSubscription(handler: DatagramHandler): Endpoint;
  openReplayService(handler: DatagramHandler): Endpoint;
}
