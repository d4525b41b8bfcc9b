#!/usr/bin/env python3
"""Collects ea_restart outputs (OUTDIR/*.out, *.json as written by the commands in README.md)
into expected.json.

Usage: python3 parse_reference.py OUTDIR > expected.json
"""
import glob, json, os, re, sys

outdir = sys.argv[1]


def parse_out(text):
    r = {}
    m = re.search(r"X_cutoff: (\d+)", text)
    if m: r["x_cutoff"] = int(m.group(1))
    m = re.search(r"X_max: (\d+)", text)
    if m: r["x_max"] = int(m.group(1))
    m = re.search(r"Loaded (\d+) samples made up of (\d+) distinct (\d+)-bit-wide symbols", text)
    if m: r["distinct_symbols"] = int(m.group(2)); r["bits_per_symbol"] = int(m.group(3))
    if "Restart Sanity Check Failed" in text: r["sanity_passed"] = False
    elif "x_max" in r: r["sanity_passed"] = True
    modes = [int(x) for x in re.findall(r"Most Common Value Estimate: Mode count = (\d+)", text)]
    ents = [float(x) for x in re.findall(r"Most Common Value Estimate: min entropy = ([0-9.eE+-]+)", text)]
    if len(modes) >= 2:
        r["mcv"] = {"row": {"mode_count": modes[0], "min_entropy": ents[0]},
                    "column": {"mode_count": modes[1], "min_entropy": ents[1]}}
    for key, label in (("chi_square", "Chi square tests"), ("lrs", "Length of longest repeated substring test"),
                       ("permutation", "IID permutation tests")):
        m = re.search(label + r": (Passed|Failed)", text)
        if m: r.setdefault("iid_checks", {})[key] = m.group(1) == "Passed"
    if "Validation Testing Failed" in text: r["validation_passed"] = False
    if "Validation Test Passed" in text: r["validation_passed"] = True
    m = re.search(r"min\(H_r, H_c, H_I\): ([0-9.]+)", text)
    if m: r["assessed_6dp"] = float(m.group(1))
    m = re.search(r"Assertion `(.*)' failed", text)
    if m: r["assertion_failed"] = m.group(1)
    m = re.search(r"exit=(\d+)", text)
    if m: r["exit_code"] = int(m.group(1))
    return r


runs = []
for path in sorted(glob.glob(os.path.join(outdir, "*.out"))):
    name = os.path.basename(path)[:-4]
    text = open(path).read()
    if not text.startswith("Opening file"):
        continue
    r = {"name": name}
    m = re.search(r"Opening file: '([^']+)'", text)
    r["file"] = os.path.basename(m.group(1))
    r["shared_reference"] = "/shared/reference/" in m.group(1)
    r.update(parse_out(text))
    cmd = os.path.join(outdir, name + ".cmd")
    if os.path.exists(cmd):
        r["args"] = open(cmd).read().split()
    else:
        continue  # still running, or stopped without a record of its command
    r["track"] = "iid" if "-i" in r["args"] else "non-iid"
    r["h_i"] = float(r["args"][-1])
    # A run that stopped on an assertion did not finish either.
    r["complete"] = "exit_code" in r and "assertion_failed" not in r
    if not r["complete"]:
        r.pop("iid_checks", None)  # stopped early: the IID tests did not all run
    js = os.path.join(outdir, name + ".json")
    if os.path.exists(js):
        d = json.load(open(js))
        r["commandline"] = d.get("commandline")
        r["error_message"] = d.get("errorMessage", "")
        estimates = []
        for tc in d.get("testCases") or []:
            desc = tc.get("testCaseDesc") or tc.get("testCaseNumber")
            if desc == "Overall":
                r["h_r"], r["h_c"] = tc["h_r"], tc["h_c"]
            elif "h_r" in tc or "h_c" in tc:
                estimates.append({"estimator": desc, "h_r": tc.get("h_r"), "h_c": tc.get("h_c")})
        if estimates:
            r["estimates"] = estimates
    runs.append(r)

json.dump({"source": "ea_restart from usnistgov/SP800-90B_EntropyAssessment commit "
                     "68ed165fd7a3eeef26b87a546ba23f338e82a3f3 (v1.1.7); commands in README.md",
           "runs": runs}, sys.stdout, indent=1)
print()
