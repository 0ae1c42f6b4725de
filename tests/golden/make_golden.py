#!/usr/bin/python3
"""Makes the golden fixtures the C++ tests compare against, with PyTorch.

Run with Debian's python3-torch (apt-get install python3-torch):
    /usr/bin/python3 tests/golden/make_golden.py
It rewrites tests/golden/: one folder per forward case (config.json, x.npy,
w.npy, [b.npy], y.npy = torch.nn.Conv2d(**config)(x)), manifest.json listing
them, padding/ (torch.nn.functional.pad of one input in every mode) and
validation_cases.json (which specs PyTorch accepts, and its message when
not). Seeded, so a rerun gives the same files. CI never runs this script.
"""
import json
import struct
import zlib
import pathlib
import shutil

import numpy as np
import torch

HERE = pathlib.Path(__file__).resolve().parent

# name, input shape [N, C, H, W], nn.Conv2d keyword arguments
FORWARD_CASES = [
    ("zeros_k3_p1", [1, 1, 5, 5], dict(in_channels=1, out_channels=1, kernel_size=3, padding=1)),
    ("reflect_k3_p2", [1, 2, 6, 7],
     dict(in_channels=2, out_channels=3, kernel_size=3, padding=2, padding_mode="reflect")),
    ("replicate_nonsquare", [1, 2, 5, 6],
     dict(in_channels=2, out_channels=2, kernel_size=[2, 3], padding=[1, 2],
          padding_mode="replicate")),
    ("circular_pad_equals_size", [1, 1, 3, 4],
     dict(in_channels=1, out_channels=2, kernel_size=3, padding=[3, 2], padding_mode="circular")),
    ("nonsquare_everything", [1, 4, 9, 11],
     dict(in_channels=4, out_channels=6, kernel_size=[3, 2], stride=[2, 3], padding=[1, 2],
          dilation=[2, 1], groups=2)),
    ("dilation_3", [1, 3, 10, 10],
     dict(in_channels=3, out_channels=4, kernel_size=3, dilation=3, padding=3)),
    ("groups_2", [1, 4, 6, 6],
     dict(in_channels=4, out_channels=4, kernel_size=3, padding=1, groups=2)),
    ("depthwise_multiplier_2", [1, 3, 7, 6],
     dict(in_channels=3, out_channels=6, kernel_size=3, padding=1, groups=3)),
    ("bias_off", [1, 2, 5, 5],
     dict(in_channels=2, out_channels=3, kernel_size=3, padding=1, bias=False)),
    ("batch_3", [3, 2, 5, 4], dict(in_channels=2, out_channels=2, kernel_size=[3, 2], padding=1)),
    ("same_even_kernel", [1, 2, 7, 8],
     dict(in_channels=2, out_channels=2, kernel_size=[4, 2], padding="same", dilation=[1, 2])),
    ("same_reflect", [1, 1, 6, 6],
     dict(in_channels=1, out_channels=2, kernel_size=[4, 3], padding="same",
          padding_mode="reflect")),
    ("same_circular_dilated", [2, 2, 6, 5],
     dict(in_channels=2, out_channels=2, kernel_size=3, padding="same", dilation=2,
          padding_mode="circular")),
    ("valid", [1, 2, 6, 5], dict(in_channels=2, out_channels=1, kernel_size=3, padding="valid")),
    ("output_1x1", [1, 1, 3, 3], dict(in_channels=1, out_channels=1, kernel_size=3)),
    ("output_1x1_big_stride", [1, 2, 4, 4],
     dict(in_channels=2, out_channels=2, kernel_size=3, stride=5)),
    ("stride_replicate", [1, 3, 9, 8],
     dict(in_channels=3, out_channels=2, kernel_size=2, stride=[3, 2], padding=[2, 1],
          padding_mode="replicate")),
    ("kernel_1x1", [2, 5, 4, 3], dict(in_channels=5, out_channels=3, kernel_size=1)),
    # Negative padding: F.pad crops, then the convolution runs on what is left.
    ("negative_reflect_issue_11", [1, 1, 8, 8],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=[-1, 1], padding_mode="reflect")),
    ("negative_replicate_both_axes", [1, 2, 7, 9],
     dict(in_channels=2, out_channels=3, kernel_size=[2, 3], stride=[1, 2], padding=[-2, -1],
          padding_mode="replicate")),
    ("negative_circular_width", [2, 2, 6, 5],
     dict(in_channels=2, out_channels=2, kernel_size=[3, 2], dilation=[2, 1], padding=[2, -1],
          padding_mode="circular")),
    ("negative_reflect_groups_stride", [1, 4, 9, 10],
     dict(in_channels=4, out_channels=2, kernel_size=[2, 3], stride=2, padding=[-3, 2],
          groups=2, padding_mode="reflect")),
]

