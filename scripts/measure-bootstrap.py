#!/usr/bin/env python3
"""Cold start and memory of a `bootstrap` binary against a fake Lambda Runtime API (loopback only).

    scripts/measure-bootstrap.py BOOTSTRAP [BOOTSTRAP ...] [--runs N] [--json]

For each run: start the process, time process start -> first GET /runtime/invocation/next (cold start), serve one
Echo invocation and time its round trip, then answer the next GET with 500 so the runtime exits; /usr/bin/time -v
reports the peak RSS. Prints the median and range of each figure per binary; with --json, one JSON document with
every run's figures instead (the benchmark report reads it: bench/Failover.Bench).
"""
import argparse
import http.server
import json
import os
import statistics
import subprocess
import tempfile
import threading
import time

PAYLOAD = b'{"tree":"www","version":1}'


class FakeRuntimeApi(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.nexts = 0
        self.first_next = None
        self.served = None
        self.responded = None
        self.response_body = None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        server = self.server
        if self.path != "/2018-06-01/runtime/invocation/next":
            self.send_error(404)
            return
        server.nexts += 1
        if server.nexts == 1:
            server.first_next = time.monotonic()
            self.send_response(200)
            self.send_header("Lambda-Runtime-Aws-Request-Id", "measure-1")
            self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 60_000))
            self.send_header("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:Echo")
            self.send_header("Content-Length", str(len(PAYLOAD)))
            self.end_headers()
            server.served = time.monotonic()
            self.wfile.write(PAYLOAD)
        else:
            body = b'{"errorMessage":"measurement over","errorType":"Stop"}'
            self.send_response(500)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else self._read_chunked()
        self.server.responded = time.monotonic()
        self.server.response_body = body
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _read_chunked(self):
        data = b""
        while True:
            size = int(self.rfile.readline().strip(), 16)
            if size == 0:
                self.rfile.readline()
                return data
            data += self.rfile.read(size)
            self.rfile.readline()


def measure(binary):
    server = FakeRuntimeApi()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(os.environ, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{server.server_address[1]}", _HANDLER="Echo")
    with tempfile.NamedTemporaryFile("r") as report:
        started = time.monotonic()
        process = subprocess.run(["/usr/bin/time", "-v", "-o", report.name, binary], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        text = report.read()
    server.shutdown()
    if server.first_next is None or server.response_body != PAYLOAD:
        raise SystemExit(f"{binary}: no Echo round trip (exit {process.returncode})")
    rss_kb = next(int(line.split(":")[1]) for line in text.splitlines() if "Maximum resident set size" in line)
    return (server.first_next - started) * 1000, (server.responded - server.served) * 1000, rss_kb / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print every run's figures as JSON")
    args = parser.parse_args()
    if args.json:
        # Runs alternate between the binaries, so a change in the machine's load falls on all of them alike.
        runs = {binary: [] for binary in args.binaries}
        for _ in range(args.runs):
            for binary in args.binaries:
                figures = measure(os.path.abspath(binary))
                runs[binary].append(dict(zip(("startToFirstNextMs", "roundTripMs", "peakRssMiB"), figures)))
        print(json.dumps([{"binary": binary, "sizeBytes": os.path.getsize(binary), "runs": runs[binary]} for binary in args.binaries]))
        return
    for binary in args.binaries:
        results = [measure(os.path.abspath(binary)) for _ in range(args.runs)]
        size = os.path.getsize(binary) / (1024 * 1024)
        print(f"{binary}  ({size:.1f} MiB, {args.runs} runs)")
        for index, name, unit in ((0, "start -> first GET next", "ms"), (1, "first invocation round trip", "ms"), (2, "peak RSS", "MiB")):
            values = [result[index] for result in results]
            print(f"  {name:30} median {statistics.median(values):7.1f} {unit}   (min {min(values):.1f}, max {max(values):.1f})")


if __name__ == "__main__":
    main()
