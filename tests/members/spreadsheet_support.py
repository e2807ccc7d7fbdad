"""Helpers to build spreadsheet files for the import tests (CSV text, XLSX workbooks, attacks)."""

import io
import zipfile

from openpyxl import Workbook

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


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_with_entity_attack(rows):
    """A valid XLSX whose sheet XML declares nested entities (a "billion laughs" attack)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx(rows)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b"<worksheet",
                    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet',
                    1,
                )
            target.writestr(item, content)
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
