/**
 * npm run bench:recovery -- --json <file> [--kills 20] [--nodes 2] [--rate 3000] [--policy os|fsync]
 *
 * A `coral sequencer` with a session archive under a steady command load from node processes (UDP multicast on
 * loopback) is killed with SIGKILL at `kills` random moments and restarted each time (bench/recovery/kill-loop.ts).
 * At the end every command whose echo a node saw must appear exactly once in the archive, with no gap. Then the
 * resulting archive is rewound by a late-joining node process over TCP from a replayer process serving it
 * (bench/archive/rewind-tcp.ts), for its speed, beside the in-process stages of that path (bench/archive/rewind.ts).
 * Writes { "kills", "commandsAcked", "lostAcked", "duplicates", "gaps", "torn", "rewindMsgsPerSec", … }.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { ArchiveReader } from "../../runtime/archive/archive-reader.js";
import { measureRewind } from "../archive/rewind.js";
import { measureTcpRewind, type TcpRewindResult } from "../archive/rewind-tcp.js";
import { runKillLoop } from "./kill-loop.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const jsonFile = arg("json", "");
const kills = Number(arg("kills", "20"));
const nodes = Number(arg("nodes", "2"));
const rate = Number(arg("rate", "3000"));
const policy = arg("policy", "fsync") as "os" | "fsync";
const killAfterMs: [number, number] = [100, 900];
// Enough load to keep commands flowing through every kill: ~0.5 s between kills plus ~0.5 s per restart.
const commandsPerNode = Math.round(rate * kills * 1.2);

let rewind = { messages: 0, readMsgsPerSec: 0, serveMsgsPerSec: 0, lateJoinerMsgsPerSec: 0 };
let tcpRewind: TcpRewindResult = { messages: 0, msgsPerSec: 0, seconds: 0, rewind: "not run" };
const result = await runKillLoop({
  kills,
  nodes,
  commandsPerNode,
  ratePerNode: rate,
  killAfterMs,
  policy,
  portBase: 46500,
  seed: Date.now() % 1_000_000,
  log: (line) => console.log(line),
  onArchive: async (path) => {
    rewind = measureRewind(path);
    const reader = ArchiveReader.open(path);
    const last = reader.lastSequence();
    reader.close();
    tcpRewind = await measureTcpRewind(path, last, 46800); // it copies the archive: this one is not touched
  },
});
const report = {
  kills: result.kills,
  commandsAcked: result.commandsAcked,
  lostAcked: result.lostAcked,
  duplicates: result.duplicates,
  gaps: result.gaps,
  torn: result.torn,
  rewindMsgsPerSec: tcpRewind.msgsPerSec,
  inProcessRewindMsgsPerSec: rewind.lateJoinerMsgsPerSec,
  archiveMessages: result.archiveMessages,
  nodeDuplicates: result.nodeDuplicates,
  nodeOutOfOrder: result.nodeOutOfOrder,
  archiveReadMsgsPerSec: rewind.readMsgsPerSec,
  archiveServeMsgsPerSec: rewind.serveMsgsPerSec,
  policy,
  nodes,
  commandsPerNode,
  ratePerNode: rate,
  killAfterMs,
  elapsedMs: result.elapsedMs,
  transport: "udp multicast on loopback (127.0.0.1), coral CLI processes",
  rewindNote: "rewindMsgsPerSec: the resulting archive rewound over TCP by a late-joining `coral node` process from a `coral replayer` process serving it (bench/archive/rewind-tcp.ts), timed in the node; inProcessRewindMsgsPerSec: the same path in one process without the socket (archive → MoldUDP64 packets → StreamReceiver → handler); archiveReadMsgsPerSec: the archive cursor alone, CRC verified; archiveServeMsgsPerSec: archive → MoldUDP64 packets as a replayer builds them (no socket)",
  machine: `${cpus()[0]?.model ?? "?"} x${cpus().length}, node ${process.version}`,
  loadAverageAfter: loadavg(),
  date: new Date().toISOString(),
};
console.log(JSON.stringify(report));
if (jsonFile !== "") writeFileSync(jsonFile, JSON.stringify(report, null, 2) + "\n");
const ok = report.lostAcked === 0 && report.duplicates === 0 && report.gaps === 0 && report.nodeDuplicates === 0 && report.nodeOutOfOrder === 0;
process.exit(ok ? 0 : 1);
