#!/usr/bin/env python3
"""Side-by-side load benchmark: VolumeGate against S3Proxy and nginx on the same files.

Starts VolumeGate the way the README's run command does (Payara Micro, the run command's
preboot commands and JVM options), S3Proxy from ../shared/peers/ (filesystem backend) and
nginx serving a copy of the same files, then drives each with wrk over presigned URLs
(HEAD and PUT each presigned for their own method). Targets take turns within every round,
in a different order each round, and the script prints per-scenario medians with ratios,
server CPU per request (from /proc/<pid>/stat) and each server's peak RSS (VmHWM).

    src/test/scripts/bench-peers.py [--rounds 3] [--seconds 8] [--only small,large,list,idle]

Needs: wrk (apt), nginx (apt nginx-light), python3 with boto3, java 17, Maven.
S3Proxy does not fsync a PUT; VolumeGate does (file and directory) before it answers.
"""
import argparse
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import boto3
from botocore.config import Config as BotoConfig

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PEERS = os.path.abspath(os.path.join(ROOT, "..", "shared", "peers"))
ACCESS_KEY, SECRET_KEY = "benchadmin", "bench-secret-0123456789"
BUCKET = "bench"
SMALL = 4096


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, proc, seconds=240):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server for {url} exited early ({proc.returncode})")
        if subprocess.run(["curl", "-fsS", "-o", "/dev/null", "-m", "2", url],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
            return
        time.sleep(0.5)
    sys.exit(f"no answer from {url}")


def cpu_seconds(pid):
    """utime + stime of the process and its reaped children, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(fields[i]) for i in (11, 12)) / ticks


def status_mib(pid, field):
    """A memory figure of /proc/<pid>/status (VmHWM: peak RSS, VmRSS: current), in MiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Target:
    def __init__(self, name, endpoint, pid, s3):
        self.name, self.endpoint, self.pid, self.s3 = name, endpoint, pid, s3

    def url(self, method, key):
        if self.s3 is None:
            return f"{self.endpoint}/{BUCKET}/{key}"
        client_method = {"GET": "get_object", "HEAD": "head_object", "PUT": "put_object"}[method]
        return self.s3.generate_presigned_url(client_method, Params={"Bucket": BUCKET, "Key": key},
                                              ExpiresIn=6 * 3600)


def s3_client(endpoint, access, secret):
    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=access,
                        aws_secret_access_key=secret, region_name="us-east-1",
                        config=BotoConfig(signature_version="s3v4", s3={"addressing_style": "path"},
                                          retries={"max_attempts": 1}))


