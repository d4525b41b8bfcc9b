#!/usr/bin/env python3
"""Exact reference values for Tests/SP80022Tests/UniformityNullDistributionTests.swift.

Python 3.11, scipy 1.17.1. Two independent exact methods for the null law of STS's uniformity
check on m i.i.d. uniform p-values (C ~ Multinomial(m, 10 x 1/10), S = sum C_i^2), STS's mark
rule gammaincc(9/2, chi2/2) < 1e-4 with chi2 = sum (C_i - E)^2 / E, E = floor(m/10), and the
slot's flag probability with STS's proportion bounds at alpha = 0.01:

  by_partitions: enumerate the partitions of m into at most ten parts (fractions.Fraction);
  by_counting:   exact integer counting N_j(n, s) = sum_c binom(n, c) N_{j-1}(n - c, s - c^2),
                 the [0, 0.1) bin added last, P = N / 10^m.

Usage: reference.py M[:S[:S...]] ...   e.g.  reference.py 10:20:60 19:37:75:101 25:90:150
       29:120:200 100:1217:1347:1477:1545   (m = 100 by counting only; about a minute)
"""
import sys
from fractions import Fraction
from math import factorial, sqrt, comb
from collections import Counter, defaultdict
from scipy.special import gammaincc

def partitions(n, k, maxpart):
    if k == 0:
        if n == 0: yield []
        return
    if n == 0:
        yield [0]*k; return
    for first in range(min(n, maxpart), -1, -1):
        if first * k < n: break
        for rest in partitions(n - first, k - 1, first):
            yield [first] + rest

def sts_bounds(m, alpha=0.01):
    p = 1 - alpha; h = 3 * sqrt(p * alpha / m)
    return int((p - h) * m), int((p + h) * m)

def by_partitions(m, tails=()):
    E = m // 10
    marked = lambda S: gammaincc(4.5, ((S - 2*E*m + 10*E*E) / E) / 2) < 1e-4
    dist = Counter(); first = Counter()   # first[c] = P(C1 = c and marked)
    for part in partitions(m, 10, m):
        mult = Counter(part)
        orderings = factorial(10)
        for v in mult.values(): orderings //= factorial(v)
        ways = factorial(m)
        for c in part: ways //= factorial(c)
        pr = Fraction(orderings * ways, 10**m)
        S = sum(c*c for c in part)
        dist[S] += pr
        if marked(S):
            for c, k in mult.items(): first[c] += pr * k / 10
    lo, hi = sts_bounds(m)
    binom = lambda k, n, p: comb(n, k) * p**k * (1-p)**(n-k)
    fail = Fraction(1, 100); inbin = Fraction(1, 10)
    prop_out = sum(binom(f, m, fail) for f in range(m + 1) if not (lo <= m - f <= hi))
    joint = sum(pc * sum(binom(f, c, inbin) for f in range(c + 1) if lo <= m - f <= hi) for c, pc in first.items())
    mark = sum(p for S, p in dist.items() if marked(S))
    print(f"m={m} bounds={lo}..{hi} S*={min(S for S in dist if marked(S))} mark={float(mark):.15g} flag={float(prop_out + joint):.15g}")
    for s in tails:
        print(f"   P(S >= {s}) = {float(sum(p for S, p in dist.items() if S >= s)):.15g}")

def by_counting(m, tails=()):
    E = m // 10
    marked = lambda S: gammaincc(4.5, ((S - 2*E*m + 10*E*E) / E) / 2) < 1e-4
    N = {(0, 0): 1}
    for j in range(9):
        M = defaultdict(int)
        for (n, s), ways in N.items():
            for c in range(m - n + 1):
                M[(n + c, s + c*c)] += ways * comb(n + c, c)
        N = M
    dist = defaultdict(int); first = defaultdict(int)
    for (n, s), ways in N.items():
        c1 = m - n; S = s + c1*c1; w = ways * comb(m, c1)
        dist[S] += w
        if marked(S): first[c1] += w
    total = 10**m
    assert sum(dist.values()) == total
    p = 0.99; h = 3*sqrt(p*0.01/m); lo, hi = int((p-h)*m), int((p+h)*m)
    binom = lambda k, n, q: comb(n, k) * q**k * (1-q)**(n-k)
    prop_out = sum(binom(f, m, Fraction(1, 100)) for f in range(m+1) if not lo <= m-f <= hi)
    joint = sum(Fraction(w, total) * sum(binom(f, c, Fraction(1, 10)) for f in range(c+1) if lo <= m-f <= hi) for c, w in first.items())
    Sstar = min(S for S in dist if marked(S))
    mark = Fraction(sum(w for S, w in dist.items() if S >= Sstar), total)
    print(f"m={m} bounds={lo}..{hi} S*={Sstar} mark={float(mark):.15g} proportionOutside={float(prop_out):.15g} flag={float(prop_out+joint):.15g}")
    for t in tails:
        print(f"   P(S >= {t}) = {float(Fraction(sum(w for S, w in dist.items() if S >= t), total)):.15g}")


for arg in sys.argv[1:]:
    m, *t = map(int, arg.split(':'))
    if m <= 40:
        by_partitions(m, t)
    by_counting(m, t)
