"""Pools of fictional names, places and organisations for the demo and benchmark service.

Nothing here identifies anyone: names are common ones mixed at random, towns and venues are invented,
telephone numbers come from the ranges Ofcom keeps for drama (07700 900xxx, 01632 960xxx), email addresses
use the reserved ``.example`` domain, and postcodes use the ZX area, which no real place has.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heritage:
    """A family background: its names, and the language its older generation prefers."""

    key: str
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    language: str = "en_GB"
    interpreter_rate: float = 0.0
    native_script: dict[str, str] = field(default_factory=dict)
    """Names the older generation writes in their own script (right to left for Arabic and Urdu)."""


HERITAGES: dict[str, Heritage] = {h.key: h for h in (
    Heritage("british",
             ("Emma", "Sophie", "Chloe", "Jade", "Kelly", "Leanne", "Hannah", "Lucy", "Gemma", "Amy", "Rebecca",
              "Charlotte", "Megan", "Lauren", "Stacey", "Natalie", "Karen", "Susan", "Pauline", "Denise", "Zoë"),
             ("Daniel", "Ryan", "Liam", "Jamie", "Craig", "Lee", "Adam", "Thomas", "Jack", "Callum", "Kieran",
              "Mark", "Paul", "Gary", "Steven", "David", "Keith", "Graham", "Terry", "Brian"),
             ("Thompson", "Walker", "Harris", "Clarke", "Wright", "Robinson", "Hughes", "Turner", "Wood", "Hall",
              "Shaw", "Marsh", "Holloway", "Pickering", "Ashworth", "Barraclough", "Fairbairn", "Whitfield",
              "Cartwright", "D'Arcy", "Pennington", "Oakley")),
    Heritage("welsh",
             ("Siân", "Rhiannon", "Cerys", "Ffion", "Angharad", "Nia", "Gwenllian", "Eluned"),
             ("Rhodri", "Dafydd", "Iwan", "Gethin", "Huw", "Emyr", "Aled", "Llŷr"),
             ("Pritchard", "Llywelyn", "Gruffydd", "Bowen", "Prosser", "Vaughan", "Rees", "ap Rhys"),
             "cy", 0.05),
    Heritage("irish",
             ("Aoife", "Siobhán", "Niamh", "Róisín", "Orla", "Bríd", "Máire", "Clodagh"),
             ("Seán", "Ciarán", "Pádraig", "Eoin", "Cathal", "Declan", "Tadhg", "Colm"),
             ("O'Neill", "O'Sullivan", "McCarthy", "Ó Briain", "Doyle", "Kavanagh", "O'Connor", "Mac Giolla")),
    Heritage("polish",
             ("Zofia", "Agnieszka", "Małgorzata", "Katarzyna", "Joanna", "Ewa", "Łucja", "Bożena"),
             ("Łukasz", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Jędrzej", "Mikołaj", "Wojciech"),
             ("Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Kaczmarek", "Piątek", "Woźniak"),
             "pl", 0.7),
    Heritage("romanian",
             ("Ioana", "Andreea", "Mădălina", "Alexandra", "Ștefania", "Raluca", "Florentina", "Georgeta"),
             ("Andrei", "Ștefan", "Ionuț", "Mihai", "Florin", "Constantin", "Vasile", "Gheorghe"),
             ("Popescu", "Dăscălu", "Ionescu", "Munteanu", "Constantinescu", "Stoica", "Rădulescu", "Țurcanu"),
             "ro", 0.6),
    Heritage("pakistani",
             ("Ayesha", "Sana", "Nadia", "Farah", "Saima", "Shazia", "Rukhsana", "Nasreen"),
             ("Imran", "Bilal", "Adeel", "Tariq", "Zubair", "Asif", "Mohammed", "Khalid"),
             ("Hussain", "Iqbal", "Akhtar", "Mahmood", "Qureshi", "Rashid", "Butt", "Chaudhry"),
             "ur", 0.6,
             {"Ayesha": "عائشہ", "Nasreen": "نسرین", "Rukhsana": "رخسانہ", "Saima": "صائمہ",
              "Mohammed": "محمد", "Tariq": "طارق", "Khalid": "خالد", "Asif": "آصف",
              "Hussain": "حسین", "Akhtar": "اختر", "Iqbal": "اقبال", "Mahmood": "محمود"}),
    Heritage("punjabi",
             ("Harpreet", "Gurpreet", "Manjit", "Jaswinder", "Simran", "Navdeep", "Amarjit", "Kulwinder"),
             ("Harjit", "Gurdeep", "Sukhwinder", "Jaspal", "Balvinder", "Ranjit", "Kuldip", "Amrik"),
             ("Sandhu", "Gill", "Dhillon", "Sidhu", "Grewal", "Bains", "Johal", "Atwal"),
             "pa", 0.6),
    Heritage("somali",
             ("Hodan", "Amina", "Faduma", "Hawa", "Sahra", "Ifrah", "Ubah", "Khadra"),
             ("Abdi", "Mohamed", "Abdirahman", "Hassan", "Ahmed", "Yusuf", "Liban", "Warsame"),
             ("Abdullahi", "Farah", "Hersi", "Jama", "Osman", "Ali", "Nur", "Egal"),
             "so", 0.6),
    Heritage("nigerian",
             ("Adaeze", "Chiamaka", "Folake", "Ngozi", "Bisi", "Yetunde", "Ifeoma", "Funmilayo"),
             ("Chinedu", "Emeka", "Tunde", "Olumide", "Segun", "Obinna", "Kayode", "Babatunde"),
             ("Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Ogunleye", "Nwosu", "Adebayo")),
    Heritage("caribbean",
             ("Shanice", "Marcia", "Janelle", "Keisha", "Beverley", "Simone", "Hyacinth", "Paulette"),
             ("Delroy", "Marlon", "Winston", "Leroy", "Andre", "Tyrone", "Errol", "Clive"),
             ("Campbell", "Francis", "Grant", "Samuels", "Morgan", "Reid", "McKenzie", "Bailey")),
    Heritage("arabic",
             ("Maryam", "Fatima", "Salma", "Nour", "Layla", "Huda"),
             ("Youssef", "Ahmed", "Khalid", "Omar", "Samir", "Karim"),
             ("Hussein", "Mansour", "Al-Khatib", "Haddad", "Nasser", "Saleh"),
             "ar", 0.7,
             {"Maryam": "مريم", "Fatima": "فاطمة", "Salma": "سلمى", "Nour": "نور", "Layla": "ليلى",
              "Huda": "هدى", "Youssef": "يوسف", "Ahmed": "أحمد", "Khalid": "خالد", "Omar": "عمر",
              "Samir": "سمير", "Karim": "كريم", "Hussein": "حسين", "Mansour": "منصور",
              "Al-Khatib": "الخطيب", "Haddad": "حداد", "Nasser": "ناصر", "Saleh": "صالح"}),
)}

HERITAGE_WEIGHTS: dict[str, int] = {
    "british": 46, "welsh": 6, "irish": 6, "polish": 8, "romanian": 5, "pakistani": 7, "punjabi": 4,
    "somali": 4, "nigerian": 5, "caribbean": 5, "arabic": 4,
}

CHILD_FEMALE = ("Ava", "Isla", "Amelia", "Freya", "Poppy", "Evie", "Lily", "Maisie", "Aisha", "Zainab",
                "Hania", "Maja", "Eira", "Niamh", "Amara", "Sofia", "Ruby", "Mia", "Zoë", "Renée")
CHILD_MALE = ("Noah", "Leo", "Alfie", "Harry", "Oscar", "Mason", "Kai", "Ibrahim", "Yusuf", "Kacper",
              "Jakub", "Tomos", "Cian", "Tobi", "Reuben", "Theo", "Finley", "Ezra", "Ilie", "Jasraj")

TOWNS = ("Kingsmere", "Oldcastle Moor", "Ashby Vale", "Brackenford", "Millbrook St Ann", "Harrowfield",
         "Wexcombe", "Lowbridge")
STREETS = ("Station Road", "Church Lane", "Mill Street", "Orchard Close", "Victoria Terrace", "Primrose Way",
           "Kestrel Drive", "Canal Side", "Foundry Row", "Meadow View", "Beech Grove", "Chapel Street",
           "Tanners Yard", "Heron Walk", "Quarry Hill", "Lavender Court")

VENUES: tuple[tuple[str, str, str], ...] = (
    ("Kingsmere Family Centre", "2 Market Walk, Kingsmere, ZX1 4AB",
     "Step-free entrance; hearing loop in the main room; a quiet side room for private family time."),
    ("St Aidan's Community Hall", "St Aidan's Road, Oldcastle Moor, ZX2 7DF",
     "Ramp at the side door; kitchen available; no lift to the upstairs room."),
    ("Ashby Vale Library, meeting room 1", "The Precinct, Ashby Vale, ZX3 1GH",
     "Lift to the first floor; accessible toilet; the library closes at 5pm."),
    ("Brackenford Children's Centre", "41 Foundry Row, Brackenford, ZX4 2JK",
     "Step-free; baby-changing and a play area; parking for four cars."),
    ("The Meeting House, Millbrook", "Quaker Lane, Millbrook St Ann, ZX5 8LM",
     "Step-free ground floor; quiet garden; free parking."),
    ("Harrowfield Sports Pavilion", "Recreation Ground, Harrowfield, ZX6 3NP",
     "Step-free; large room divisible into two; bus stop outside."),
    ("Wexcombe Village Hall", "The Green, Wexcombe, ZX7 5QR",
     "One step at the entrance, portable ramp available; hearing loop."),
    ("Lowbridge Hub", "9 Canal Side, Lowbridge, ZX8 6ST",
     "Lift; prayer room; interpreting booth for telephone interpreters."),
    ("Oldcastle Moor Youth Centre", "Heron Walk, Oldcastle Moor, ZX2 9UV",
     "Step-free; evenings only during term time."),
    ("Kingsmere Gurdwara Community Room", "17 Tanners Yard, Kingsmere, ZX1 6WX",
     "Shoes off in the main hall; step-free side entrance; langar available."),
    ("Brackenford Mosque Community Suite", "Quarry Hill, Brackenford, ZX4 8YZ",
     "Separate entrances; lift; the suite is free on weekday afternoons."),
    ("Ashby Vale Methodist Church Hall", "Chapel Street, Ashby Vale, ZX3 4BC",
     "Step-free; hearing loop; kitchen; parking behind the church."),
)

SCHOOLS = ("Kingsmere Primary School", "St Anne's C of E Primary School", "Oldcastle Moor Academy",
           "Brackenford High School", "Millbrook St Ann Infant School", "Harrowfield Junior School",
           "Lowbridge Community College", "Our Lady of Lourdes Catholic Primary School")
GP_PRACTICES = ("Kingsmere Medical Practice", "Oldcastle Moor Health Centre", "Ashby Vale Surgery",
                "Brackenford Family Practice", "Lowbridge Medical Group")
FAITH_GROUPS = ("St Mary's Church", "Al-Noor Mosque", "Kingsmere Gurdwara", "Brackenford Pentecostal Church",
                "Polish Catholic Mission, Ashby Vale", "Oldcastle Moor Baptist Church")
COMMUNITY_GROUPS = ("Riverside Boxing Club", "Lowbridge Junior Football Club", "Harrowfield Food Bank",
                    "Somali Community Association of Exampleshire", "Kingsmere Mums' Group",
                    "Wexcombe Scouts", "Brackenford Young Carers")
HOUSING = ("Exampleshire Homes", "Moorland Housing Association", "Council housing options team")

REFERRING_TEAMS = ("Kingsmere Safeguarding Team", "Oldcastle Moor Assessment Team",
                   "Brackenford Family Help Team", "Children with Disabilities Team",
                   "Lowbridge Child Protection Team", "Pre-proceedings and Court Team")

STAFF_FEMALE = ("Joanne", "Priya", "Helen", "Sadia", "Claire", "Bethan", "Marta", "Yewande", "Fiona", "Anita",
                "Rachel", "Nasra", "Kerry", "Lowri", "Olena", "Grace")
STAFF_MALE = ("Martin", "Amir", "Stuart", "Dariusz", "Owen", "Kwame", "Neil", "Rajesh", "Gareth", "Simon",
              "Tomasz", "Euan")
STAFF_FAMILY = ("Okoye", "Bennett", "Sharma", "Fletcher", "Lewandowska", "Hargreaves", "Mensah", "Doherty",
                "Khan", "Price", "Evans", "Nguyen", "Ellison", "Ward", "Begum", "Kowalski", "Adams", "Roper",
                "Sutherland", "Achterberg", "Osei", "Morley")

COUNCIL_DOMAIN = "exampleshire.example"
HEALTH_DOMAIN = "exampleshire-nhs.example"


def phone(number: int, mobile: bool = True) -> str:
    """A drama-range telephone number: never anyone's real line."""
    return f"07700 900{number % 1000:03d}" if mobile else f"01632 960{number % 1000:03d}"


def postcode(town_index: int, number: int) -> str:
    return f"ZX{town_index % len(TOWNS) + 1} {number % 9 + 1}{'ABDEFGHJLNPQRSTUWXYZ'[number % 20]}" \
           f"{'ABDEFGHJLNPQRSTUWXYZ'[(number // 20) % 20]}"


def address(number: int, street: int, town: int) -> str:
    town_name = TOWNS[town % len(TOWNS)]
    return f"{number} {STREETS[street % len(STREETS)]}, {town_name}, {postcode(town, number * 7 + street)}"


_UNDECOMPOSABLE = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss"})


def email_local(*names: str) -> str:
    """An ASCII mailbox name from a person's names (accents dropped, spaces and apostrophes removed)."""
    plain = ".".join(unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSABLE)).encode("ascii", "ignore")
                     .decode().lower() for name in names)
    return "".join(ch for ch in plain if ch.isalnum() or ch == ".").strip(".") or "family"
