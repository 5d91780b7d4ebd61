import type { GeneratorReport } from '../core/load-result.js';
import type { GeneratorStats } from './generator-stats.js';

export interface SelfCheckInput {
  stats: GeneratorStats[];
  connections: number;
  cpuMs: number;
  wallMs: number;
  /** Cores the generator's threads could use: min(cores available, threads). */
  cores: number;
  sent: number;
  openModel: boolean;
}

/** Thresholds chosen so an idle-but-jittery machine stays quiet and a saturated one speaks up. */
const ELU_BUSY = 0.95;
const LOOP_DELAY_P99_MS = 50;
const LATE_RATIO = 0.01;
const CPU_BUSY = 95;

/** Pure: decide whether the generator was the bottleneck and say why. */
export function selfCheck(input: SelfCheckInput): GeneratorReport {
  const { stats } = input;
  const sum = (f: (s: GeneratorStats) => number) => stats.reduce((a, s) => a + f(s), 0);
  const max = (f: (s: GeneratorStats) => number) => stats.reduce((a, s) => Math.max(a, f(s)), 0);
  const elu = stats.map((s) => round2(s.eventLoopUtilization));
  const cpuPercent = input.wallMs > 0 ? round2((input.cpuMs / (input.wallMs * Math.max(1, input.cores))) * 100) : 0;
  const late = sum((s) => s.late);
  const lateNoConnection = sum((s) => s.lateNoConnection);
  const reasons: string[] = [];
  let bottleneck = false;
  const busiest = Math.max(0, ...elu);
  if (busiest >= ELU_BUSY) {
    bottleneck = true;
    reasons.push(`a worker's event loop was busy ${Math.round(busiest * 100)}% of the run: the generator is CPU-bound (add --workers or cores)`);
  }
  const lagP99 = max((s) => s.eventLoopDelayP99Ms);
  if (lagP99 >= LOOP_DELAY_P99_MS) {
    bottleneck = true;
    reasons.push(`event-loop delay p99 ${lagP99.toFixed(1)} ms: latencies include generator stalls`);
  }
  if (cpuPercent >= CPU_BUSY) {
    bottleneck = true;
    reasons.push(`the generator process used ${cpuPercent}% of its cores`);
  }
  if (input.openModel && input.sent > 0) {
    const lateGen = late - lateNoConnection;
    if (lateGen / input.sent >= LATE_RATIO) {
      bottleneck = true;
      reasons.push(`${lateGen} requests (${pct(lateGen / input.sent)}) left late while connections were free: the generator could not keep the schedule`);
    }
    if (lateNoConnection / input.sent >= LATE_RATIO) {
      reasons.push(`${lateNoConnection} requests (${pct(lateNoConnection / input.sent)}) waited for a free connection: all ${input.connections} were busy (raise -c; latency is still measured from the intended time)`);
    }
  }
  const dropped = sum((s) => s.dropped);
  if (dropped > 0) reasons.push(`${dropped} scheduled requests were never sent before the end of the run (dropped)`);
  return {
    workers: stats.length,
    connections: input.connections,
    cpuPercent,
    eventLoopUtilization: elu,
    eventLoopDelayP99Ms: round2(lagP99),
    eventLoopDelayMaxMs: round2(max((s) => s.eventLoopDelayMaxMs)),
    late,
    lateNoConnection,
    dropped,
    maxSendLagMs: round2(max((s) => s.maxSendLagMs)),
    interrupted: sum((s) => s.interrupted),
    connectionsOpened: sum((s) => s.opens),
    bottleneck,
    reasons,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
