#!/usr/bin/env python3
"""gen_customers.py - writes examples/customers.csv, the synthetic demo
customer file (deterministic: same output on every run).

Columns: id,name,dob,country,kind,label. The screener reads id, name, dob,
country and kind and ignores label, which says what a correct screening does:
  match:<watchlist id>  a true variant of a name on examples/watchlist-cartels.csv
                        (accents, typos, dropped maternal surname, reordering,
                        nicknames, legal forms) - must be a hit on that entity
  near-miss             similar but a different party - should not be a hit
  clean                 an ordinary customer - must not be a hit
Every name is invented except the variants of listed names, which are public.
Usage: python3 examples/gen_customers.py > examples/customers.csv
"""
import random

rng = random.Random(2025)

TRUE = [
    ("Joaquín Guzmán Loera", "1954-12-25", "MX", "person", "CEN-0101"),
    ("GUZMAN LOERA, JOAQUIN", "", "MX", "person", "CEN-0101"),
    ("Joaquin Guzman", "1954", "MX", "person", "CEN-0101"),
    ("Joaquín Archivaldo Guzmán Loera", "", "", "person", "CEN-0101"),
    ("Joakin Guzman Loera", "", "MX", "person", "CEN-0101"),
    ("Joaquin 'El Chapo' Guzman", "", "", "person", "CEN-0101"),
    ("Ismael Zambada García", "1948", "MX", "person", "CEN-0102"),
    ("Ismael Zambada", "", "MX", "person", "CEN-0102"),
    ("ZAMBADA GARCIA ISMAEL MARIO", "", "", "person", "CEN-0102"),
    ("Ismael Zanbada Garcia", "", "MX", "person", "CEN-0102"),
    ("Nemesio Oseguera Cervantes", "17/07/1966", "MX", "person", "CEN-0201"),
    ("Nemesio Oseguera", "", "MX", "person", "CEN-0201"),
    ("OSEGUERA CERVANTES, NEMESIO", "", "", "person", "CEN-0201"),
    ("Nemecio Oceguera Cervantes", "", "MX", "person", "CEN-0201"),
    ("Iván Archivaldo Guzmán Salazar", "", "MX", "person", "CEN-0103"),
    ("Ivan Archivaldo Guzman", "", "MX", "person", "CEN-0103"),
    ("Jesús Alfredo Guzmán Salazar", "1986-05-17", "MX", "person", "CEN-0104"),
    ("Ovidio Guzmán López", "1990-03-29", "MX", "person", "CEN-0105"),
    ("Guzman Lopez Ovidio", "", "", "person", "CEN-0105"),
    ("Rafael Caro Quintero", "", "MX", "person", "CEN-0106"),
    ("Rafael Caro-Quintero", "1952", "", "person", "CEN-0106"),
    ("Juan José Esparragoza Moreno", "", "MX", "person", "CEN-0107"),
    ("Juan Jose Esparragosa Moreno", "", "", "person", "CEN-0107"),
    ("Miguel Treviño Morales", "1973-06-28", "MX", "person", "CEN-0301"),
    ("Miguel Angel Trevino Morales", "", "MX", "person", "CEN-0301"),
    ("Omar Treviño Morales", "", "MX", "person", "CEN-0302"),
    ("Osiel Cárdenas Guillén", "1967-05-18", "MX", "person", "CEN-0401"),
    ("Osiel Cardenas", "", "MX", "person", "CEN-0401"),
    ("Johnny Hurtado Olascoaga", "", "MX", "person", "CEN-0501"),
    ("Jhonny Hurtado Olascoaga", "1973", "MX", "person", "CEN-0501"),
    ("José Alfredo Hurtado Olascoaga", "", "MX", "person", "CEN-0502"),
    ("Héctor Rusthenford Guerrero Flores", "", "VE", "person", "CEN-0701"),
    ("Antonio Oseguera Cervantes", "", "MX", "person", "CEN-0202"),
    ("Cártel de Sinaloa", "", "MX", "org", "CEN-0001"),
    ("Sinaloa Cartel", "", "", "org", "CEN-0001"),
    ("Cártel de Jalisco Nueva Generación", "", "MX", "org", "CEN-0002"),
    ("Cartel Jalisco Nueva Generacion", "", "", "org", "CEN-0002"),
    ("Cártel del Noreste", "", "MX", "org", "CEN-0003"),
    ("Cartel del Golfo", "", "MX", "org", "CEN-0004"),
    ("La Nueva Familia Michoacana", "", "MX", "org", "CEN-0005"),
    ("Cárteles Unidos", "", "MX", "org", "CEN-0006"),
    ("Tren de Aragua", "", "VE", "org", "CEN-0007"),
    ("Mara Salvatrucha", "", "SV", "org", "CEN-0008"),
    ("CIBanco S.A.", "", "MX", "org", "CEN-0901"),
    ("Intercam Banco, S.A., Institución de Banca Múltiple", "", "MX", "org", "CEN-0902"),
    ("Vector Casa de Bolsa S.A. de C.V.", "", "MX", "org", "CEN-0903"),
]

