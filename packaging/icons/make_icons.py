#!/usr/bin/env python3
"""Draws ConvViz's icon: a 5x5 input grid with a 3x3 window highlighted. One list of shapes gives both the SVG and the PNGs
(48, 128 and 256 px), so they always agree. Standard-library Python only and
byte for byte the same on every run (a test checks the committed files).

Usage: python3 packaging/icons/make_icons.py [OUT_DIR]   (default: beside this script)
"""
import math
import os
import struct
import sys
import zlib

SIZE = 256  # the SVG's user units; the PNGs scale it
PALETTE = [
    None,                  # 0: transparent
    (0x1E, 0x29, 0x3B),    # 1: background, slate
    (0x47, 0x55, 0x69),    # 2: an input cell
    (0xF5, 0x9E, 0x0B),    # 3: the window's frame, amber
    (0xFC, 0xD3, 0x4D),    # 4: a cell under the window
]


def shapes():
    """(x, y, w, h, corner radius, palette index), painted in order."""
    out = [(8, 8, 240, 240, 44, 1)]
    cell, gap = 34, 7
    pitch = cell + gap
    left = top = (SIZE - (5 * pitch - gap)) // 2
    window_left, window_top = left + pitch, top + pitch  # the window at row 1, column 1
    frame = 3 * pitch - gap + 14
    out.append((window_left - 7, window_top - 7, frame, frame, 11, 3))
    for row in range(5):
        for col in range(5):
            inside = 1 <= row <= 3 and 1 <= col <= 3
            out.append((left + col * pitch, top + row * pitch, cell, cell, 6, 4 if inside else 2))
    return out


def svg():
    lines = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">'
             % (SIZE, SIZE, SIZE, SIZE),
             '  <title>ConvViz</title>']
    for x, y, w, h, r, colour in shapes():
        rgb = "#%02x%02x%02x" % PALETTE[colour]
        lines.append('  <rect x="%d" y="%d" width="%d" height="%d" rx="%d" fill="%s"/>'
                     % (x, y, w, h, r, rgb))
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def raster(pixels, samples=4):
    """RGBA rows: each shape's rounded rectangle, filled span by span on a
    grid `samples` times finer, then averaged (premultiplied) per pixel."""
    fine = pixels * samples
    scale = fine / SIZE
    index = bytearray(fine * fine)
    for x, y, w, h, r, colour in shapes():
        x0, y0, x1, y1, rad = x * scale, y * scale, (x + w) * scale, (y + h) * scale, r * scale
        for row in range(max(0, int(y0)), min(fine, int(math.ceil(y1)))):
            cy = row + 0.5
            if cy < y0 or cy >= y1:
                continue
            dy = max(y0 + rad - cy, cy - (y1 - rad), 0.0)
            inset = rad - math.sqrt(max(rad * rad - dy * dy, 0.0)) if dy > 0 else 0.0
            a = max(0, int(math.ceil(x0 + inset - 0.5)))
            b = min(fine, int(math.ceil(x1 - inset - 0.5)))
            if b > a:
                index[row * fine + a:row * fine + b] = bytes([colour]) * (b - a)
    rows = []
    n = samples * samples
    for py in range(pixels):
        out = bytearray()
        for px in range(pixels):
            counts = [0] * len(PALETTE)
            for sy in range(samples):
                base = (py * samples + sy) * fine + px * samples
                for c in index[base:base + samples]:
                    counts[c] += 1
            covered = n - counts[0]
            if covered == 0:
                out += b"\0\0\0\0"
                continue
            rgb = [sum(PALETTE[c][k] * counts[c] for c in range(1, len(PALETTE))) for k in range(3)]
            out += bytes(int(v / covered + 0.5) for v in rgb) + bytes([int(255 * covered / n + 0.5)])
        rows.append(bytes(out))
    return rows


def png(rows, pixels):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    raw = b"".join(b"\0" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", pixels, pixels, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "convviz.svg"), "w", encoding="utf-8", newline="\n") as f:
        f.write(svg())
    for pixels in (48, 128, 256):
        with open(os.path.join(out_dir, "convviz-%d.png" % pixels), "wb") as f:
            f.write(png(raster(pixels), pixels))


if __name__ == "__main__":
    main()
