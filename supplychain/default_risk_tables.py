"""Starting values of the secretariat's risk tables (editable in the admin afterwards).

Levels are indicative, drawn from the seed document and the national child-labour surveys
(agriculture and the harvests of coffee, sugar cane and melon, fishing, construction and
domestic work carry the highest risk). Pure data, loaded by a data migration.
"""

SECTORS = [
    ("Café", "Coffee", "high"),
    ("Caña de azúcar", "Sugar cane", "high"),
    ("Melón, sandía y hortalizas", "Melon, watermelon and vegetables", "high"),
    ("Banano y piña", "Banana and pineapple", "medium"),
    ("Pesca y acuicultura", "Fishing and aquaculture", "high"),
    ("Construcción", "Construction", "high"),
    ("Ganadería y lácteos", "Livestock and dairy", "medium"),
    ("Comercio minorista y ferias", "Retail and street markets", "medium"),
    ("Transporte y logística", "Transport and logistics", "medium"),
    ("Manufactura", "Manufacturing", "medium"),
    ("Turismo y restaurantes", "Tourism and restaurants", "medium"),
    ("Servicios profesionales", "Professional services", "low"),
    ("Tecnología y oficinas", "Technology and offices", "low"),
    ("Servicios financieros", "Financial services", "low"),
]

REGIONS = [
    ("San José", "Costa Rica", "low"),
    ("Alajuela", "Costa Rica", "medium"),
    ("Cartago", "Costa Rica", "medium"),
    ("Heredia", "Costa Rica", "low"),
    ("Guanacaste", "Costa Rica", "medium"),
    ("Puntarenas", "Costa Rica", "high"),
    ("Limón", "Costa Rica", "high"),
    ("Nicaragua", "Nicaragua", "high"),
    ("Panamá", "Panamá", "medium"),
    ("Guatemala", "Guatemala", "high"),
    ("Honduras", "Honduras", "high"),
    ("El Salvador", "El Salvador", "medium"),
    ("México", "México", "medium"),
    ("Estados Unidos", "Estados Unidos", "low"),
    ("China", "China", "medium"),
]


def load(apps):
    RiskSector = apps.get_model("supplychain", "RiskSector")
    RiskRegion = apps.get_model("supplychain", "RiskRegion")
    for name_es, name_en, risk in SECTORS:
        RiskSector.objects.get_or_create(name_es=name_es, defaults={"name_en": name_en, "risk": risk})
    for name, country, risk in REGIONS:
        RiskRegion.objects.get_or_create(name=name, defaults={"country": country, "risk": risk})
