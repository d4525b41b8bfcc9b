#!/usr/bin/env python3
"""Runs ea_conditioning over a fixed grid of parameters and writes expected.json.

Usage: python3 run_reference.py PATH/TO/ea_conditioning > expected.json
Each case records the exact command-line arguments and the values ea_conditioning printed
(%.22Lg of a long double): "Output_Entropy(*)", "(Vetted|Non-vetted) h_out" and, for vetted
outputs above 0.999·n_out, the "epsilon = 2^(-…)" line and whether the IG D.K note followed.
"""
import json, re, subprocess, sys

exe = sys.argv[1]
cases = []
# (n_in, n_out, nw, h_in) grid; h_in <= n_in always.
sizes = [(1, 1, 1), (8, 8, 8), (64, 64, 64), (256, 256, 256), (320, 256, 256), (512, 256, 256),
         (512, 256, 128), (1024, 256, 256), (1024, 512, 512), (1000, 128, 128), (4096, 256, 256),
         (100000, 512, 512), (256, 512, 256), (128, 256, 1000000), (640, 128, 4096), (2048, 1, 64)]
fractions = [0.001, 0.1, 0.5, 0.9, 0.99, 1.0]
for n_in, n_out, nw in sizes:
    hs = sorted({round(n_in * f, 6) for f in fractions if n_in * f > 0} | {min(n_in, v) for v in (0.5, 1, 64, 255.5, 256, 257, 320, 512.5)})
    for h in hs:
        cases.append(("vetted", n_in, n_out, nw, h, None))
    for hp in (0.5, 0.9, 0.999, 1.0):
        cases.append(("non-vetted", n_in, n_out, nw, hs[len(hs) // 2], hp))
        cases.append(("non-vetted", n_in, n_out, nw, hs[-1], hp))

out = []
for kind, n_in, n_out, nw, h, hp in cases:
    def fmt(x):
        return repr(float(x)) if not float(x).is_integer() else str(int(x))
    args = (["-v"] if kind == "vetted" else ["-n"]) + [str(n_in), str(n_out), str(nw), fmt(h)] + ([fmt(hp)] if hp is not None else [])
    r = subprocess.run([exe] + args, capture_output=True, text=True)
    oe = re.search(r"Output_Entropy\(\*\) = ([0-9.eE+-]+)", r.stdout)
    ho = re.search(r"h_out = ([0-9.eE+-]+)", r.stdout)
    if r.returncode != 0 or not oe or not ho:
        print(f"failed: {args}\n{r.stdout}\n{r.stderr}", file=sys.stderr)
        continue
    eps = re.search(r"\n\s*epsilon = 2\^\(-([0-9.eE+-]+)\)", r.stdout)
    extra = {}
    if eps:
        extra["epsilon_exponent"] = eps.group(1)
        extra["ig_dk_resolution_19"] = "FIPS 140-3 IG D.K Resolution 19 Full Entropy" in r.stdout
    out.append({**extra, "args": args, "vetted": kind == "vetted", "n_in": n_in, "n_out": n_out, "nw": nw,
                "h_in": float(args[4]), "h_prime": hp, "output_entropy": oe.group(1), "h_out": ho.group(1)})
json.dump({"source": "ea_conditioning (usnistgov/SP800-90B_EntropyAssessment), see README.md",
           "cases": out}, sys.stdout, indent=1)
print()
