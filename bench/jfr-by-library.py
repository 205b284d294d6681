#!/usr/bin/env python3
"""CPU samples of a JFR recording, by library: where a server's CPU goes (docs/benchmark.md).

Usage: bench/jfr-by-library.py [--paths] recording.jfr [more.jfr ...]

Reads the recording's jdk.ExecutionSample events (`jfr print`, from the JDK) and charges each sample
to the innermost frame that is not the JDK's own (java.*, jdk.*, sun.*): a HashMap lookup made by
Hibernate counts for Hibernate. Prints each library's share of the samples, largest first.

With --paths, each sample is charged to a call path instead: the outermost frame of our code in its
stack (OrderResource.place, SagaEventConsumer.handle, OutboxRelay.onTimer, ...), which says which
of our entry points the CPU was spent for, and under each path the libraries, as above. A sample
without a frame of ours counts as "outside our code" (the HTTP channel, the Kafka poll loop, GC
threads are not sampled). Stacks deeper than the recording's stackdepth are cut at their outer end,
so record with a deep one.

Record on a running server with, for example:
  jcmd <pid> JFR.configure stackdepth=256      (before the first recording of the JVM)
  jcmd <pid> JFR.start name=cpu settings=profile duration=60s filename=/tmp/store-manager.jfr
"""
import re
import subprocess
import sys
from collections import Counter

# Package prefix -> library, the first match wins (longer prefixes first where they overlap).
LIBRARIES = [
    ("org.storemanager.", "our code"),
    ("org.hibernate.", "Hibernate"),
    ("net.bytebuddy.", "Hibernate"),
    ("com.mysql.", "MySQL driver"),
    ("org.apache.kafka.", "Kafka client"),
    ("io.smallrye.reactive.messaging.", "Reactive Messaging"),
    ("io.smallrye.mutiny.", "Reactive Messaging"),
    ("com.ibm.ws.microprofile.reactive", "Reactive Messaging"),
    ("io.openliberty.microprofile.reactive", "Reactive Messaging"),
    ("io.vertx.", "Reactive Messaging"),
    ("io.netty.", "Netty (Redis client)"),
    ("io.lettuce.", "Redis client"),
    ("org.jboss.weld.", "Weld (CDI)"),
    ("com.ibm.ws.cdi", "Weld (CDI)"),
    ("io.smallrye.metrics.", "mpMetrics"),
    ("io.micrometer.", "mpMetrics"),
    ("org.eclipse.microprofile.metrics", "mpMetrics"),
    ("com.ibm.ws.microprofile.metrics", "mpMetrics"),
    ("io.openliberty.microprofile.metrics", "mpMetrics"),
    ("io.opentelemetry.", "OpenTelemetry"),
    ("io.openliberty.microprofile.telemetry", "OpenTelemetry"),
    ("org.jboss.resteasy.", "RESTEasy (JAX-RS)"),
    ("io.openliberty.restfulWS", "RESTEasy (JAX-RS)"),
    ("org.eclipse.yasson.", "JSON-B"),
    ("org.glassfish.json.", "JSON-P"),
    ("org.eclipse.parsson.", "JSON-P"),
    ("io.smallrye.graphql.", "GraphQL"),
    ("com.ibm.ws.http", "HTTP channel"),
    ("com.ibm.ws.genericbnf", "HTTP channel"),
    ("com.ibm.ws.tcpchannel", "HTTP channel"),
    ("com.ibm.io.", "HTTP channel"),
    ("com.ibm.wsspi.http", "HTTP channel"),
    ("com.ibm.ws.webcontainer", "servlet container"),
    ("com.ibm.ws.rsadapter", "connection pool"),
    ("com.ibm.ejs.j2c", "connection pool"),
    ("com.ibm.ws.jca", "connection pool"),
    ("com.ibm.tx.", "JTA"),
    ("com.ibm.ws.tx.", "JTA"),
    ("com.ibm.ws.Transaction", "JTA"),
    ("com.ibm.ws.ejbcontainer", "EJB container"),
    ("com.ibm.ejs.", "EJB container"),
    ("com.ibm.ws.security", "security (JWT)"),
    ("io.openliberty.security", "security (JWT)"),
    ("com.ibm.ws.logging", "logging"),
    ("java.util.logging.", "logging"),
    ("com.ibm.ws.threading", "thread pools"),
    ("com.ibm.ws.concurrent", "thread pools"),
    ("com.ibm.", "Liberty, other"),
    ("io.openliberty.", "Liberty, other"),
    ("org.eclipse.", "Liberty, other"),
    ("org.apache.", "Liberty, other"),
]
JDK = ("java.", "jdk.", "sun.", "javax.", "com.sun.")
FRAME = re.compile(r"^\s+([\w$.]+)\.([\w$<>]+)\(")
OURS = "org.storemanager."


def library(frames):
    for frame, _ in frames:  # innermost first
        if frame.startswith(JDK) and not frame.startswith("java.util.logging."):
            continue
        for prefix, name in LIBRARIES:
            if frame.startswith(prefix):
                return name
        return "other: " + ".".join(frame.split(".")[:3])
    return "JDK only"


def samples(path):
    out = subprocess.run(
        ["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "512", path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    frames = None
    for line in out.splitlines():
        if line.startswith("jdk.ExecutionSample"):
            if frames is not None:
                yield frames
            frames = []
        elif frames is not None:
            match = FRAME.match(line)
            if match:
                frames.append((match.group(1), match.group(2)))
    if frames is not None:
        yield frames


def path_of(frames):
    """The outermost frame of our code, as Class.method (generated proxies and lambdas folded)."""
    ours = [(cls, method) for cls, method in frames if cls.startswith(OURS)]
    if not ours:
        return "outside our code"
    cls, method = ours[-1]
    cls = re.sub(r"(\$\$|\$Proxy|\$\$Lambda).*$", "", cls).split(".")[-1]
    method = re.sub(r"^lambda\$(\w+)\$\d+$", r"\1", method)
    return f"{cls}.{method}"


def main(args):
    by_path = "--paths" in args
    paths = [a for a in args if a != "--paths"]
    if not paths:
        sys.exit(__doc__)
    for path in paths:
        every = list(samples(path))
        total = len(every)
        print(f"{path}: {total} samples")
        if not by_path:
            for name, n in Counter(library(frames) for frames in every).most_common():
                print(f"  {100 * n / total:5.1f} %  {name}")
            continue
        grouped = {}
        for frames in every:
            grouped.setdefault(path_of(frames), []).append(frames)
        for name, group in sorted(grouped.items(), key=lambda item: -len(item[1])):
            libraries = Counter(library(frames) for frames in group).most_common(5)
            detail = ", ".join(f"{lib} {100 * n / len(group):.0f} %" for lib, n in libraries)
            print(f"  {100 * len(group) / total:5.1f} %  {name}  ({detail})")


if __name__ == "__main__":
    main(sys.argv[1:])
