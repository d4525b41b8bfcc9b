#!/usr/bin/env python3
"""Writes the extra SP 800-90B non-IID test inputs (one sample per byte) into this folder.

Deterministic: Python's random.Random (Mersenne Twister) with the fixed seeds below; run
`python3 generate.py` to reproduce the .bin files byte for byte (checked by sha256 in
cases.json). See README.md for how the expected outputs (*.res) were made.
"""
import hashlib
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def weighted(rng, n, values, weights):
    return bytes(rng.choices(values, weights=weights, k=n))


def biased_2bit(rng):
    return weighted(rng, 5000, [0, 1, 2, 3], [50, 25, 15, 10])


def markov_3bit_sparse(rng):
    # Values 1, 2, 5, 7 only (4 distinct symbols, 3 bits wide: translated), sticky transitions.
    values = [1, 2, 5, 7]
    out, state = [], 0
    for _ in range(20000):
        if rng.random() < 0.35:
            state = rng.randrange(4)
        out.append(values[state])
    return bytes(out)


def walk_6bit(rng):
    # A random walk mod 64 with small steps: strongly predictable by the lag and MCW predictors.
    out, x = [], 0
    for _ in range(20000):
        x = (x + rng.choice([-1, 0, 0, 1, 2])) % 64
        out.append(x)
    return bytes(out)


def biased_8bit_small(rng):
    return bytes(min(255, int(rng.expovariate(1 / 40))) for _ in range(3000))


def uniform_8bit_140k(rng):
    return bytes(rng.getrandbits(8) for _ in range(140000))


def mixed_width_blocks(rng):
    # Blocks of 4000: 8-bit, then 3-bit, then 8-bit (the -l 1,4000 block infers 3 bits).
    a = bytes(rng.getrandbits(8) for _ in range(4000))
    b = bytes(rng.getrandbits(3) for _ in range(4000))
    c = bytes(rng.getrandbits(8) for _ in range(4000))
    return a + b + c


def binary_0_5(rng):
    # Two distinct symbols 0 and 5: binary for the estimators, 3 bits wide.
    return weighted(rng, 6000, [0, 5], [60, 40])


def narrow_4bit(rng):
    # 4-bit data, to be declared as 6 bits per symbol.
    return bytes(rng.getrandbits(4) for _ in range(5000))


def tiny_8bit(rng):
    return bytes(rng.getrandbits(8) for _ in range(700))


def periodic_bits(rng):
    # A random 1000-bit block repeated, with rare flips: repeats far longer than 64 bits.
    block = [rng.getrandbits(1) for _ in range(1000)]
    out = []
    for i in range(20000):
        bit = block[i % 1000]
        if rng.random() < 0.001:
            bit ^= 1
        out.append(bit)
    return bytes(out)


def alternating_bits(rng):
    # 0101… with 1 % noise: the collision estimate finds no p.
    return bytes((i & 1) ^ (1 if rng.random() < 0.01 else 0) for i in range(20000))


def runs_8bit(rng):
    # Random 8-bit values, each repeated 1–20 times.
    out = []
    while len(out) < 20000:
        out.extend([rng.getrandbits(8)] * rng.randint(1, 20))
    return bytes(out[:20000])


def random_bits_small(rng):
    return bytes(rng.getrandbits(1) for _ in range(3000))


GENERATORS = {
    "biased-2bit": (biased_2bit, 901),
    "markov-3bit-sparse": (markov_3bit_sparse, 902),
    "walk-6bit": (walk_6bit, 903),
    "biased-8bit-small": (biased_8bit_small, 904),
    "uniform-8bit-140k": (uniform_8bit_140k, 905),
    "mixed-width-blocks": (mixed_width_blocks, 906),
    "binary-0-5": (binary_0_5, 907),
    "narrow-4bit": (narrow_4bit, 908),
    "tiny-8bit": (tiny_8bit, 909),
    "periodic-bits": (periodic_bits, 910),
    "alternating-bits": (alternating_bits, 911),
    "runs-8bit": (runs_8bit, 912),
    "random-bits-small": (random_bits_small, 913),
}

if __name__ == "__main__":
    digests = {}
    for name, (make, seed) in GENERATORS.items():
        data = make(random.Random(seed))
        with open(os.path.join(HERE, name + ".bin"), "wb") as f:
            f.write(data)
        digests[name] = hashlib.sha256(data).hexdigest()
    print(json.dumps(digests, indent=2))