class Servers:
    def __init__(self, work, heap_opts):
        self.work, self.procs, self.targets = work, [], {}
        self.heap_opts = heap_opts

    def start_volumegate(self, war, micro):
        volume = os.path.join(self.work, "vg-volume")
        os.makedirs(os.path.join(volume, BUCKET), exist_ok=True)
        port = free_port()
        env = dict(os.environ, VOLUMEGATE_ADMIN_ACCESS_KEY=ACCESS_KEY, VOLUMEGATE_ADMIN_SECRET_KEY=SECRET_KEY)
        cmd = ["java", *self.heap_opts, f"-Dvolumegate.volume={volume}", "-jar", micro, "--nohazelcast",
               "--port", str(port), "--prebootcommandfile",
               os.path.join(ROOT, "deployment-descriptors/payara/preboot-commands.asadmin"),
               "--logproperties", os.path.join(ROOT, "deployment-descriptors/payara/logging.properties"),
               "--deploy", war, "--contextroot", "/"]
        log = open(os.path.join(self.work, "volumegate.log"), "w")
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.procs.append(proc)
        endpoint = f"http://127.0.0.1:{port}"
        wait_http(endpoint + "/-/health", proc)
        self.targets["volumegate"] = Target("volumegate", endpoint, proc.pid,
                                            s3_client(endpoint, ACCESS_KEY, SECRET_KEY))
        return volume

    def start_s3proxy(self):
        data = os.path.join(self.work, "s3proxy-data")
        os.makedirs(os.path.join(data, BUCKET), exist_ok=True)
        port = free_port()
        out = subprocess.run(["bash", os.path.join(PEERS, "s3proxy-start.sh"), data, str(port)],
                             check=True, capture_output=True, text=True,
                             env=dict(os.environ, JAVA_OPTS=" ".join(self.heap_opts))).stdout
        values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
        pid = int(values["PID"])
        self.procs.append(pid)
        self.targets["s3proxy"] = Target("s3proxy", values["ENDPOINT"], pid,
                                         s3_client(values["ENDPOINT"], values["ACCESS_KEY"], values["SECRET_KEY"]))
        return data

    def start_nginx(self):
        root = os.path.join(self.work, "nginx-root")
        os.makedirs(os.path.join(root, BUCKET), exist_ok=True)
        conf_dir = os.path.join(self.work, "nginx")
        os.makedirs(os.path.join(conf_dir, "temp"), exist_ok=True)
        port = free_port()
        conf = os.path.join(conf_dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""
worker_processes 1;
user root;
daemon off;
pid {conf_dir}/nginx.pid;
error_log {conf_dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {conf_dir}/temp/body;
    proxy_temp_path {conf_dir}/temp/proxy;
    fastcgi_temp_path {conf_dir}/temp/fastcgi;
    uwsgi_temp_path {conf_dir}/temp/uwsgi;
    scgi_temp_path {conf_dir}/temp/scgi;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
""")
        proc = subprocess.Popen(["/usr/sbin/nginx", "-c", conf, "-p", conf_dir],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(proc)
        endpoint = f"http://127.0.0.1:{port}"
        time.sleep(0.5)
        self.targets["nginx"] = Target("nginx", endpoint, proc.pid, None)
        return root

    def stop(self):
        for p in self.procs:
            try:
                if isinstance(p, int):
                    os.kill(p, signal.SIGTERM)
                else:
                    p.terminate()
            except ProcessLookupError:
                pass
        for p in self.procs:
            if not isinstance(p, int):
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()


def nginx_worker_pids(master):
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    return [int(x) for x in out] or [master]


def server_cpu(target):
    pids = nginx_worker_pids(target.pid) + [target.pid] if target.name == "nginx" else [target.pid]
    return sum(cpu_seconds(p) for p in set(pids))


WRK_LINE = re.compile(r"Requests/sec:\s+([\d.]+)")
LAT_LINE = re.compile(r"^\s+50%\s+([\d.]+)(us|ms|s)", re.M)
NON2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
TOTAL = re.compile(r"(\d+) requests in")


def to_us(value, unit):
    return float(value) * {"us": 1, "ms": 1000, "s": 1_000_000}[unit]


AB_RPS = re.compile(r"Requests per second:\s+([\d.]+)")
AB_P50 = re.compile(r"^\s+50%\s+(\d+)", re.M)
AB_DONE = re.compile(r"Complete requests:\s+(\d+)")
AB_BAD = re.compile(r"(?:Failed requests|Non-2xx responses):\s+(\d+)")


def ab_head(url, connections, seconds):
    """HEAD load with ab -i: wrk waits for a HEAD answer's body and stalls."""
    out = subprocess.run(["ab", "-q", "-i", "-k", "-c", str(connections), "-t", str(seconds), "-n", "10000000", url],
                         capture_output=True, text=True).stdout
    for bad in AB_BAD.findall(out):
        if int(bad) > 0:
            sys.exit(f"HEAD {url[:80]}...: failures\n{out}")
    return float(AB_RPS.search(out).group(1)), float(AB_P50.search(out).group(1)) * 1000, int(AB_DONE.search(out).group(1))


def wrk(url, method, connections, seconds, body_file=None):
    if method == "HEAD":
        return ab_head(url, connections, seconds)
    script = None
    if method != "GET":
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write(f'wrk.method = "{method}"\n')
        if body_file:
            script.write(f'local f = io.open("{body_file}", "rb")\nwrk.body = f:read("*a")\nf:close()\n')
        script.close()
    threads = min(2, connections)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        cmd += ["-s", script.name]
    out = subprocess.run(cmd + [url], capture_output=True, text=True).stdout
    if script:
        os.unlink(script.name)
    rps = float(WRK_LINE.search(out).group(1))
    p50 = to_us(*LAT_LINE.search(out).groups())
    bad = NON2XX.search(out)
    total = int(TOTAL.search(out).group(1))
    if bad and int(bad.group(1)) > 0:
        sys.exit(f"{method} {url[:80]}...: {bad.group(1)} non-2xx answers\n{out}")
    return rps, p50, total


def place_small_objects(dirs):
    payload = os.urandom(SMALL)
    for d in dirs:
        with open(os.path.join(d, BUCKET, "small-4k"), "wb") as f:
            f.write(payload)


def small_scenarios(args):
    return [("GET", 1), ("GET", 16), ("GET", 64), ("HEAD", 16), ("HEAD", 64), ("PUT", 16), ("PUT", 64)]


def run_small(servers, args, results):
    body = os.path.join(servers.work, "put-body")
    with open(body, "wb") as f:
        f.write(os.urandom(SMALL))
    for name, t in servers.targets.items():  # JIT warm-up, not measured
        wrk(t.url("GET", "small-4k"), "GET", 16, args.warmup)
        if name != "nginx":
            wrk(t.url("PUT", "put-" + name), "PUT", 16, max(1, args.warmup // 3), body)
    for rnd in range(args.rounds):
        for method, conns in small_scenarios(args):
            names = [n for n in servers.targets if not (method == "PUT" and n == "nginx")]
            random.Random(rnd * 31 + conns).shuffle(names)
            for name in names:
                t = servers.targets[name]
                key = "small-4k" if method != "PUT" else f"put-{name}"
                url = t.url(method, key)
                before = server_cpu(t)
                rps, p50, total = wrk(url, method, conns, args.seconds, body if method == "PUT" else None)
                cpu = server_cpu(t) - before
                results.setdefault((f"{method} c{conns}", name), []).append((rps, cpu * 1e6 / max(total, 1), p50))


def timed(cmd, **kw):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, **kw)
    return time.perf_counter() - start


def run_large(servers, args, results):
    size_mib = args.large_mib
    src = os.path.join(servers.work, "large.bin")
    subprocess.run(["dd", "if=/dev/urandom", f"of={src}", "bs=1M", f"count={size_mib}", "status=none"], check=True)
    for d in [servers.vg_volume, servers.nginx_root]:
        shutil.copyfile(src, os.path.join(d, BUCKET, "large.bin"))
    vg, proxy, ng = servers.targets["volumegate"], servers.targets["s3proxy"], servers.targets["nginx"]
    shutil.copyfile(src, os.path.join(servers.s3proxy_data, BUCKET, "large.bin"))
    dd_target = os.path.join(servers.vg_volume, "dd-copy.bin")
    for rnd in range(args.rounds):
        steps = [
            ("GET large", "volumegate", lambda: timed(["curl", "-fsS", "-o", "/dev/null", vg.url("GET", "large.bin")])),
            ("GET large", "nginx", lambda: timed(["curl", "-fsS", "-o", "/dev/null", ng.url("GET", "large.bin")])),
            ("PUT large", "volumegate", lambda: timed(["curl", "-fsS", "-o", "/dev/null", "-T", src,
                                                        vg.url("PUT", "large-put.bin")])),
            ("PUT large", "dd conv=fsync", lambda: timed(["dd", f"if={src}", f"of={dd_target}", "bs=1M",
                                                          "conv=fsync", "status=none"])),
            ("multipart large", "volumegate", lambda: multipart(vg, src)),
            ("multipart large", "s3proxy", lambda: multipart(proxy, src)),
        ]
        random.Random(rnd).shuffle(steps)
        for scenario, name, step in steps:
            seconds = step()
            results.setdefault((scenario, name), []).append((size_mib / seconds, float("nan"), float("nan")))
        os.unlink(dd_target)


def multipart(target, src):
    from boto3.s3.transfer import TransferConfig
    cfg = TransferConfig(multipart_threshold=8 << 20, multipart_chunksize=16 << 20, max_concurrency=8)
    start = time.perf_counter()
    target.s3.upload_file(src, BUCKET, "large-multipart.bin", Config=cfg)
    return time.perf_counter() - start


def run_list(servers, args, results):
    count = args.list_keys
    for d in [os.path.join(servers.vg_volume, BUCKET, "list"), os.path.join(servers.s3proxy_data, BUCKET, "list")]:
        os.makedirs(d, exist_ok=True)
        for i in range(count):
            with open(os.path.join(d, f"k{i:07d}"), "wb") as f:
                f.write(b"x")
    for rnd in range(args.rounds):
        names = ["volumegate", "s3proxy"]
        random.Random(rnd).shuffle(names)
        for name in names:
            t = servers.targets[name]
            before = server_cpu(t)
            start = time.perf_counter()
            listed = 0
            for page in t.s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix="list/"):
                listed += page.get("KeyCount", 0)
            seconds = time.perf_counter() - start
            cpu = server_cpu(t) - before
            if listed != count:
                sys.exit(f"{name} listed {listed} of {count} keys")
            results.setdefault(("LIST keys/s", name), []).append((count / seconds, cpu * 1e6 / count, float("nan")))


def run_idle(servers, args, results):
    """RSS before and after 500 idle connections that send nothing, then a small-GET check."""
    for name in ["volumegate", "s3proxy"]:
        t = servers.targets[name]
        host, port = t.endpoint.rsplit("/", 1)[1].split(":")
        before = status_mib(t.pid, "VmRSS")
        sockets = []
        for _ in range(500):
            s = socket.create_connection((host, int(port)))
            sockets.append(s)
        time.sleep(3)
        during = status_mib(t.pid, "VmRSS")
        rps, p50, _ = wrk(t.url("GET", "small-4k"), "GET", 4, 3)
        for s in sockets:
            s.close()
        results.setdefault(("500 idle conns: RSS MiB before/during", name), []).append((before, during, p50))


def report(results, servers):
    scenarios = []
    for scenario, _ in results:
        if scenario not in scenarios:
            scenarios.append(scenario)
    print()
    print(f"{'scenario':<42}{'target':<16}{'median':>12}{'cpu µs/req':>12}{'p50 µs':>10}   ratio vs peers")
    for scenario in scenarios:
        rows = {name: values for (s, name), values in results.items() if s == scenario}
        medians = {name: tuple(statistics.median(v[i] for v in values) for i in range(3))
                   for name, values in rows.items()}
        vg = medians.get("volumegate")
        for name, (value, cpu, p50) in medians.items():
            ratio = ""
            if name != "volumegate" and vg and value:
                ratio = f"volumegate/{name} = {vg[0] / value:.2f}"
            print(f"{scenario:<42}{name:<16}{value:>12.1f}{cpu:>12.0f}{p50:>10.0f}   {ratio}")
    print()
    for name, t in servers.targets.items():
        pids = nginx_worker_pids(t.pid) + [t.pid] if name == "nginx" else [t.pid]
        print(f"peak RSS {name}: {max(status_mib(p, 'VmHWM') for p in pids):.0f} MiB")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=15, help="seconds of unmeasured GETs per target first")
    parser.add_argument("--only", default="small,large,list,idle")
    parser.add_argument("--large-mib", type=int, default=1024)
    parser.add_argument("--list-keys", type=int, default=10000)
    parser.add_argument("--war", default=os.path.join(ROOT, "target", "volumegate.war"))
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--heap", default="", help="JVM options of both Java servers (default: the run command's)")
    args = parser.parse_args()
    parts = args.only.split(",")

    work = tempfile.mkdtemp(prefix="vg-bench-peers.", dir=os.environ.get("BENCH_DIR"))
    if not args.no_build:
        subprocess.run(["mvn", "-B", "-q", "-o", "package", "-DskipTests"], cwd=ROOT, check=True)
    subprocess.run(["mvn", "-B", "-q", "-o", "dependency:copy",
                    "-Dartifact=fish.payara.extras:payara-micro:6.2025.10", f"-DoutputDirectory={work}"],
                   cwd=ROOT, check=True)
    micro = [os.path.join(work, f) for f in os.listdir(work) if f.startswith("payara-micro")][0]
    heap = args.heap.split() if args.heap else run_command_jvm_options()
    servers = Servers(work, heap)
    try:
        servers.vg_volume = servers.start_volumegate(args.war, micro)
        servers.s3proxy_data = servers.start_s3proxy()
        servers.nginx_root = servers.start_nginx()
        place_small_objects([servers.vg_volume, servers.s3proxy_data, servers.nginx_root])
        print(f"servers: " + ", ".join(f"{n} {t.endpoint} pid {t.pid}" for n, t in servers.targets.items()),
              file=sys.stderr)
        results = {}
        if "small" in parts:
            run_small(servers, args, results)
        if "large" in parts:
            run_large(servers, args, results)
        if "list" in parts:
            run_list(servers, args, results)
        if "idle" in parts:
            run_idle(servers, args, results)
        report(results, servers)
    finally:
        servers.stop()
        if os.environ.get("KEEP") != "1":
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}", file=sys.stderr)


def run_command_jvm_options():
    """The JVM options the README's run command gives Payara Micro (pom: javaCommandLineOptions)."""
    with open(os.path.join(ROOT, "pom.xml")) as f:
        pom = f.read()
    block = re.search(r"<javaCommandLineOptions>(.*?)</javaCommandLineOptions>", pom, re.S).group(1)
    options = []
    for key, value in re.findall(r"<key>(.*?)</key>(?:\s*<value>(.*?)</value>)?", block, re.S):
        if key.startswith("-Dvolumegate.volume"):
            continue
        options.append(key + ("=" + value if value else ""))
    return options


if __name__ == "__main__":
    main()
