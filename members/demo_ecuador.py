"""The members demo's content for Ecuador's network (``members.demo`` picks it by the network's country).

Fictional companies, chambers and people; every e-mail is @example.org and none is Costa Rica's
(users' and people's e-mails are unique across networks).
"""

import datetime

# slug, name, short name, kind, sector, size, scope, region, description, joined, colour, contact
MEMBERS = [
    (
        "floricola-andina",
        "Florícola Andina S.A.",
        "Florícola Andina",
        "company",
        "agriculture",
        "large",
        "transnational",
        "Pichincha",
        "Productora y exportadora de rosas de Cayambe. Verifica la edad del personal temporal que llega por "
        "intermediarios en la temporada alta de San Valentín.",
        datetime.date(2012, 6, 12),
        (176, 30, 72),
        ("Verónica", "Salazar Endara", "Gerente de Talento Humano"),
    ),
    (
        "bananera-del-pacifico",
        "Bananera del Pacífico S.A.",
        "Bananera del Pacífico",
        "company",
        "agriculture",
        "large",
        "transnational",
        "El Oro",
        "Exportadora de banano con fincas propias y 140 productores asociados en El Oro y Los Ríos; audita el "
        "trabajo adolescente en sus fincas proveedoras.",
        datetime.date(2012, 6, 12),
        (230, 160, 20),
        ("Marco", "Intriago Zambrano", "Jefe de Responsabilidad Social"),
    ),
    (
        "camara-industrias-litoral",
        "Cámara de Industrias y Producción del Litoral",
        "CIPL",
        "chamber",
        "manufacturing",
        "large",
        "national",
        "Guayas",
        "Gremio de la industria de Guayaquil: lleva el compromiso de la Red a sus 300 empresas afiliadas.",
        datetime.date(2013, 3, 20),
        (20, 70, 130),
        ("Cecilia", "Vera Aguirre", "Directora de Sostenibilidad"),
    ),
    (
        "cacao-fino-aroma",
        "Cacaotera Fino Aroma Esmeraldas Cía. Ltda.",
        "Fino Aroma",
        "company",
        "agroindustry",
        "medium",
        "national",
        "Esmeraldas",
        "Compra cacao fino de aroma a 400 familias productoras y apoya que sus hijos e hijas sigan en la escuela "
        "durante la cosecha.",
        datetime.date(2015, 9, 2),
        (110, 60, 30),
        ("Jhonny", "Quiñónez Cortez", "Gerente General"),
    ),
    (
        "banco-andino-del-sur",
        "Banco Andino del Sur",
        "Banco Andino",
        "company",
        "finance",
        "large",
        "national",
        "Azuay",
        "Banco privado de Cuenca: incluye la prevención del trabajo infantil en la evaluación social de sus "
        "créditos agrícolas.",
        datetime.date(2014, 6, 12),
        (0, 100, 80),
        ("Diana", "Ordóñez Malo", "Oficial de Banca Responsable"),
    ),
    (
        "comisariato-mitad-del-mundo",
        "Comisariato Mitad del Mundo S.A.",
        "Comisariato Mitad del Mundo",
        "company",
        "commerce",
        "large",
        "national",
        "Pichincha",
        "Cadena de supermercados: exige a sus proveedores de frutas y hortalizas una declaración sin trabajo "
        "infantil.",
        datetime.date(2016, 6, 12),
        (200, 40, 40),
        ("Santiago", "Paredes Benítez", "Gerente de Compras"),
    ),
    (
        "aprobal",
        "Asociación de Productores Bananeros del Litoral",
        "APROBAL",
        "chamber",
        "agriculture",
        "medium",
        "national",
        "Los Ríos",
        "Agrupa a pequeños y medianos productores de banano de Los Ríos y Guayas.",
        datetime.date(2017, 4, 27),
        (70, 130, 50),
        ("Wilson", "Mora Cedeño", "Presidente"),
    ),
    (
        "camaronera-del-golfo",
        "Camaronera del Golfo S.A.",
        "Camaronera del Golfo",
        "company",
        "agroindustry",
        "medium",
        "national",
        "Guayas",
        "Cultiva y empaca camarón en el Golfo de Guayaquil; no contrata a menores de 18 años en piscinas ni "
        "empacadoras.",
        datetime.date(2019, 8, 15),
        (0, 120, 150),
        ("Gabriela", "Loor Mendoza", "Jefa de Cumplimiento"),
    ),
    (
        "hosteria-cotopaxi-verde",
        "Hostería Cotopaxi Verde",
        "Cotopaxi Verde",
        "company",
        "tourism",
        "small",
        "national",
        "Cotopaxi",
        "Hostería de turismo comunitario comprometida con la protección de niñas, niños y adolescentes.",
        datetime.date(2021, 11, 9),
        (40, 110, 70),
        ("Rosa", "Toapanta Chiluisa", "Administradora"),
    ),
]
SUSPENDED = (
    "textiles-otavalo",
    "Textiles Otavalo Cía. Ltda.",
    "Textiles Otavalo",
    "company",
    "manufacturing",
    "small",
    "national",
    "Imbabura",
    "Taller textil de Otavalo.",
    datetime.date(2018, 2, 14),
    (120, 120, 120),
    ("Luis", "Cachimuel Males", "Gerente Propietario"),
)
PARTNERS = [
    ("mdt", "Ministerio del Trabajo del Ecuador", "Ministerio del Trabajo", "public", (0, 56, 118), "Pichincha"),
    ("oit", "Organización Internacional del Trabajo", "OIT", "international", (0, 93, 170), "Pichincha"),
    ("mies", "Ministerio de Inclusión Económica y Social", "MIES", "public", (216, 90, 20), "Pichincha"),
    (
        "unicef",
        "Fondo de las Naciones Unidas para la Infancia",
        "UNICEF",
        "international",
        (28, 171, 226),
        "Pichincha",
    ),
]
PHONE = "+593 2 250 0000"
OBSERVER = ("unicef", "unicef.ecuador@example.org", "Observadora", "UNICEF Ecuador")
APPLICATION = {
    "name": "Palmicultora San Lorenzo S.A.",
    "kind": "company",
    "sector": "agriculture",
    "size": "medium",
    "scope": "national",
    "region": "Esmeraldas",
    "website": "https://palmasanlorenzo.example.org",
    "description": "Aceitera de palma que compra fruta a 250 pequeños productores del norte de Esmeraldas.",
    "contact_name": "Andrea Caicedo Valencia",
    "contact_position": "Jefa de Sostenibilidad",
    "contact_email": "solicitud.ecuador@example.org",
    "contact_phone": "+593 6 278 0000",
}
JOIN_INTRO = (
    "<p>La Red reúne a empresas, cámaras y asociaciones del Ecuador que se comprometen a erradicar el trabajo "
    "infantil en sus operaciones y cadenas de valor. Complete el formulario y la secretaría técnica (Ministerio del "
    "Trabajo) le contactará.</p>"
)
DIRECTORY_INTRO = (
    "<p>Empresas y organizaciones que forman parte de la Red de Empresas por un Ecuador Libre de Trabajo Infantil.</p>"
)
JOIN_TITLE = "Súmese a la Red"
#: The network's secretariat login: (e-mail, first name, last name).
SECRETARIAT = ("secretaria.ecuador@example.org", "Paola", "Andrade Cevallos")
