# ruff: noqa: E501  (bilingual question texts are data; wrapping them hurts reading and translation)
"""The default questionnaire shipped with the project (Spanish and English).

It follows the structure of the ILO-IOE *Child Labour Guidance Tool for Business* (2015):
policy commitment, due diligence, remediation, grievance mechanisms, plus what the Costa Rica
network's members asked for (age verification, adolescents of legal working age, supplier
requirements, training, community programmes). Pure data: the data migration
(`0002_default_questionnaire`) loads it with historical models through `load()`.
"""

ALL = ["micro", "small", "medium", "large"]
SML = ["small", "medium", "large"]
ML = ["medium", "large"]


def yes_no(yes_score=100, no_risk=False):
    return [("si", "Sí", "Yes", yes_score, False), ("no", "No", "No", 0, no_risk)]


def yes_partly_no(no_risk=False):
    return [
        ("si", "Sí", "Yes", 100, False),
        ("parcial", "En parte", "Partly", 50, False),
        ("no", "No", "No", 0, no_risk),
    ]


def q(
    key,
    kind,
    es,
    en,
    *,
    weight=2,
    options=None,
    sizes=ALL,
    help_es="",
    help_en="",
    cond=None,
    risk_below=None,
    action_es="",
    action_en="",
    min_value=None,
    max_value=None,
):
    if kind == "number" and min_value is None:
        min_value = 0
    if kind == "yes_no" and options is None:
        options = yes_no()
    return {
        "key": key,
        "kind": kind,
        "es": es,
        "en": en,
        "weight": weight,
        "options": options or [],
        "sizes": sizes,
        "help_es": help_es,
        "help_en": help_en,
        "cond": cond,
        "risk_below": risk_below,
        "action_es": action_es,
        "action_en": action_en,
        "min_value": min_value,
        "max_value": max_value,
    }


