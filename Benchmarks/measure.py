#!/usr/bin/env python3
"""Runs a command and prints its wall time and CPU time (user + system) in seconds, to the
microsecond, and its peak RSS in KB: `measure.py OUTPUT COMMAND...` appends "wall cpu peak_kb" to
OUTPUT. GNU time gives hundredths of a second, a sixth of a 0.16 s rebuild; this is what the
benchmarks time their runs with. The command's exit status is passed on."""
import os
import sys
import time

if len(sys.argv) < 3:
    sys.exit("usage: measure.py OUTPUT COMMAND...")
started = time.perf_counter()
child = os.fork()
if child == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(child, 0)
wall = time.perf_counter() - started
with open(sys.argv[1], "a") as output:
    output.write(f"{wall:.6f} {usage.ru_utime + usage.ru_stime:.6f} {usage.ru_maxrss}\n")
sys.exit(os.waitstatus_to_exitcode(status))
