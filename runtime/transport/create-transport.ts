/**
 * Transports chosen by configuration: node and sequencer code takes a Transport and never names a kind. Later
 * issues add their kinds here ({ kind: "udp", … }, { kind: "tcp", … }, { kind: "shm", … }).
 */
import { MemoryNetwork } from "./memory-transport.js";
import type { Transport } from "./transport.js";
import { UdpTransport, type UdpTransportConfig } from "./udp-transport.js";

export type TransportConfig = { kind: "memory"; network: MemoryNetwork } | UdpTransportConfig;

export function createTransport(config: TransportConfig): Transport {
  switch (config.kind) {
    case "memory":
      return config.network.transport();
    case "udp":
      return new UdpTransport(config);
    default:
      throw new Error(`unknown transport kind ${JSON.stringify((config as { kind: unknown }).kind)}`);
  }
}