SECTIONS = [
    {
        "key": "politica",
        "es": "Compromiso y política",
        "en": "Policy commitment",
        "intro_es": "La empresa declara públicamente su compromiso de respetar los derechos de la niñez y de no usar trabajo infantil.",
        "intro_en": "The company publicly commits to respect children's rights and not to use child labour.",
        "rec_es": "Adopte una política escrita contra el trabajo infantil, aprobada por la alta dirección, publíquela y comuníquela a personal y proveedores. La Guía OIT-OIE ofrece un modelo.",
        "rec_en": "Adopt a written policy against child labour approved by top management, publish it and communicate it to staff and suppliers. The ILO-IOE Guidance Tool offers a model.",
        "verify_es": "Copia de la política firmada y enlace a su publicación.",
        "verify_en": "Copy of the signed policy and link to where it is published.",
        "questions": [
            q(
                "politica-escrita",
                "yes_no",
                "¿Tiene la empresa una política escrita que prohíba el trabajo infantil?",
                "Does the company have a written policy prohibiting child labour?",
                weight=3,
                options=yes_no(no_risk=True),
                action_es="Redactar y aprobar una política contra el trabajo infantil.",
                action_en="Draft and approve a policy against child labour.",
            ),
            q(
                "politica-aprobada",
                "single",
                "¿Quién aprobó la política?",
                "Who approved the policy?",
                cond=("politica-escrita", "si"),
                options=[
                    ("junta", "Junta directiva o gerencia general", "Board or chief executive", 100, False),
                    ("area", "Un área (RR. HH., RSE)", "One department (HR, CSR)", 60, False),
                    ("nadie", "No ha sido aprobada formalmente", "It has not been formally approved", 20, False),
                ],
            ),
            q(
                "politica-alcance",
                "multiple",
                "¿A quiénes alcanza la política?",
                "Whom does the policy cover?",
                cond=("politica-escrita", "si"),
                options=[
                    ("operaciones", "Operaciones propias", "Own operations", 40, False),
                    ("proveedores", "Proveedores directos", "Direct suppliers", 30, False),
                    ("cadena", "Toda la cadena de valor", "The whole value chain", 30, False),
                ],
            ),
            q(
                "politica-publica",
                "yes_no",
                "¿La política es pública (sitio web, informe de sostenibilidad)?",
                "Is the policy public (website, sustainability report)?",
            ),
            q(
                "politica-edad-minima",
                "number",
                "¿Qué edad mínima de contratación establece la empresa?",
                "What minimum hiring age does the company set?",
                weight=0,
                risk_below=15,
                min_value=12,
                max_value=30,
                help_es="En Costa Rica la edad mínima de admisión al empleo es 15 años.",
                help_en="In Costa Rica the minimum age for employment is 15.",
            ),
            q(
                "politica-responsable",
                "yes_no",
                "¿Hay una persona o comité responsable de aplicar la política?",
                "Is a person or committee responsible for applying the policy?",
                sizes=SML,
            ),
            q(
                "politica-evidencia",
                "evidence",
                "Adjunte la política vigente (PDF).",
                "Attach the current policy (PDF).",
                weight=1,
                sizes=[],
            ),
        ],
    },
    {
        "key": "debida-diligencia",
        "es": "Debida diligencia y mapeo de riesgos de la cadena de valor",
        "en": "Due diligence and risk mapping of the value chain",
        "intro_es": "La empresa identifica dónde puede haber trabajo infantil en sus operaciones y su cadena de valor.",
        "intro_en": "The company identifies where child labour may occur in its operations and value chain.",
        "rec_es": "Mapee su cadena de valor al menos hasta el segundo nivel, clasifique proveedores por riesgo (sector y región) y priorice visitas a los de riesgo alto.",
        "rec_en": "Map your value chain at least to tier 2, rank suppliers by risk (sector and region) and prioritise visits to high-risk ones.",
        "verify_es": "Mapa de proveedores actualizado en el portal.",
        "verify_en": "Supplier map up to date in the portal.",
        "questions": [
            q(
                "dd-mapa",
                "single",
                "¿Hasta qué nivel conoce su cadena de valor?",
                "How far do you know your value chain?",
                weight=3,
                options=[
                    ("ninguno", "No la hemos mapeado", "We have not mapped it", 0, True),
                    ("directos", "Proveedores directos", "Direct suppliers", 50, False),
                    ("nivel2", "Hasta el segundo nivel", "Down to tier 2", 80, False),
                    ("completo", "Hasta el origen de las materias primas", "Down to raw materials", 100, False),
                ],
            ),
            q(
                "dd-riesgo",
                "yes_no",
                "¿Ha evaluado el riesgo de trabajo infantil por sector y región de sus proveedores?",
                "Have you assessed child-labour risk by your suppliers' sector and region?",
                weight=3,
                options=yes_no(no_risk=True),
            ),
            q(
                "dd-riesgo-frecuencia",
                "single",
                "¿Con qué frecuencia actualiza esa evaluación?",
                "How often do you update that assessment?",
                cond=("dd-riesgo", "si"),
                options=[
                    ("anual", "Cada año o más", "Every year or more often", 100, False),
                    ("bienal", "Cada dos o tres años", "Every two or three years", 60, False),
                    ("una-vez", "Solo se hizo una vez", "It was done once", 20, False),
                ],
            ),
            q(
                "dd-sectores-riesgo",
                "multiple",
                "¿Compra en alguno de estos sectores de riesgo alto?",
                "Do you buy from any of these high-risk sectors?",
                weight=0,
                options=[
                    ("cafe", "Café", "Coffee", 0, False),
                    ("cana", "Caña de azúcar", "Sugar cane", 0, False),
                    ("melon", "Melón y sandía", "Melon and watermelon", 0, False),
                    ("construccion", "Construcción", "Construction", 0, False),
                    ("pesca", "Pesca", "Fishing", 0, False),
                    ("ninguno", "Ninguno de estos", "None of these", 0, False),
                ],
            ),
            q(
                "dd-visitas",
                "scale",
                "¿En qué medida verifica en el terreno las condiciones de los proveedores de riesgo alto? (1 = nunca, 5 = siempre)",
                "To what extent do you check high-risk suppliers' conditions on site? (1 = never, 5 = always)",
                weight=2,
                risk_below=2,
            ),
            q(
                "dd-proveedores-numero",
                "number",
                "¿Cuántos proveedores directos tiene?",
                "How many direct suppliers do you have?",
                weight=0,
                max_value=100_000,
                sizes=ML,
            ),
            q(
                "dd-informe",
                "yes_no",
                "¿Informa públicamente sobre su debida diligencia en derechos de la niñez?",
                "Do you report publicly on your due diligence on children's rights?",
                weight=1,
                sizes=ML,
            ),
        ],
    },
    {
        "key": "verificacion-edad",
        "es": "Verificación de edad en la contratación",
        "en": "Age verification in hiring",
        "intro_es": "La empresa comprueba la edad de cada persona antes de contratarla, también a través de intermediarios.",
        "intro_en": "The company checks each person's age before hiring, including through intermediaries.",
        "rec_es": "Exija un documento de identidad válido antes de la contratación, guarde constancia de la verificación (no copias innecesarias) y extienda el requisito a contratistas e intermediarios.",
        "rec_en": "Require a valid identity document before hiring, keep a record of the check (no unnecessary copies) and extend the requirement to contractors and intermediaries.",
        "verify_es": "Procedimiento de contratación y muestra de expedientes revisada.",
        "verify_en": "Hiring procedure and a sample of files checked.",
        "questions": [
            q(
                "edad-documento",
                "yes_no",
                "¿Verifica la edad con un documento oficial antes de contratar?",
                "Do you check age with an official document before hiring?",
                weight=3,
                options=yes_no(no_risk=True),
            ),
            q(
                "edad-procedimiento",
                "yes_no",
                "¿Está escrito el procedimiento de verificación de edad?",
                "Is the age-verification procedure written down?",
                sizes=SML,
            ),
            q(
                "edad-temporales",
                "single",
                "¿Verifica también la edad de trabajadores temporales y de temporada?",
                "Do you also check the age of temporary and seasonal workers?",
                weight=3,
                options=[
                    ("siempre", "Siempre", "Always", 100, False),
                    ("a-veces", "A veces", "Sometimes", 40, True),
                    ("no", "No", "No", 0, True),
                    ("na", "No contratamos temporales", "We hire no temporary staff", 100, False),
                ],
            ),
            q(
                "edad-intermediarios",
                "yes_no",
                "¿Exige a agencias, contratistas e intermediarios la misma verificación?",
                "Do you require agencies, contractors and intermediaries to do the same check?",
                weight=2,
                options=yes_no(no_risk=True),
            ),
            q(
                "edad-dudas",
                "yes_no",
                "¿Sabe el personal de contratación qué hacer si duda de la edad declarada?",
                "Does hiring staff know what to do when in doubt about a declared age?",
            ),
        ],
    },
    {
        "key": "adolescentes",
        "es": "Trabajo peligroso y jornadas de personas adolescentes en edad legal de trabajar",
        "en": "Hazardous work and working hours of adolescents of legal working age",
        "intro_es": "Las personas de 15 a 17 años pueden trabajar con protecciones especiales: sin trabajos peligrosos, sin jornada nocturna, con jornadas limitadas.",
        "intro_en": "People aged 15 to 17 may work with special protection: no hazardous work, no night work, limited hours.",
        "rec_es": "Identifique los puestos peligrosos según la lista oficial, excluya de ellos a las personas adolescentes, limite su jornada (máximo 6 horas diarias y 36 semanales) y obtenga el permiso de la oficina del MTSS.",
        "rec_en": "Identify hazardous posts against the official list, keep adolescents out of them, limit their hours (at most 6 a day and 36 a week) and get the labour ministry's permit.",
        "verify_es": "Lista de puestos peligrosos y registro de jornadas de personas adolescentes.",
        "verify_en": "List of hazardous posts and record of adolescents' working hours.",
        "questions": [
            q(
                "adol-emplea",
                "yes_no",
                "¿Emplea a personas de 15 a 17 años?",
                "Do you employ people aged 15 to 17?",
                weight=0,
                options=yes_no(),
            ),
            q(
                "adol-puestos-peligrosos",
                "yes_no",
                "¿Ha identificado los puestos peligrosos según la lista oficial de trabajos peligrosos?",
                "Have you identified hazardous posts against the official list of hazardous work?",
                weight=3,
                options=yes_no(no_risk=True),
            ),
            q(
                "adol-en-peligrosos",
                "yes_no",
                "¿Alguna persona adolescente realiza tareas peligrosas?",
                "Does any adolescent do hazardous tasks?",
                weight=3,
                cond=("adol-emplea", "si"),
                options=[("no", "No", "No", 100, False), ("si", "Sí", "Yes", 0, True)],
            ),
            q(
                "adol-jornada",
                "single",
                "¿Cómo controla la jornada de las personas adolescentes?",
                "How do you control adolescents' working hours?",
                weight=3,
                cond=("adol-emplea", "si"),
                options=[
                    (
                        "registro",
                        "Registro diario; máximo 6 horas diarias y 36 semanales",
                        "Daily record; at most 6 hours a day and 36 a week",
                        100,
                        False,
                    ),
                    ("informal", "Control informal", "Informal control", 40, False),
                    ("ninguno", "No se controla", "Not controlled", 0, True),
                ],
            ),
            q(
                "adol-nocturno",
                "yes_no",
                "¿Trabaja alguna persona adolescente de noche o en horas extra?",
                "Does any adolescent work at night or overtime?",
                weight=2,
                cond=("adol-emplea", "si"),
                options=[("no", "No", "No", 100, False), ("si", "Sí", "Yes", 0, True)],
            ),
            q(
                "adol-estudio",
                "yes_no",
                "¿Facilita que las personas adolescentes continúen sus estudios?",
                "Do you help adolescents continue their studies?",
                cond=("adol-emplea", "si"),
            ),
            q(
                "adol-permiso",
                "yes_no",
                "¿Cuenta con el permiso de la oficina del MTSS para emplear personas adolescentes?",
                "Do you hold the labour ministry's permit to employ adolescents?",
                cond=("adol-emplea", "si"),
                options=yes_no(no_risk=True),
            ),
        ],
    },
    {
        "key": "proveedores",
        "es": "Requisitos a proveedores y cláusulas contractuales",
        "en": "Supplier requirements and contract clauses",
        "intro_es": "La empresa extiende su compromiso a sus proveedores mediante requisitos, contratos y seguimiento.",
        "intro_en": "The company extends its commitment to suppliers through requirements, contracts and follow-up.",
        "rec_es": "Incluya una cláusula contra el trabajo infantil en contratos y órdenes de compra, pida a los proveedores una declaración anual y acompañe a los pequeños proveedores para que cumplan, en vez de solo excluirlos.",
        "rec_en": "Include a clause against child labour in contracts and purchase orders, ask suppliers for a yearly declaration and support small suppliers to comply rather than only dropping them.",
        "verify_es": "Modelo de contrato con la cláusula y declaraciones recibidas.",
        "verify_en": "Contract template with the clause and declarations received.",
        "questions": [
            q(
                "prov-codigo",
                "yes_no",
                "¿Tiene un código de conducta para proveedores que prohíba el trabajo infantil?",
                "Do you have a supplier code of conduct that prohibits child labour?",
                weight=3,
                options=yes_no(no_risk=True),
            ),
            q(
                "prov-clausula",
                "single",
                "¿Incluyen sus contratos una cláusula contra el trabajo infantil?",
                "Do your contracts include a clause against child labour?",
                weight=3,
                options=[
                    ("todos", "En todos los contratos", "In every contract", 100, False),
                    ("algunos", "En algunos contratos", "In some contracts", 50, False),
                    ("ninguno", "En ninguno", "In none", 0, True),
                ],
            ),
            q(
                "prov-declaracion",
                "yes_no",
                "¿Piden a los proveedores una declaración anual de cumplimiento?",
                "Do you ask suppliers for a yearly compliance declaration?",
            ),
            q(
                "prov-auditoria",
                "scale",
                "¿Con qué frecuencia audita o visita a sus proveedores? (1 = nunca, 5 = sistemáticamente)",
                "How often do you audit or visit your suppliers? (1 = never, 5 = systematically)",
                sizes=ML,
            ),
            q(
                "prov-incumplimiento",
                "single",
                "¿Qué hace cuando un proveedor incumple?",
                "What do you do when a supplier fails to comply?",
                weight=2,
                options=[
                    (
                        "plan",
                        "Acordamos un plan de mejora y lo acompañamos",
                        "We agree an improvement plan and support it",
                        100,
                        False,
                    ),
                    ("termina", "Terminamos la relación de inmediato", "We end the relationship at once", 40, False),
                    ("nada", "No hay un procedimiento", "There is no procedure", 0, True),
                ],
            ),
            q(
                "prov-precios",
                "yes_no",
                "¿Revisa que sus precios y plazos de compra no empujen a los proveedores a usar trabajo infantil?",
                "Do you check that your purchasing prices and deadlines do not push suppliers to use child labour?",
                weight=1,
                sizes=ML,
            ),
            q(
                "prov-clausula-modelo",
                "evidence",
                "Adjunte el modelo de cláusula o contrato.",
                "Attach the clause or contract template.",
                weight=1,
                sizes=[],
            ),
        ],
    },
    {
        "key": "remediacion",
        "es": "Remediación y referencia",
        "en": "Remediation and referral",
        "intro_es": "Si se detecta una situación, la empresa identifica, refiere a la autoridad, verifica la desvinculación y da seguimiento, siempre en el interés superior de la persona menor de edad.",
        "intro_en": "When a situation is detected, the company identifies it, refers it to the authority, verifies removal and follows up, always in the child's best interest.",
        "rec_es": "Escriba un protocolo de remediación con los cuatro pasos (identificar, referir al MTSS o al PANI, verificar la desvinculación, dar seguimiento) y designe a quien lo activa. Nunca despida sin más a la persona menor de edad: eso puede empeorar su situación.",
        "rec_en": "Write a remediation protocol with the four steps (identify, refer to the labour ministry or PANI, verify removal, follow up) and name who activates it. Never simply dismiss the child: it can make things worse.",
        "verify_es": "Protocolo aprobado y registro de referencias en el portal.",
        "verify_en": "Approved protocol and referrals recorded in the portal.",
        "questions": [
            q(
                "rem-protocolo",
                "yes_no",
                "¿Tiene un protocolo para actuar si detecta trabajo infantil?",
                "Do you have a protocol to act when child labour is detected?",
                weight=3,
                options=yes_no(no_risk=True),
            ),
            q(
                "rem-pasos",
                "multiple",
                "¿Qué pasos incluye el protocolo?",
                "Which steps does the protocol include?",
                weight=3,
                cond=("rem-protocolo", "si"),
                options=[
                    ("identificar", "Identificar la situación", "Identify the situation", 25, False),
                    ("referir", "Referir al MTSS o al PANI", "Refer to the labour ministry or PANI", 25, False),
                    ("verificar", "Verificar la desvinculación", "Verify removal", 25, False),
                    (
                        "seguimiento",
                        "Dar seguimiento a la persona y su familia",
                        "Follow up the child and family",
                        25,
                        False,
                    ),
                ],
            ),
            q(
                "rem-contactos",
                "yes_no",
                "¿Conoce los contactos de la oficina del MTSS (OATIA) y del PANI de su región?",
                "Do you know the contacts of the labour ministry office (OATIA) and PANI in your region?",
            ),
            q(
                "rem-casos",
                "yes_no",
                "¿Ha detectado algún caso en los últimos doce meses?",
                "Have you detected any case in the last twelve months?",
                weight=0,
                options=yes_no(),
            ),
            q(
                "rem-registrados",
                "yes_no",
                "¿Registró esos casos como referencias en el portal (sin datos personales)?",
                "Did you record those cases as referrals in the portal (with no personal data)?",
                weight=2,
                cond=("rem-casos", "si"),
                options=yes_no(no_risk=True),
            ),
            q(
                "rem-ingreso",
                "yes_no",
                "¿Ofrece apoyo a la familia para compensar el ingreso perdido (p. ej. empleo para una persona adulta)?",
                "Do you support the family to make up lost income (e.g. a job for an adult)?",
                sizes=ML,
            ),
        ],
    },
    {
        "key": "quejas",
        "es": "Mecanismo de quejas",
        "en": "Grievance mechanism",
        "intro_es": "Trabajadores, comunidades y proveedores pueden alertar sobre posibles casos de manera segura.",
        "intro_en": "Workers, communities and suppliers can raise possible cases safely.",
        "rec_es": "Abra un canal de quejas accesible (teléfono, buzón, WhatsApp), que permita el anonimato, con respuesta en plazos definidos, y dé a conocer que también recibe alertas sobre trabajo infantil en la cadena.",
        "rec_en": "Open an accessible grievance channel (phone, box, messaging) allowing anonymity, answered within set times, and make known it also takes alerts about child labour in the chain.",
        "verify_es": "Descripción del canal y registro de quejas atendidas.",
        "verify_en": "Description of the channel and log of grievances handled.",
        "questions": [
            q(
                "quejas-canal",
                "yes_no",
                "¿Tiene un canal para recibir quejas o alertas?",
                "Do you have a channel to receive grievances or alerts?",
                weight=3,
                options=yes_no(no_risk=True),
            ),
            q(
                "quejas-anonimo",
                "yes_no",
                "¿Permite el canal quejas anónimas y protege a quien denuncia?",
                "Does the channel allow anonymous grievances and protect whoever reports?",
                cond=("quejas-canal", "si"),
            ),
            q(
                "quejas-externos",
                "multiple",
                "¿Quiénes pueden usarlo?",
                "Who can use it?",
                cond=("quejas-canal", "si"),
                options=[
                    ("personal", "Personal propio", "Own staff", 40, False),
                    ("proveedores", "Proveedores y sus trabajadores", "Suppliers and their workers", 30, False),
                    ("comunidad", "Comunidades vecinas", "Neighbouring communities", 30, False),
                ],
            ),
            q(
                "quejas-plazo",
                "scale",
                "¿Qué tan rápido y documentado es el seguimiento de las quejas? (1 = sin seguimiento, 5 = con plazos y registro)",
                "How fast and documented is the follow-up of grievances? (1 = no follow-up, 5 = with deadlines and records)",
                sizes=SML,
            ),
            q(
                "quejas-numero",
                "number",
                "¿Cuántas quejas relacionadas con trabajo infantil recibió el último año?",
                "How many grievances about child labour did you receive last year?",
                weight=0,
                max_value=10_000,
                sizes=[],
            ),
        ],
    },
    {
        "key": "capacitacion",
        "es": "Capacitación y sensibilización",
        "en": "Training and awareness",
        "intro_es": "El personal, la gerencia y los proveedores saben reconocer el trabajo infantil y qué hacer.",
        "intro_en": "Staff, managers and suppliers know how to recognise child labour and what to do.",
        "rec_es": "Incluya el tema en la inducción, capacite cada año a compras, RR. HH. y supervisión de campo, y aproveche los talleres de la Red y del MTSS para proveedores.",
        "rec_en": "Include the topic in induction, train purchasing, HR and field supervisors every year, and use the network's and the ministry's workshops for suppliers.",
        "verify_es": "Listas de asistencia y materiales de capacitación.",
        "verify_en": "Attendance lists and training materials.",
        "questions": [
            q(
                "cap-induccion",
                "yes_no",
                "¿Incluye la inducción del personal el tema del trabajo infantil?",
                "Does staff induction cover child labour?",
            ),
            q(
                "cap-areas",
                "multiple",
                "¿Qué áreas recibieron capacitación en los últimos doce meses?",
                "Which departments were trained in the last twelve months?",
                weight=3,
                options=[
                    ("rrhh", "Recursos humanos", "Human resources", 30, False),
                    ("compras", "Compras", "Purchasing", 30, False),
                    ("campo", "Supervisión de campo o planta", "Field or plant supervisors", 25, False),
                    ("gerencia", "Alta gerencia", "Top management", 15, False),
                    ("ninguna", "Ninguna", "None", 0, True),
                ],
            ),
            q(
                "cap-proveedores",
                "yes_no",
                "¿Ha capacitado o sensibilizado a sus proveedores?",
                "Have you trained or raised awareness among your suppliers?",
                sizes=SML,
            ),
            q(
                "cap-personas",
                "number",
                "¿Cuántas personas se capacitaron el último año?",
                "How many people were trained last year?",
                weight=0,
                max_value=1_000_000,
                sizes=[],
            ),
            q(
                "cap-campana",
                "yes_no",
                "¿Participó en campañas de sensibilización (p. ej. 12 de junio, Día Mundial contra el Trabajo Infantil)?",
                "Did you take part in awareness campaigns (e.g. 12 June, World Day Against Child Labour)?",
                weight=1,
            ),
        ],
    },
    {
        "key": "comunidad",
        "es": "Programas con comunidades y familias",
        "en": "Community and family programmes",
        "intro_es": "La empresa contribuye a atacar las causas del trabajo infantil: pobreza, abandono escolar, falta de cuido.",
        "intro_en": "The company helps tackle the root causes of child labour: poverty, school drop-out, lack of childcare.",
        "rec_es": "Apoye programas de permanencia escolar, becas o centros de cuido en las zonas donde opera o compra, en alianza con el PANI, el MEP, municipalidades u organizaciones de la Red.",
        "rec_en": "Support school-retention programmes, grants or childcare centres where you operate or buy, together with PANI, the education ministry, municipalities or network organisations.",
        "verify_es": "Convenios o informes de los programas apoyados.",
        "verify_en": "Agreements or reports of the programmes supported.",
        "questions": [
            q(
                "com-programa",
                "yes_no",
                "¿Apoya algún programa para familias o comunidades de su cadena de valor?",
                "Do you support any programme for families or communities in your value chain?",
                weight=2,
            ),
            q(
                "com-tipo",
                "multiple",
                "¿Qué tipo de programas?",
                "What kind of programmes?",
                cond=("com-programa", "si"),
                options=[
                    ("becas", "Becas o permanencia escolar", "Grants or school retention", 35, False),
                    (
                        "cuido",
                        "Centros de cuido en temporada de cosecha",
                        "Childcare during harvest season",
                        35,
                        False,
                    ),
                    ("empleo", "Empleo o ingresos para personas adultas", "Jobs or income for adults", 30, False),
                ],
            ),
            q(
                "com-alianzas",
                "yes_no",
                "¿Trabaja en alianza con instituciones públicas u organizaciones de la Red?",
                "Do you work with public institutions or network organisations?",
            ),
            q(
                "com-beneficiarios",
                "number",
                "¿Cuántas niñas, niños o adolescentes se beneficiaron el último año?",
                "How many children or adolescents benefited last year?",
                weight=0,
                max_value=1_000_000,
                sizes=[],
            ),
            q(
                "com-evaluacion",
                "scale",
                "¿En qué medida mide los resultados de estos programas? (1 = no se miden, 5 = evaluación independiente)",
                "To what extent do you measure these programmes' results? (1 = not measured, 5 = independent evaluation)",
                weight=1,
                sizes=ML,
                cond=("com-programa", "si"),
            ),
            q(
                "com-comentarios",
                "text",
                "Comentarios o buenas prácticas que quiera compartir con la Red.",
                "Comments or good practices you want to share with the network.",
                weight=0,
                sizes=[],
            ),
        ],
    },
]

