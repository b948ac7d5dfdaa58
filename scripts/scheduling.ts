// What the benches print about how this process is scheduled, so that a figure
// read off a shared machine says whether other processes could preempt it. On
// these 2 shared cores a wall-clock p99 of a sub-millisecond operation is the
// neighbours' unless the bench runs at a real-time priority (`chrt -f 10 node …`,
// as root), which keeps normal processes off the core while it runs; CPU caches
// and the other core stay shared, so it is not a quiet machine, but close.
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';

const POLICIES: Record<number, string> = { 0: 'SCHED_OTHER', 1: 'SCHED_FIFO', 2: 'SCHED_RR', 3: 'SCHED_BATCH', 5: 'SCHED_IDLE' };

/** This process's scheduling policy and real-time priority, from /proc/self/stat (fields 41 and 40); undefined off Linux. */
export function schedulingPolicy(): { policy: string; priority: number } | undefined {
  try {
    // Fields after the command name's ") " start at field 3.
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    const policy = Number(fields[41 - 3]);
    const priority = Number(fields[40 - 3]);
    if (!Number.isInteger(policy)) return undefined;
    return { policy: POLICIES[policy] ?? `policy ${policy}`, priority };
  } catch {
    return undefined;
  }
}

/** One line for a bench's header: the policy, the load average, and how to get preemption-free figures. */
export function schedulingNote(): string {
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  const scheduling = schedulingPolicy();
  if (scheduling === undefined) return `scheduling: unknown; load average ${load}`;
  if (scheduling.policy === 'SCHED_FIFO' || scheduling.policy === 'SCHED_RR') {
    return `scheduling: ${scheduling.policy} priority ${scheduling.priority} (normal processes cannot preempt it); load average ${load}`;
  }
  return (
    `scheduling: ${scheduling.policy}; load average ${load} (other processes can preempt it: ` +
    "on a shared machine run it under `chrt -f 10` for tail figures that are the code's)"
  );
}
