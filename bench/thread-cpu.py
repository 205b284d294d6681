#!/usr/bin/env python3
"""CPU time of each JVM thread group over a window: what JFR's samples cannot see (docs/benchmark.md).

Usage: bench/thread-cpu.py SECONDS PID [PID ...]

JFR's execution samples cover Java code only: the garbage collector, the JIT compilers and time spent in
system calls are not in them. This reads utime + stime of every thread of each process
(/proc/<pid>/task/<tid>/stat) at the start and at the end of the window, groups the threads by name with
their numbers removed ("Default Executor-thread-12" -> "Default Executor-thread-#", "GC Thread#1" ->
"GC Thread#"), and prints each group's CPU (ms, and its share of the process) largest first. The process's
own counter (/proc/<pid>/stat) also holds the CPU of threads that ended inside the window, which no thread
reading can see: that difference is printed as "threads that ended in the window" (Liberty's executor retires
and starts its threads as it tunes its pool, so it can be a large share).
"""
import os
import re
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def threads(pid):
    """{tid: (name, cpu ticks)} of one process."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        out[tid] = (name, int(fields[11]) + int(fields[12]))  # utime, stime
    return out


def process_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def group(name):
    return re.sub(r"\d+", "#", name)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    seconds, pids = float(argv[1]), argv[2:]
    before = {pid: (process_ticks(pid), threads(pid)) for pid in pids}
    time.sleep(seconds)
    for pid in pids:
        after, process_end = threads(pid), process_ticks(pid)
        process_start, threads_before = before[pid]
        totals = {}
        for tid, (name, ticks) in after.items():
            start = threads_before.get(tid, (name, 0))[1]
            totals[group(name)] = totals.get(group(name), 0) + ticks - start
        ended = process_end - process_start - sum(totals.values())
        if ended > 0:
            totals["threads that ended in the window"] = ended
        with open(f"/proc/{pid}/cmdline") as f:
            command = f.read().replace("\0", " ")
        server = re.search(r"ws-server\.jar (\S+)", command)
        label = server.group(1) if server else command[:60]
        all_ms = sum(totals.values()) * 1000 / TICK
        print(f"{label} (pid {pid}): {all_ms:.0f} ms CPU in {seconds:.0f} s")
        for name, ticks in sorted(totals.items(), key=lambda kv: -kv[1]):
            if ticks <= 0:
                continue
            ms = ticks * 1000 / TICK
            print(f"  {ms:8.0f} ms  {100 * ms / all_ms:5.1f} %  {name}")


if __name__ == "__main__":
    main(sys.argv)