NAME = "Autoevaluación de la cadena de valor (Guía OIT-OIE)"
DESCRIPTION_ES = (
    "Cuestionario basado en la Herramienta de orientación sobre el trabajo infantil para empresas de la OIT y la "
    "OIE (2015). Ayuda a cada empresa a ver dónde está y qué mejorar; los resultados individuales solo los ven la "
    "empresa y la secretaría técnica."
)
DESCRIPTION_EN = (
    "Questionnaire based on the ILO-IOE Child Labour Guidance Tool for Business (2015). It helps each company see "
    "where it stands and what to improve; individual results are seen only by the company and the secretariat."
)


def number_ranges():
    """{question key: (lowest, highest)} of the number questions (None: no bound)."""
    return {
        item["key"]: (item["min_value"], item["max_value"])
        for section in SECTIONS
        for item in section["questions"]
        if item["kind"] == "number"
    }


def apply_number_ranges(apps, code="oit-oie"):
    """Set the ranges of the default questionnaire's number questions on every version of it
    (a range refuses impossible answers; it changes no score, so locked versions get it too)."""
    Question = apps.get_model("supplychain", "Question")
    for key, (low, high) in number_ranges().items():
        Question.objects.filter(section__questionnaire__code=code, key=key).update(min_value=low, max_value=high)


