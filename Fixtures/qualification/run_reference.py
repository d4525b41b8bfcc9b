#!/usr/bin/env python3
"""Runs the reference command lines a qualification wrote (EVIDENCE/reference-commands.sh)
with NIST's programs in TOOLDIR and prints expected.json: each command, its exit code, the
figures it printed, and its full output.

    python3 run_reference.py TOOLDIR EVIDENCE > expected.json

TOOLDIR holds ea_non_iid, ea_iid, ea_restart and ea_conditioning built from
usnistgov/SP800-90B_EntropyAssessment (see ../sp800-90b-restart/README.md for the build).
"""
import json
import re
import subprocess
import sys

FIGURES = {
    "ea_non_iid": [("H_original", r"^H_original: (\S+)"), ("H_bitstring", r"^H_bitstring: (\S+)"),
                   ("h'", r"^h': (\S+)")],
    "ea_iid": [("H_original", r"^H_original: (\S+)"), ("H_bitstring", r"^H_bitstring: (\S+)"),
               ("permutation tests", r"^\*\* (Passed|Failed) IID permutation tests")],
    "ea_restart": [("X_cutoff", r"X_cutoff: (\d+)"), ("X_max", r"X_max: (\d+)"), ("H_r", r"^H_r: (\S+)"),
                   ("H_c", r"^H_c: (\S+)"), ("min(H_r, H_c, H_I)", r"^min\(H_r, H_c, H_I\): (\S+)")],
    "ea_conditioning": [("Output_Entropy", r"^Output_Entropy\(\*\) = ([0-9.eE+-]+)"), ("h_out", r"h_out = (\S+)")],
}


def main(tooldir, evidence):
    commands = []
    step = None
    for line in open(f"{evidence}/reference-commands.sh", encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# ") and ":" in line and not line.startswith("# NIST") and not line.startswith("# reproducing"):
            step = line[2:].split(":")[0]
        elif line.startswith("ea_"):
            program = line.split()[0]
            run = subprocess.run(f"{tooldir}/{line}", shell=True, cwd=evidence, capture_output=True, text=True)
            # ea_iid's progress lines ("12.06% of Permutation test rounds, …") say nothing.
            out = "".join(l for l in run.stdout.splitlines(True) if "% of Permutation test rounds" not in l)
            figures = {}
            for name, pattern in FIGURES[program]:
                m = re.search(pattern, out, re.MULTILINE)
                if m:
                    figures[name] = m.group(1)
            commands.append({"step": step, "command": line, "exit_code": run.returncode, "figures": figures, "output": out})
    json.dump({"tool": "usnistgov/SP800-90B_EntropyAssessment 68ed165fd7a3eeef26b87a546ba23f338e82a3f3 (1.1.7)",
               "configuration": "reference.yaml", "commands": commands}, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
