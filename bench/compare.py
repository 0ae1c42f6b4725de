#!/usr/bin/python3
"""ConvViz's engine against PyTorch, timed side by side in one run.

For each thread count it measures the machine's peak FP32 FMA throughput
(`convviz bench --peak`), times `convviz bench --shapes` and then
torch.nn.functional.conv2d on the same shapes with torch.set_num_threads(T),
and prints one table per thread count plus the geometric mean of the
speed-ups. PyTorch is timed end to end: NCHW float32 in and out, after
warm-up (0.3 s per shape), with OMP_WAIT_POLICY=ACTIVE unless set; non-zeros
padding modes go through F.pad first, as nn.Conv2d does.

Run with Debian's python3-torch:
    /usr/bin/python3 bench/compare.py [--convviz build/convviz] [--threads 1 2]
The shapes (bench/shapes.json's format: a name, nn.Conv2d's config, the input
shape) as read, with their MACs, need no PyTorch:
    python3 bench/compare.py --list-shapes
"""
import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time

# PyTorch at its best on this kind of machine: with OpenMP's default wait
# policy its threads fall asleep between calls and 2-thread timings vary by 2x
# from run to run; spinning (as ConvViz's own pool does) makes them steady.
os.environ.setdefault("OMP_WAIT_POLICY", "ACTIVE")

# Imported in main(), after the environment it reads; --list-shapes runs without it.
torch = None
F = None

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--convviz", default=os.path.join(HERE, "..", "build", "convviz"))
    p.add_argument("--shapes", nargs="+",
                   default=[os.path.join(HERE, "shapes.json"), os.path.join(HERE, "extra_shapes.json")])
    p.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    p.add_argument("--repeat", type=int, default=30)
    p.add_argument("--markdown", action="store_true", help="print tables as Markdown (for the README)")
    p.add_argument("--list-shapes", action="store_true",
                   help="print the shapes as read, with their MACs, and stop (needs no PyTorch)")
    return p.parse_args()


def import_torch():
    global torch, F
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        sys.exit("compare.py: PyTorch is missing: sudo apt-get install python3-torch, then run "
                 "with /usr/bin/python3")


