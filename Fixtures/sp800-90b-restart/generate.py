#!/usr/bin/env python3
"""Writes the restart-test input files (row dataset format: 1000 restarts x 1000 samples,
one sample per byte) used by Fixtures/sp800-90b-restart.

Every file is a deterministic function of SplitMix64 seeded as below, so the Swift tests
regenerate the same bytes (RestartFixtureData.swift) and check them by their FNV-1a-64 hash.

Usage: python3 generate.py OUTDIR
"""
import sys, os

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


ROWS = COLS = 1000


def good8():
    g = SplitMix64(0x5EED0001)
    return bytes(g.next() >> 56 for _ in range(ROWS * COLS))


def biased8():
    # With probability 1/16 (top 4 bits of one draw zero) the sample is 0, else uniform.
    g = SplitMix64(0x5EED0002)
    out = bytearray()
    for _ in range(ROWS * COLS):
        x = g.next()
        out.append(0 if (x >> 60) == 0 else (x & 0xFF))
    return bytes(out)


def stuckfirst8():
    # Uniform bytes, but the first sample after every restart is 0x00 (column 0 constant).
    g = SplitMix64(0x5EED0003)
    out = bytearray()
    for i in range(ROWS):
        for j in range(COLS):
            x = g.next() >> 56
            out.append(0 if j == 0 else x)
    return bytes(out)


def good1():
    g = SplitMix64(0x5EED0004)
    return bytes(g.next() >> 63 for _ in range(ROWS * COLS))


def counter8():
    # Each restart counts up from a random start: M[i][j] = (s_i + j) mod 256.
    g = SplitMix64(0x5EED0005)
    out = bytearray()
    for i in range(ROWS):
        s = g.next() >> 56
        out.extend((s + j) & 0xFF for j in range(COLS))
    return bytes(out)


def fnv1a64(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & MASK
    return h


DATASETS = {"good8": good8, "biased8": biased8, "stuckfirst8": stuckfirst8,
            "good1": good1, "counter8": counter8}

if __name__ == "__main__":
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for name, make in DATASETS.items():
        data = make()
        with open(os.path.join(outdir, name + ".bin"), "wb") as f:
            f.write(data)
        print(f"{name}.bin fnv1a64=0x{fnv1a64(data):016x}")