def load(apps, code="oit-oie"):
    """Create version 1 of the default questionnaire, published (no-op when it exists)."""
    from django.utils import timezone

    Questionnaire = apps.get_model("supplychain", "Questionnaire")
    Section = apps.get_model("supplychain", "Section")
    Question = apps.get_model("supplychain", "Question")
    Option = apps.get_model("supplychain", "Option")
    if Questionnaire.objects.filter(code=code).exists():
        return None
    questionnaire = Questionnaire.objects.create(
        code=code,
        name=NAME,
        version=1,
        status="published",
        published_at=timezone.now(),
        description_es=DESCRIPTION_ES,
        description_en=DESCRIPTION_EN,
    )
    options_by_key = {}
    conditions = []
    for section_order, data in enumerate(SECTIONS, start=1):
        section = Section.objects.create(
            questionnaire=questionnaire,
            key=data["key"],
            order=section_order,
            title_es=data["es"],
            title_en=data["en"],
            intro_es=data["intro_es"],
            intro_en=data["intro_en"],
            recommendation_es=data["rec_es"],
            recommendation_en=data["rec_en"],
        )
        for order, item in enumerate(data["questions"], start=1):
            question = Question.objects.create(
                section=section,
                key=item["key"],
                order=order,
                kind=item["kind"],
                text_es=item["es"],
                text_en=item["en"],
                help_es=item["help_es"],
                help_en=item["help_en"],
                weight=item["weight"],
                required_sizes=list(item["sizes"]),
                risk_if_below=item["risk_below"],
                action_es=item["action_es"] or f"Mejorar: {item['es']}",
                action_en=item["action_en"] or f"Improve: {item['en']}",
                verification_es=data["verify_es"],
                verification_en=data["verify_en"],
            )
            for option_order, (key, label_es, label_en, score, risk) in enumerate(item["options"], start=1):
                options_by_key[(item["key"], key)] = Option.objects.create(
                    question=question,
                    key=key,
                    order=option_order,
                    label_es=label_es,
                    label_en=label_en,
                    score=score,
                    signals_risk=risk,
                )
            if item["cond"]:
                conditions.append((question, item["cond"]))
    for question, condition in conditions:
        question.condition_option = options_by_key[condition]
        question.save(update_fields=["condition_option"])
    if any(f.name == "min_value" for f in Question._meta.get_fields()):  # not in 0002's historical model
        apply_number_ranges(apps, code)
    return questionnaire