# name, input shape, nn.Conv2d keyword arguments: PyTorch decides.
VALIDATION_CASES = [
    ("accepts_textbook", [1, 1, 5, 5], dict(in_channels=1, out_channels=1, kernel_size=3, padding=1)),
    ("groups_not_dividing_in", [1, 4, 5, 5], dict(in_channels=4, out_channels=6, kernel_size=3, groups=3)),
    ("groups_not_dividing_out", [1, 4, 5, 5], dict(in_channels=4, out_channels=3, kernel_size=3, groups=2)),
    ("groups_zero", [1, 4, 5, 5], dict(in_channels=4, out_channels=4, kernel_size=3, groups=0)),
    ("groups_negative", [1, 4, 5, 5], dict(in_channels=4, out_channels=4, kernel_size=3, groups=-2)),
    ("stride_zero", [1, 1, 5, 5], dict(in_channels=1, out_channels=1, kernel_size=3, stride=0)),
    ("stride_negative", [1, 1, 5, 5], dict(in_channels=1, out_channels=1, kernel_size=3, stride=[1, -1])),
    ("dilation_zero", [1, 1, 5, 5], dict(in_channels=1, out_channels=1, kernel_size=3, dilation=0)),
    ("padding_negative", [1, 1, 5, 5], dict(in_channels=1, out_channels=1, kernel_size=3, padding=-1)),
    ("same_with_stride_2", [1, 1, 5, 5],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding="same", stride=2)),
    ("same_with_stride_1", [1, 1, 5, 5],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding="same", stride=1)),
    ("kernel_bigger_than_input", [1, 1, 4, 4], dict(in_channels=1, out_channels=1, kernel_size=5)),
    ("kernel_fits_padded_input", [1, 1, 4, 4], dict(in_channels=1, out_channels=1, kernel_size=5, padding=1)),
    ("dilated_kernel_too_big", [1, 1, 4, 4], dict(in_channels=1, out_channels=1, kernel_size=3, dilation=2)),
    ("dilated_kernel_fits", [1, 1, 5, 5], dict(in_channels=1, out_channels=1, kernel_size=3, dilation=2)),
    ("kernel_too_wide_only", [1, 1, 3, 4], dict(in_channels=1, out_channels=1, kernel_size=[1, 5])),
    ("valid_kernel_too_big", [1, 1, 2, 6], dict(in_channels=1, out_channels=1, kernel_size=3, padding="valid")),
    ("reflect_pad_equals_width", [1, 1, 3, 3],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=3, padding_mode="reflect")),
    ("reflect_pad_below_width", [1, 1, 3, 3],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=2, padding_mode="reflect")),
    ("reflect_pad_too_big_in_height_only", [1, 1, 2, 6],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=[2, 1], padding_mode="reflect")),
    ("circular_pad_equals_width", [1, 1, 3, 3],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=3, padding_mode="circular")),
    ("circular_pad_above_width", [1, 1, 3, 3],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=4, padding_mode="circular")),
    ("replicate_pad_large", [1, 1, 3, 3],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=10, padding_mode="replicate")),
    ("same_reflect_kernel_8_on_4", [1, 1, 4, 4],
     dict(in_channels=1, out_channels=1, kernel_size=8, padding="same", padding_mode="reflect")),
    ("same_reflect_kernel_7_on_4", [1, 1, 4, 4],
     dict(in_channels=1, out_channels=1, kernel_size=7, padding="same", padding_mode="reflect")),
    ("same_circular_kernel_9_on_4", [1, 1, 4, 4],
     dict(in_channels=1, out_channels=1, kernel_size=9, padding="same", padding_mode="circular")),
    ("same_circular_kernel_11_on_4", [1, 1, 4, 4],
     dict(in_channels=1, out_channels=1, kernel_size=11, padding="same", padding_mode="circular")),
    ("depthwise", [1, 8, 5, 5], dict(in_channels=8, out_channels=8, kernel_size=3, groups=8)),
    ("output_one_row", [1, 1, 3, 7], dict(in_channels=1, out_channels=1, kernel_size=3)),
    # Negative padding: refused by F.conv2d (zeros), a crop through F.pad otherwise.
    ("negative_zeros_width_only", [1, 1, 8, 8],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=[1, -1])),
    ("negative_reflect_crops", [1, 1, 8, 8],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=[-1, 1], padding_mode="reflect")),
    ("negative_replicate_crop_beyond_input", [1, 1, 5, 5],
     dict(in_channels=1, out_channels=1, kernel_size=1, padding=[-3, 0],
          padding_mode="replicate")),
    ("negative_reflect_crop_far_beyond_input", [1, 1, 5, 5],
     dict(in_channels=1, out_channels=1, kernel_size=1, padding=-6, padding_mode="reflect")),
    ("negative_reflect_crop_everything", [1, 1, 6, 6],
     dict(in_channels=1, out_channels=1, kernel_size=1, padding=[-3, 1], padding_mode="reflect")),
    ("negative_circular_leaves_fewer_rows_than_kernel", [1, 1, 6, 6],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=-2, padding_mode="circular")),
    ("negative_circular_leaves_exactly_the_kernel", [1, 1, 7, 7],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=-2, padding_mode="circular")),
    ("negative_replicate_dilated_kernel_too_big", [1, 1, 9, 9],
     dict(in_channels=1, out_channels=1, kernel_size=3, dilation=4, padding=[-1, 0],
          padding_mode="replicate")),
    ("negative_height_reflect_width_equals_size", [1, 1, 8, 3],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=[-1, 3], padding_mode="reflect")),
    ("negative_height_reflect_width_below_size", [1, 1, 8, 3],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=[-1, 2], padding_mode="reflect")),
    ("negative_height_circular_width_equals_size", [1, 1, 8, 3],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=[-2, 3], padding_mode="circular")),
    ("negative_width_circular_height_above_size", [1, 1, 3, 8],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=[4, -1], padding_mode="circular")),
    ("negative_replicate_other_axis_huge", [1, 1, 3, 8],
     dict(in_channels=1, out_channels=1, kernel_size=3, padding=[20, -2], padding_mode="replicate")),
]


