"""Build the base maps of projects.maps (static/maps/<region>.svg) from Natural Earth's borders.

Natural Earth (naturalearthdata.com) is in the public domain. Its 1:10m
countries come as TopoJSON in the npm package world-atlas (2.0.2, ISC licence):

    npm install --prefix /tmp/atlas world-atlas@2.0.2
    python scripts/build_region_map.py /tmp/atlas/node_modules/world-atlas/countries-10m.json

The borders are projected as projects.maps projects a place, simplified
(Douglas–Peucker, each shared border once, so neighbours still meet) and
clipped to each region of projects.maps.REGIONS; each map is a few tens of
kilobytes, cached by browsers like any static file. Run it again only to change
a region or the colours; it rebuilds every map, and an unchanged one comes out
byte for byte the same.
"""

import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from projects import maps

STATIC = Path(__file__).resolve().parent.parent / "static"
# The countries the organisation works in are drawn lighter than their neighbours.
BALKANS = {"Albania", "Bosnia and Herz.", "Kosovo", "Macedonia", "Montenegro", "Serbia"}
NORTH_EAST = {"Belarus", "Lithuania", "Poland"}
FOCUS = BALKANS | NORTH_EAST
SEA, LAND, FOCUS_LAND, BORDER = "#d3e4f1", "#e6e9ed", "#fbfaf7", "#8796a6"
# How far a simplified border may stray, in map units (each map is 600 wide): the wider
# the region, the smaller a page's piece of it is drawn, so the coarser it may be.
TOLERANCE = {maps.WESTERN_BALKANS.slug: 0.3, maps.NORTH_EAST.slug: 0.25, maps.CENTRAL_EAST.slug: 0.7}
PAD = 12  # clip a little outside the map, so no edge shows


def decode_arcs(topology):
    """The arcs as lists of (longitude, latitude), undoing the delta encoding and quantisation."""
    (scale_x, scale_y), (move_x, move_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def simplify(points, tolerance):
    """Douglas–Peucker, keeping both ends."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1) or 1e-9
        far, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            distance = abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / length
            if distance > far:
                far, index = distance, i
        if index is not None and far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def clip(ring, left, top, right, bottom):
    """Sutherland–Hodgman against a rectangle."""
    edges = (
        (lambda p: p[0] >= left, lambda a, b: (left, a[1] + (b[1] - a[1]) * (left - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= right, lambda a, b: (right, a[1] + (b[1] - a[1]) * (right - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= top, lambda a, b: (a[0] + (b[0] - a[0]) * (top - a[1]) / (b[1] - a[1]), top)),
        (lambda p: p[1] <= bottom, lambda a, b: (a[0] + (b[0] - a[0]) * (bottom - a[1]) / (b[1] - a[1]), bottom)),
    )
    for inside, cross in edges:
        if not ring:
            break
        result = []
        previous = ring[-1]
        for point in ring:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        ring = result
    return ring


def rings_of(geometry):
    if geometry["type"] == "Polygon":
        return geometry["arcs"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def path_of(geometry, arcs, region):
    parts = []
    for ring_arcs in rings_of(geometry):
        ring = []
        for index in ring_arcs:
            points = arcs[index] if index >= 0 else arcs[~index][::-1]
            ring.extend(points if not ring else points[1:])
        ring = clip(ring, -PAD, -PAD, region.width + PAD, region.height + PAD)
        if len(ring) < 3:
            continue
        parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in ring) + "Z")
    return "".join(parts)


def build(topology, region):
    arcs = [
        simplify([region.project(latitude, longitude) for longitude, latitude in arc], TOLERANCE[region.slug])
        for arc in decode_arcs(topology)
    ]
    paths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        d = path_of(geometry, arcs, region)
        if d:
            fill = FOCUS_LAND if name in FOCUS else LAND
            paths.append(f'<path fill="{fill}" d="{d}"/>')
    width, height = region.width, region.height
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}">'
        "<!-- Made with Natural Earth (public domain), through world-atlas 2.0.2; scripts/build_region_map.py -->"
        f'<rect x="-20" y="-20" width="{width + 40:g}" height="{height + 40:g}" fill="{SEA}"/>'
        f'<g stroke="{BORDER}" stroke-width="0.5" stroke-linejoin="round">{"".join(paths)}</g></svg>\n'
    )
    output = STATIC / region.base_map
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(svg, encoding="utf-8")
    print(f"{output.name}: {len(paths)} countries, {len(svg.encode()):,} bytes")


def main(source):
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    for region in maps.REGIONS:
        build(topology, region)


if __name__ == "__main__":
    main(sys.argv[1])
