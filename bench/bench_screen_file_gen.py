#!/usr/bin/env python3
"""bench_screen_file_gen.py - writes a synthetic customer file for the
screening benchmark: N rows (default 1,000,000) of id,name,dob,country,kind.

About 1% are variants of names on the given OFAC sdn.csv (accents dropped,
a typo, the maternal surname dropped, reordered), the rest invented names
(Hispanic and English given names and surnames, some businesses), so the
file behaves like a real customer base: mostly clean, a few true hits.
Deterministic for a given seed.
Usage: bench_screen_file_gen.py SDN_CSV N OUT [SEED]
"""
import csv
import random
import sys

GIVEN = ("maria jose juan luis ana carlos sofia diego valeria fernando lucia alejandro "
         "gabriela ricardo paola jorge daniela andres mariana roberto patricia eduardo "
         "claudia sergio veronica emily michael sarah david jessica kevin laura brian "
         "ashley tomas guadalupe rosa pedro elena miguel antonio francisco javier").split()
SURN = ("hernandez martinez rodriguez perez sanchez ramirez torres rivera gomez diaz reyes "
        "cruz ortiz mendoza castillo jimenez vargas romero herrera medina aguilar ruiz "
        "castro vazquez ramos dominguez nunez rojas smith johnson williams brown miller "
        "wilson anderson taylor thomas nguyen kim patel ibarra solis velasco garcia lopez "
        "gonzalez flores morales").split()
BIZ = ("abarrotes taller panaderia consultores distribuidora servicios logistica "
       "comercializadora constructora autoparts dental bakery landscaping trucking").split()
FORMS = ["S.A. de C.V.", "S. de R.L. de C.V.", "LLC", "Inc.", ""]


def sdn_names(path):
    names = []
    with open(path, encoding="latin-1", newline="") as f:
        for row in csv.reader(f):
            if len(row) > 2 and row[2].strip() == "individual":
                names.append(row[1])
    return names


def variant(rng, name):
    if "," in name:
        sur, given = [p.strip() for p in name.split(",", 1)]
    else:
        sur, given = name, ""
    s = sur.split()
    op = rng.randrange(4)
    if op == 0 and len(s) > 1:
        s = s[:1]  # maternal surname dropped
    if op == 1:
        w = list(given or sur)
        if len(w) > 3:
            i = rng.randrange(1, len(w) - 1)
            w[i], w[i + 1] = w[i + 1], w[i]  # transposition typo
        if given:
            given = "".join(w)
        else:
            s = "".join(w).split()
    out = f"{given} {' '.join(s)}".strip()
    if op == 2:
        out = f"{' '.join(s)} {given}".strip()  # surname first
    return out.title()


def main():
    sdn, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    listed = sdn_names(sdn)
    with open(out, "w", encoding="utf-8") as f:
        f.write("id,name,dob,country,kind\n")
        for i in range(n):
            r = rng.random()
            if r < 0.01 and listed:
                name, kind = variant(rng, rng.choice(listed)), "person"
            elif r < 0.9:
                g = rng.choice(GIVEN)
                if rng.random() < 0.3:
                    g += " " + rng.choice(GIVEN)
                name = f"{g} {rng.choice(SURN)} {rng.choice(SURN)}".title()
                kind = "person"
            else:
                name = f"{rng.choice(BIZ)} {rng.choice(SURN)} {rng.choice(FORMS)}".strip().title()
                kind = "org"
            dob = f"{rng.randint(1940, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" \
                if kind == "person" and rng.random() < 0.7 else ""
            country = rng.choice(["MX", "US", "US", "GT", "CO", ""])
            if "," in name:
                name = '"' + name + '"'
            f.write(f"C{i + 1:07d},{name},{dob},{country},{kind}\n")


main()
