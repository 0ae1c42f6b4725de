#!/usr/bin/python3
"""Cross-checks `convviz compute` against torch.nn.Conv2d on random configs.

Needs Debian's python3-torch and a built ./build/convviz; not part of CI
(the committed fixtures are). Usage:
    /usr/bin/python3 tests/golden/check_against_torch.py [COUNT] [SEED]
Prints the worst relative error and exits 1 if any config is off by more
than 1e-5 relative to sum(|w·x|) + |b| of its output element, or if one
side accepts what the other rejects. A quarter of the padding amounts are
negative (F.pad crops in every mode but zeros), and 15 % of the inputs are
unbatched [C, H, W]. CONVVIZ=path/to/convviz
picks another build.
"""
import collections
import json
import os
import pathlib
import random
import subprocess
import sys
import tempfile

import numpy as np
import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONVVIZ = pathlib.Path(os.environ.get("CONVVIZ", ROOT / "build" / "convviz"))


def random_padding(rng):
    """0..3, or a crop of 1..6 a quarter of the time (some crop the whole input)."""
    return -rng.randint(1, 6) if rng.random() < 0.25 else rng.randint(0, 3)


def has_crop(config):
    return isinstance(config["padding"], list) and min(config["padding"]) < 0


def random_config(rng):
    groups = rng.randint(1, 3)
    config = dict(
        in_channels=groups * rng.randint(1, 4), out_channels=groups * rng.randint(1, 3),
        kernel_size=[rng.randint(1, 5), rng.randint(1, 5)],
        stride=[rng.randint(1, 3), rng.randint(1, 3)],
        padding=[random_padding(rng), random_padding(rng)],
        dilation=[rng.randint(1, 3), rng.randint(1, 3)], groups=groups,
        bias=rng.random() < 0.7,
        padding_mode=rng.choice(["zeros", "reflect", "replicate", "circular"]))
    choice = rng.random()
    if choice < 0.15:
        config["padding"], config["stride"] = "same", 1
    elif choice < 0.25:
        config["padding"] = "valid"
    shape = [rng.randint(1, 3), config["in_channels"], rng.randint(1, 24), rng.randint(1, 24)]
    if rng.random() < 0.15:
        shape = shape[1:]  # unbatched [C, H, W]: torch 1.13 returns [C_out, H_out, W_out]
    return config, shape


def torch_forward(config, x, generator):
    conv = torch.nn.Conv2d(**config)
    with torch.no_grad():
        conv.weight.copy_(torch.randn(conv.weight.shape, generator=generator))
        if conv.bias is not None:
            conv.bias.copy_(torch.randn(conv.bias.shape, generator=generator))
        y = conv(x)
        # The scale each output element is compared at: sum |w·x| + |b|.
        abs_conv = torch.nn.Conv2d(**{**config, "bias": False})
        abs_conv.weight.copy_(conv.weight.abs())
        scale = abs_conv(x.abs())
        if conv.bias is not None:
            scale += conv.bias.abs().reshape(-1, 1, 1)  # batched or not
    return conv, y, scale


def run_convviz(tmp, with_bias):
    args = [str(CONVVIZ), "compute", "--config", str(tmp / "c.json"), "--input",
            str(tmp / "x.npy"), "--weight", str(tmp / "w.npy"), "--output", str(tmp / "y.npy")]
    if with_bias:
        args += ["--bias", str(tmp / "b.npy")]
    return subprocess.run(args, capture_output=True, text=True)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    generator = torch.Generator().manual_seed(1)
    worst, checked, rejected = 0.0, 0, 0
    tally = collections.Counter()  # (negative padding?, accepted?) -> configs
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        while checked < count:
            config, shape = random_config(rng)
            x = torch.randn(shape, generator=generator)
            (tmp / "c.json").write_text(json.dumps(config))
            np.save(tmp / "x.npy", x.numpy())
            try:
                conv, y, scale = torch_forward(config, x, generator)
            except (RuntimeError, ValueError) as error:
                # torch rejects it: convviz must reject it too, with exit 2.
                weight_shape = [config["out_channels"], config["in_channels"] // config["groups"],
                                *config["kernel_size"]]
                np.save(tmp / "w.npy", np.zeros(weight_shape, np.float32))
                np.save(tmp / "b.npy", np.zeros([config["out_channels"]], np.float32))
                run = run_convviz(tmp, config["bias"])
                if run.returncode != 2:
                    print(f"torch rejects {config} {shape} ({error}) but convviz exits "
                          f"{run.returncode}")
                    sys.exit(1)
                rejected += 1
                tally[(has_crop(config), False)] += 1
                continue
            np.save(tmp / "w.npy", conv.weight.detach().numpy())
            if conv.bias is not None:
                np.save(tmp / "b.npy", conv.bias.detach().numpy())
            run = run_convviz(tmp, conv.bias is not None)
            if run.returncode != 0:
                print(f"convviz rejected {config} {shape}: {run.stderr.strip()}")
                sys.exit(1)
            ours = torch.from_numpy(np.load(tmp / "y.npy"))
            if ours.shape != y.shape:
                print(f"shape {list(ours.shape)} != torch's {list(y.shape)} on {config} {shape}")
                sys.exit(1)
            error = ((ours - y).abs() / scale.clamp(min=1.0)).max().item()
            worst = max(worst, error)
            if error > 1e-5:
                print(f"mismatch {error:.3g} on {config} {shape}")
                sys.exit(1)
            checked += 1
            tally[(has_crop(config), True)] += 1
    print(f"negative padding: {tally[(True, True)]} agreed, {tally[(True, False)]} rejected "
          f"by both; non-negative: {tally[(False, True)]} agreed, {tally[(False, False)]} "
          f"rejected by both")
    print(f"{checked} random configs agree with torch {torch.__version__} (worst relative "
          f"error {worst:.3g}); {rejected} more were rejected by both")


if __name__ == "__main__":
    main()