NEAR = [
    ("Joaquín Gutiérrez Lara", "1971-02-11", "MX", "person"),
    ("Juan Guzmán Ortiz", "1988-09-30", "MX", "person"),
    ("Ismael Zamora Garza", "1979-04-02", "MX", "person"),
    ("Nemesio Ortega Cruz", "1990-01-15", "MX", "person"),
    ("Rafael Caro Méndez", "1985-06-07", "MX", "person"),
    ("Miguel Morales Trejo", "1969-12-01", "MX", "person"),
    ("Omar Treviño Garza", "1992-03-03", "MX", "person"),
    ("Osvaldo Cárdenas Villa", "1975-08-19", "MX", "person"),
    ("Juan Esparza Moreno", "1964-10-22", "MX", "person"),
    ("Héctor Guerra Flórez", "1983-05-05", "CO", "person"),
    ("Sinaloa Fresh Produce LLC", "", "US", "org"),
    ("Transportes del Golfo S.A. de C.V.", "", "MX", "org"),
    ("Aragua Motors C.A.", "", "VE", "org"),
    ("Farmacia La Familia", "", "MX", "org"),
    ("Vector Logistics Inc", "", "US", "org"),
    ("Banco Intercontinental", "", "DO", "org"),
]

GIVEN = ["María", "José", "Juan", "Luis", "Ana", "Carlos", "Sofía", "Diego", "Valeria",
         "Fernando", "Lucía", "Alejandro", "Gabriela", "Ricardo", "Paola", "Jorge",
         "Daniela", "Andrés", "Mariana", "Roberto", "Patricia", "Eduardo", "Claudia",
         "Sergio", "Verónica", "Emily", "Michael", "Sarah", "David", "Jessica", "Kevin",
         "Laura", "Brian", "Ashley", "Tomás", "Guadalupe", "Rosa", "Pedro", "Elena"]
SURNAMES = ["Hernández", "Martínez", "Rodríguez", "Pérez", "Sánchez", "Ramírez",
            "Torres", "Rivera", "Gómez", "Díaz", "Reyes", "Cruz", "Ortiz", "Mendoza",
            "Castillo", "Jiménez", "Vargas", "Romero", "Herrera", "Medina", "Aguilar",
            "Ruiz", "Castro", "Vázquez", "Ramos", "Domínguez", "Núñez", "Rojas",
            "Smith", "Johnson", "Williams", "Brown", "Miller", "Wilson", "Anderson",
            "Taylor", "Thomas", "Nguyen", "Kim", "Patel", "Ibarra", "Solís", "Velasco"]
BUSINESS = ["Abarrotes", "Taller Mecánico", "Panadería", "Consultores", "Distribuidora",
            "Servicios Integrales", "Logística", "Comercializadora", "Constructora",
            "Auto Parts", "Dental Care", "Bakery", "Landscaping", "Trucking"]
PLACES = ["Monterrey", "Puebla", "del Valle", "Azteca", "Santa Fe", "del Norte",
          "Tijuana", "Laredo", "El Paso", "San Antonio", "Phoenix", "Houston", "Querétaro"]
FORMS = ["S.A. de C.V.", "S. de R.L. de C.V.", "SAPI de C.V.", "LLC", "Inc.", ""]


def clean_person():
    g = rng.choice(GIVEN)
    if rng.random() < 0.25:
        g += " " + rng.choice(GIVEN)
    s1 = rng.choice(SURNAMES)
    s2 = rng.choice(SURNAMES) if rng.random() < 0.6 else ""
    name = " ".join(x for x in (g, s1, s2) if x)
    if rng.random() < 0.15:
        name = f"{s1.upper()} {s2.upper()}, {g}".replace(" ,", ",")
    dob = ""
    if rng.random() < 0.7:
        dob = f"{rng.randint(1940, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return name, dob, rng.choice(["MX", "MX", "US", "US", "GT", "CO", ""]), "person"


def clean_org():
    name = f"{rng.choice(BUSINESS)} {rng.choice(PLACES)} {rng.choice(FORMS)}".strip()
    return name, "", rng.choice(["MX", "US"]), "org"


def main():
    rows = []
    for n, d, c, k, ent in TRUE:
        rows.append((n, d, c, k, "match:" + ent))
    for n, d, c, k in NEAR:
        rows.append((n, d, c, k, "near-miss"))
    seen = set()
    while len(rows) < 320:
        n, d, c, k = clean_person() if rng.random() < 0.8 else clean_org()
        if n in seen:
            continue
        seen.add(n)
        rows.append((n, d, c, k, "clean"))
    rng.shuffle(rows)
    print("id,name,dob,country,kind,label")
    for i, (n, d, c, k, lab) in enumerate(rows, 1):
        q = '"' + n.replace('"', '""') + '"' if ("," in n or '"' in n) else n
        print(f"C{i:05d},{q},{d},{c},{k},{lab}")


main()