def run_convviz(binary, *args):
    if not os.access(binary, os.X_OK):
        sys.exit(f"compare.py: no convviz at {binary}: build it first "
                 "(cmake -S . -B build && cmake --build build -j2) or pass --convviz PATH")
    done = subprocess.run([binary, "bench", *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"compare.py: convviz bench {' '.join(args)} failed: {done.stderr.strip()}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def pair(value):
    return tuple(value) if isinstance(value, list) else (value, value)


CONFIG_KEYS = {"in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation",
               "groups", "bias", "padding_mode"}


def read_shapes(paths):
    """The shapes files' entries: {"name", "config": nn.Conv2d's arguments, "input_shape": [N, C, H, W]}.

    convviz bench checks them fully; this checks enough to fail here with the shape's name
    rather than inside PyTorch."""
    shapes = []
    for path in paths:
        with open(path) as f:
            entries = json.load(f)["shapes"]
        for i, shape in enumerate(entries, 1):
            where = f"{path} shape {i} ({shape.get('name')!r})"
            config, dims = shape.get("config"), shape.get("input_shape")
            if not isinstance(config, dict) or not set(config) <= CONFIG_KEYS:
                sys.exit(f"compare.py: {where}: \"config\" must hold nn.Conv2d's arguments only")
            if not (isinstance(dims, list) and len(dims) == 4 and dims[1] == config.get("in_channels")):
                sys.exit(f"compare.py: {where}: \"input_shape\" must be [N, in_channels, H, W]")
            shapes.append(shape)
    return shapes


def output_size(size, kernel, stride, padding, dilation):
    """PyTorch's H_out (or W_out) for one dimension."""
    if padding == "same":
        return size
    pad = 0 if padding == "valid" else padding
    return (size + 2 * pad - dilation * (kernel - 1) - 1) // stride + 1


def macs(shape):
    """MACs = N*out_channels*H_out*W_out*(in_channels/groups)*kh*kw, as shapes.json says."""
    c = shape["config"]
    n, _, h, w = shape["input_shape"]
    kernel, stride, dilation = pair(c["kernel_size"]), pair(c.get("stride", 1)), pair(c.get("dilation", 1))
    padding = c.get("padding", 0)
    padding = (padding, padding) if isinstance(padding, str) else pair(padding)
    out = [output_size(*dims) for dims in zip((h, w), kernel, stride, padding, dilation)]
    return n * c["out_channels"] * out[0] * out[1] * (c["in_channels"] // c.get("groups", 1)) * kernel[0] * kernel[1]


def torch_call(shape):
    """A closure that runs the shape's forward pass exactly as nn.Conv2d would.

    The module is built from the config to take PyTorch's own reading of it (pairs, "same", the
    padding F.pad adds); the timed call is F.conv2d itself, without the module's Python overhead."""
    g = torch.Generator().manual_seed(0)
    x = torch.randn(*shape["input_shape"], generator=g)
    m = torch.nn.Conv2d(**shape["config"])
    w = torch.randn(*m.weight.shape, generator=g)
    b = torch.randn(m.out_channels, generator=g) if m.bias is not None else None
    if m.padding_mode == "zeros":
        return lambda: F.conv2d(x, w, b, m.stride, m.padding, m.dilation, m.groups)
    widths = m._reversed_padding_repeated_twice
    return lambda: F.conv2d(F.pad(x, widths, mode=m.padding_mode), w, b, m.stride, 0, m.dilation, m.groups)


def time_torch(call, repeat, warmup_s=0.3):
    """Median and minimum ms per call; each sample lasts at least 0.5 ms, as in convviz bench.

    Warm-up runs for a fixed time rather than a fixed count: PyTorch's first calls on a shape
    create oneDNN primitives and settle its thread pool, and a few calls are not always enough."""
    with torch.no_grad():
        start = time.perf_counter()
        while time.perf_counter() - start < warmup_s:
            call()
        calls = 1
        while True:
            start = time.perf_counter()
            for _ in range(calls):
                call()
            if time.perf_counter() - start >= 5e-4 or calls >= 1 << 20:
                break
            calls *= 2
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            for _ in range(calls):
                call()
            samples.append((time.perf_counter() - start) * 1e3 / calls)
    return statistics.median(samples), min(samples)


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def print_table(rows, threads, peak, markdown):
    head = ["shape", "MFLOP", "ConvViz ms", "PyTorch ms", "speed-up", "GFLOP/s", "% of peak", "algorithm"]
    lines = []
    for r in rows:
        lines.append([r["name"], f"{r['mflop']:.2f}", f"{r['ours']:.4g}", f"{r['torch']:.4g}",
                      f"{r['speedup']:.2f}x", f"{r['gflops']:.1f}", f"{100 * r['gflops'] / peak:.0f}%",
                      r["algorithm"]])
    print(f"\n{threads} thread{'s' if threads > 1 else ''}: peak measured {peak:.0f} GFLOP/s")
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join(["---"] + ["---:"] * 6 + ["---"]) + "|")
        for line in lines:
            print("| " + " | ".join(line) + " |")
    else:
        widths = [max(len(str(c)) for c in col) for col in zip(head, *lines)]
        for line in [head] + lines:
            print("  ".join(str(c).ljust(w) if i in (0, 7) else str(c).rjust(w)
                            for i, (c, w) in enumerate(zip(line, widths))))


def main():
    args = parse_args()
    if len(args.threads) > 1 and not args.list_shapes:
        # One fresh process per thread count: PyTorch 1.13's OpenMP pool runs
        # measurably slower after set_num_threads lowers and then raises it.
        for threads in args.threads:
            rest = [a for a in sys.argv[1:]]
            if "--threads" in rest:
                i = rest.index("--threads")
                j = i + 1
                while j < len(rest) and not rest[j].startswith("--"):
                    j += 1
                del rest[i:j]
            done = subprocess.run([sys.executable, os.path.abspath(__file__), *rest, "--threads", str(threads)])
            if done.returncode != 0:
                sys.exit(done.returncode)
        return
    shapes = read_shapes(args.shapes)
    if args.list_shapes:
        for shape in shapes:
            print(f"{shape['name']}  input {shape['input_shape']}  MACs {macs(shape)}")
        return
    import_torch()
    print(f"CPU: {cpu_name()}, {os.cpu_count()} hardware threads; PyTorch {torch.__version__}")
    for threads in args.threads:
        peak = run_convviz(args.convviz, "--peak", "--threads", str(threads), "--json")[0]
        ours = []
        for path in args.shapes:
            ours += run_convviz(args.convviz, "--shapes", path, "--threads", str(threads),
                                "--repeat", str(args.repeat), "--json")
        torch.set_num_threads(threads)
        rows = []
        for shape, mine in zip(shapes, ours):
            assert shape["name"] == mine["name"] and macs(shape) == mine["macs"], (shape, mine)
            median, _ = time_torch(torch_call(shape), args.repeat)
            rows.append({"name": shape["name"], "mflop": 2 * mine["macs"] / 1e6, "ours": mine["median_ms"],
                         "torch": median, "speedup": median / mine["median_ms"], "gflops": mine["gflops"],
                         "algorithm": mine["algorithm"]})
        print(f"SIMD target {peak['simd_target']}")
        print_table(rows, threads, peak["peak_gflops"], args.markdown)
        main_rows = rows[:8] if len(rows) >= 8 else rows
        geomean = math.exp(sum(math.log(r["speedup"]) for r in main_rows) / len(main_rows))
        slowest = min(main_rows, key=lambda r: r["speedup"])
        print(f"geometric-mean speed-up over PyTorch ({len(main_rows)} shapes of {os.path.basename(args.shapes[0])}): "
              f"{geomean:.2f}x; slowest {slowest['name']} at {slowest['speedup']:.2f}x")


if __name__ == "__main__":
    main()