def tensor(shape, generator):
    return torch.randn(*shape, generator=generator, dtype=torch.float32)


def save(path, array):
    np.save(path, np.ascontiguousarray(array, dtype=np.float32))


def config_json(kwargs):
    config = dict(stride=1, padding=0, padding_mode="zeros", dilation=1, groups=1, bias=True)
    config.update(kwargs)
    return config


def make_forward_cases():
    generator = torch.Generator().manual_seed(20261126)
    manifest = []
    for name, shape, kwargs in FORWARD_CASES:
        folder = HERE / name
        folder.mkdir()
        conv = torch.nn.Conv2d(**kwargs)
        with torch.no_grad():
            conv.weight.copy_(tensor(conv.weight.shape, generator))
            if conv.bias is not None:
                conv.bias.copy_(tensor(conv.bias.shape, generator))
            x = tensor(shape, generator)
            y = conv(x)
        (folder / "config.json").write_text(json.dumps(config_json(kwargs), indent=1) + "\n")
        save(folder / "x.npy", x.numpy())
        save(folder / "w.npy", conv.weight.detach().numpy())
        if conv.bias is not None:
            save(folder / "b.npy", conv.bias.detach().numpy())
        save(folder / "y.npy", y.numpy())
        manifest.append({"name": name, "has_bias": conv.bias is not None,
                         "output_shape": list(y.shape)})
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")


def make_padding_cases():
    folder = HERE / "padding"
    folder.mkdir()
    x = torch.arange(20, dtype=torch.float32).reshape(1, 1, 4, 5)
    save(folder / "input.npy", x.numpy())
    pads = [2, 3, 3, 1]  # left, right, top, bottom: asymmetric on purpose
    for mode in ["constant", "reflect", "replicate", "circular"]:
        padded = torch.nn.functional.pad(x, pads, mode=mode)
        save(folder / f"{mode}.npy", padded.numpy())
    (folder / "pads.json").write_text(json.dumps(
        {"left": pads[0], "right": pads[1], "top": pads[2], "bottom": pads[3]}) + "\n")
    # A negative amount crops. nn.Conv2d pads both sides of an axis alike, so
    # here the columns are cropped and the rows padded.
    crop = [-1, -1, 2, 2]
    for mode in ["reflect", "replicate", "circular"]:
        padded = torch.nn.functional.pad(x, crop, mode=mode)
        save(folder / f"crop_{mode}.npy", padded.numpy())
    (folder / "crop_pads.json").write_text(json.dumps(
        {"left": crop[0], "right": crop[1], "top": crop[2], "bottom": crop[3]}) + "\n")


