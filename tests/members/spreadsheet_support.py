"""Helpers to build the organisations' spreadsheets for the import tests (XLSX files: tests.helpers)."""

ORG_HEADER = (
    "slug,name,short_name,kind,sector,size,scope,region,website,description,tax_id,is_partner,"
    "membership_status,date_joined"
)


def org_csv(*rows, header=ORG_HEADER):
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def org_row(slug="cafe-valle", name="Café del Valle", **overrides):
    values = {
        "slug": slug,
        "name": name,
        "short_name": "",
        "kind": "company",
        "sector": "agroindustry",
        "size": "medium",
        "scope": "national",
        "region": "Cartago",
        "website": "",
        "description": "",
        "tax_id": "",
        "is_partner": "0",
        "membership_status": "active",
        "date_joined": "2017-06-12",
    }
    values.update(overrides)
    return ",".join(values[column] for column in ORG_HEADER.split(","))


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
