#!/usr/bin/python3
"""Makes ConvViz's sample pictures, so the project owns every pixel it ships.

    python3 assets/make_samples.py [OUT_DIR]      (default: this folder)

scene.png  256x256 RGB: a gradient sky, a tilted square and a disc (edges at
           many angles), stripes at 30 degrees, a checkerboard and a few
           letter-like strokes: something for every kernel in the library.
digit.png  28x28 grayscale: a handwritten-style 3, white on black like MNIST.

Only the standard library (zlib, struct, math): deterministic, byte for byte.
"""
import math
import pathlib
import struct
import sys
import zlib


def write_png(path, width, height, channels, pixels):
    """pixels: rows of ints 0-255, `channels` per pixel (1 gray, 3 RGB)."""
    colour_type = {1: 0, 3: 2}[channels]
    raw = b"".join(b"\0" + bytes(row) for row in pixels)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
                     chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def stroke_coverage(x, y, segments, width):
    """How much a pen of this width covers pixel (x, y), with a 1-pixel soft edge."""
    d = min(segment_distance(x + 0.5, y + 0.5, *s) for s in segments)
    return max(0.0, min(1.0, width / 2 + 0.5 - d))


def scene_pixel(x, y):
    # Sky: a vertical gradient, plus a horizontal one in red.
    r, g, b = 40 + x * 0.5, 60 + y * 0.6, 200 - y * 0.4
    # Stripes at 30 degrees in the lower left.
    if x < 110 and y > 150:
        u = x * math.cos(math.radians(30)) + y * math.sin(math.radians(30))
        r, g, b = (230, 200, 60) if int(u / 9) % 2 == 0 else (90, 60, 20)
    # A checkerboard in the lower right.
    if x >= 160 and y >= 170:
        r, g, b = (250, 250, 250) if ((x - 160) // 12 + (y - 170) // 12) % 2 == 0 else (20, 20, 20)
    # A square tilted by 20 degrees.
    cx, cy, a = 70, 70, math.radians(20)
    u = (x - cx) * math.cos(a) + (y - cy) * math.sin(a)
    v = -(x - cx) * math.sin(a) + (y - cy) * math.cos(a)
    if abs(u) < 32 and abs(v) < 32:
        r, g, b = 200, 40, 40
    # A disc.
    if math.hypot(x - 185, y - 75) < 38:
        r, g, b = 30, 160, 70
    # Letter-like strokes: a C, an N and an N.
    strokes = [(120, 125, 104, 120), (104, 120, 100, 140), (100, 140, 106, 158), (106, 158, 122, 154),
               (132, 158, 132, 122), (132, 122, 150, 158), (150, 158, 150, 122),
               (160, 158, 160, 122), (160, 122, 178, 158), (178, 158, 178, 122)]
    ink = stroke_coverage(x, y, strokes, 4.0)
    r, g, b = (c * (1 - ink) + 10 * ink for c in (r, g, b))
    return [max(0, min(255, int(round(c)))) for c in (r, g, b)]


def digit_pixel(x, y):
    # A 3 drawn with a slightly shaky pen: two bowls and a waist.
    three = [(8, 6, 14, 4.5), (14, 4.5, 19, 6.5), (19, 6.5, 19.5, 10), (19.5, 10, 15, 13.5),
             (15, 13.5, 12, 13.8), (15, 13.5, 20, 16), (20, 16, 20.5, 19.5),
             (20.5, 19.5, 16, 23), (16, 23, 10, 23.2), (10, 23.2, 7, 21)]
    return [int(round(255 * stroke_coverage(x, y, three, 2.6)))]


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).parent
    out.mkdir(parents=True, exist_ok=True)
    write_png(out / "scene.png", 256, 256, 3,
              [[c for x in range(256) for c in scene_pixel(x, y)] for y in range(256)])
    write_png(out / "digit.png", 28, 28, 1,
              [[c for x in range(28) for c in digit_pixel(x, y)] for y in range(28)])
    print(f"wrote scene.png and digit.png to {out}")


if __name__ == "__main__":
    main()