def make_validation_cases():
    cases = []
    for name, shape, kwargs in VALIDATION_CASES:
        try:
            conv = torch.nn.Conv2d(**kwargs)
            conv(torch.zeros(*shape))
            accepted, message = True, ""
        except (RuntimeError, ValueError) as error:
            accepted, message = False, str(error).splitlines()[0]
        cases.append({"name": name, "input_shape": shape, "config": config_json(kwargs),
                      "torch_accepts": accepted, "torch_message": message})
    (HERE / "validation_cases.json").write_text(json.dumps(cases, indent=1) + "\n")


def make_npy_dtype_cases():
    """Real NumPy-written files for the .npy reader: conversions and errors."""
    folder = HERE / "npy"
    folder.mkdir()
    values = np.array([[1.5, -2.0, 3.0], [4.0, 0.25, -6.0]])
    np.save(folder / "float64.npy", values)
    np.save(folder / "int32.npy", np.array([[1, -2, 3], [4, 0, -6]], dtype=np.int32))
    np.save(folder / "uint8.npy", np.array([[1, 2, 3], [4, 0, 255]], dtype=np.uint8))
    np.save(folder / "int64.npy", np.array([[1, -2, 3], [4, 0, -6]], dtype=np.int64))
    np.save(folder / "bool.npy", np.array([[True, False, True], [False, False, True]]))
    np.save(folder / "fortran.npy", np.asfortranarray(values.astype(np.float32)))
    np.save(folder / "big_endian.npy", values.astype(">f4"))
    np.save(folder / "complex.npy", values.astype(np.complex64))
    np.save(folder / "scalar.npy", np.float32(7.0))


def write_png(path, rgba):
    """A minimal RGBA PNG (filter 0, no interlace): no imaging library needed."""
    height, width, _ = rgba.shape
    raw = b"".join(b"\0" + rgba[y].astype(np.uint8).tobytes() for y in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
                     chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def make_image_cases():
    """image/: a picture and what nn.Conv2d makes of it, read as torchvision's ToTensor
    would (RGB, alpha dropped, / 255), as grayscale (rgb_to_grayscale's weights), and
    kept 0-255: the CLI's --image path is checked against these."""
    folder = HERE / "image"
    folder.mkdir()
    generator = torch.Generator().manual_seed(7)
    pixels = torch.randint(0, 256, (9, 12, 4), generator=generator).numpy()
    write_png(folder / "picture.png", pixels)
    rgb = torch.from_numpy(pixels[..., :3].astype(np.float32)).permute(2, 0, 1)[None]
    r, g, b = rgb[0, 0] / 255, rgb[0, 1] / 255, rgb[0, 2] / 255
    gray = (0.2989 * r + 0.587 * g + 0.114 * b)[None, None]
    cases = [("rgb", rgb / 255, dict(in_channels=3, out_channels=2, kernel_size=3, stride=2,
                                     padding=1, padding_mode="reflect")),
             ("gray", gray, dict(in_channels=1, out_channels=1, kernel_size=3, padding=1)),
             ("raw", rgb, dict(in_channels=3, out_channels=1, kernel_size=(3, 2)))]
    for name, x, kwargs in cases:
        conv = torch.nn.Conv2d(**kwargs)
        with torch.no_grad():
            conv.weight.copy_(tensor(conv.weight.shape, generator))
            conv.bias.copy_(tensor(conv.bias.shape, generator))
            y = conv(x)
        (folder / f"config_{name}.json").write_text(json.dumps(config_json(kwargs)) + "\n")
        save(folder / f"w_{name}.npy", conv.weight.detach().numpy())
        save(folder / f"b_{name}.npy", conv.bias.detach().numpy())
        save(folder / f"y_{name}.npy", y.numpy())


def main():
    torch.manual_seed(0)
    for child in HERE.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
    make_forward_cases()
    make_padding_cases()
    make_validation_cases()
    make_npy_dtype_cases()
    make_image_cases()
    print(f"wrote fixtures to {HERE} with torch {torch.__version__}")


if __name__ == "__main__":
    main()
