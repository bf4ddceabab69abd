#!/usr/bin/env python3
"""Makes src/render/map/outline.rs: the outline of Baden-Württemberg (and the Bodensee) for
herold's SVG maps, simplified with Douglas–Peucker from ../shared/data/bw-outline.geojson.

    python3 tools/bw_outline.py [GEOJSON] > src/render/map/outline.rs

Run once; the result is committed. Source and licence: BKG VG5000 (01.01.2021), Datenlizenz
Deutschland – Namensnennung – Version 2.0; see ../shared/data/SOURCES.md.
"""

import json
import math
import sys

EPSILON = 0.006  # degrees of latitude, about 650 m: far below what a map of the state shows
COS = math.cos(math.radians(48.6))  # the state's middle latitude: distances in both axes alike


def dist(p, a, b):
    """Distance of p from the segment a–b, longitudes scaled by COS."""
    px, py = p[0] * COS, p[1]
    ax, ay = a[0] * COS, a[1]
    bx, by = b[0] * COS, b[1]
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points, eps):
    """Douglas–Peucker, iterative."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = 0.0, None
        for k in range(i + 1, j):
            d = dist(points[k], points[i], points[j])
            if d > best:
                best, at = d, k
        if at is not None and best > eps:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep) if k]


def rings(geometry):
    polys = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polys = [polys]
    return [ring for poly in polys for ring in poly]


def rust(name, doc, all_rings):
    out = [f"/// {doc}", "#[rustfmt::skip]", f"pub const {name}: &[&[(f64, f64)]] = &["]
    for ring in all_rings:
        ring = simplify(ring, EPSILON)
        if len(ring) < 4:
            continue
        pts = ", ".join(f"({lon:.3f}, {lat:.3f})" for lon, lat in ring[:-1])
        out.append(f"    &[{pts}],")
    out.append("];")
    return "\n".join(out)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/bw-outline.geojson"
    features = json.load(open(path, encoding="utf-8"))["features"]
    state = [r for f in features if f["properties"]["layer"] == "state" for r in rings(f["geometry"])]
    water = [r for f in features if f["properties"]["layer"] == "water" for r in rings(f["geometry"])]
    print("//! The outline of Baden-Württemberg and its part of the Bodensee, as (longitude, latitude)")
    print("//! rings, simplified with Douglas–Peucker (about 650 m) by `tools/bw_outline.py`; generated,")
    print("//! do not edit.")
    print("//!")
    print("//! Source: © GeoBasis-DE / BKG 2021 (Daten verändert), VG5000 01.01.2021, Datenlizenz")
    print("//! Deutschland – Namensnennung – Version 2.0 (www.govdata.de/dl-de/by-2-0); reprojected to")
    print("//! WGS84, simplified and rounded. A map drawing it shows that source note.")
    print()
    print(rust("STATE", "The state's rings: the main area and the Büsingen exclave.", state))
    print()
    print(rust("WATER", "The parts of the Bodensee that belong to no municipality.", water))


main()
