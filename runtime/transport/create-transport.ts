/**
 * Transports chosen by configuration: node and sequencer code takes a Transport and never names a kind. Later
 * issues add their kinds here ({ kind: "udp", … }, { kind: "tcp", … }, { kind: "shm", … }).
 */
import { MemoryNetwork } from "./memory-transport.js";
import type { Transport } from "./transport.js";

export type TransportConfig = { kind: "memory"; network: MemoryNetwork };

export function createTransport(config: TransportConfig): Transport {
  switch (config.kind) {
    case "memory":
      return config.network.transport();
    default:
      throw new Error(`unknown transport kind ${JSON.stringify((config as { kind: unknown }).kind)}`);
  }
}
