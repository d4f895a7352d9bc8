#!/usr/bin/env python3
"""Write the test organisations' photos and logos (tests/fixtures/orgs/*/):
plain drawn head-and-shoulders portraits and simple badge logos, so the
fixtures carry images without anyone's real face. Standard library only.
    python3 tools/portraits.py
"""
import math
import struct
import zlib
from pathlib import Path

ORGS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "orgs"


def png(path, w, h, pixel):
    rows = bytearray()
    for y in range(h):
        rows.append(0)
        for x in range(w):
            rows.extend(pixel(x, y))
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")
    path.write_bytes(data)


def portrait(path, seed):
    """A 120 x 150 head-and-shoulders figure on a soft background."""
    bg = [(214, 226, 240), (236, 224, 208), (220, 236, 222), (240, 220, 228)][seed % 4]
    skin = [(241, 200, 170), (198, 145, 105), (141, 95, 66), (224, 172, 130)][(seed // 4) % 4]
    shirt = [(40, 70, 120), (120, 40, 60), (50, 110, 80), (90, 90, 100)][(seed // 2) % 4]
    hair = [(60, 40, 30), (20, 20, 20), (150, 110, 60), (110, 110, 110)][(seed // 3) % 4]
    w, h = 120, 150
    cx = w / 2
    def pixel(x, y):
        if ((x - cx) / 48) ** 2 + ((y - 160) / 55) ** 2 < 1:
            return shirt
        dx, dy = (x - cx) / 27, (y - 62) / 34
        if dx * dx + dy * dy < 1:
            return hair if dy < -0.45 else skin
        if ((x - cx) / 31) ** 2 + ((y - 52) / 34) ** 2 < 1 and y < 62:
            return hair
        return bg
    png(path, w, h, pixel)


def logo(path, seed):
    """A 160 x 160 round badge in one colour."""
    ink = [(0, 94, 165), (120, 20, 60), (0, 100, 60), (80, 40, 120)][seed % 4]
    def pixel(x, y):
        r = math.hypot(x - 80, y - 80)
        if r < 70 and not (52 < r < 58):
            return ink if (r > 58 or abs(x - 80) < 10 or abs(y - 80) < 10) else (255, 255, 255)
        return (255, 255, 255)
    png(path, 160, 160, pixel)


def main():
    for i, folder in enumerate(sorted(p for p in ORGS.iterdir() if p.is_dir())):
        text = (folder / "org.toml").read_text()
        for n, name in enumerate(["dsl.png", "deputy.png"]):
            if f'"{name}"' in text:
                portrait(folder / name, i * 2 + n)
        if '"logo.png"' in text:
            logo(folder / "logo.png", i)


if __name__ == "__main__":
    main()
