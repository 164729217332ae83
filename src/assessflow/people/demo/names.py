"""Plausible English names, streets and GP practices for the demo council's people."""

FEMALE = (
    "Margaret Patricia Susan Linda Christine Jean Elizabeth Mary Janet Barbara Carol Ann Sandra Valerie Pauline "
    "Sheila Jacqueline Maureen Brenda Joan Doreen Irene Dorothy Joyce Eileen Sylvia Kathleen Hilda Betty Iris "
    "Sarah Emma Claire Nicola Lisa Michelle Helen Rachel Louise Amanda Priya Aisha Fatima Shabana Nasreen Grace "
    "Chloe Sophie Jessica Hannah Amina Zainab Olivia Amelia Ewa Agnieszka Bernadette Siobhan Mavis Gladys Edna"
).split()
MALE = (
    "John David Michael Peter Robert William James Brian Anthony Alan Stephen Richard Paul Kenneth Keith Roy "
    "Ronald Derek Colin Trevor Dennis Raymond George Frank Arthur Harold Albert Stanley Leslie Gordon Mark "
    "Andrew Daniel Thomas Christopher Matthew Simon Gary Darren Wayne Mohammed Imran Tariq Rajesh Sanjay Kwame "
    "Tobi Samuel Joseph Liam Ryan Jamal Piotr Tomasz Patrick Declan Winston Clive Errol Desmond Cyril"
).split()
FAMILY = (
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker "
    "White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris "
    "Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young "
    "Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan "
    "Marshall Anderson Simpson Ellis Adams Singh Begum Ali Hussain Ahmed Chowdhury Okafor Mensah Kowalski Nowak "
    "O'Brien McCarthy Fitzgerald Campbell Stewart Reid Murray Francis Grant Lloyd Owen Pearce Holmes Webb Knight"
).split()
STREETS = (
    "High Street|Station Road|Church Lane|Park Avenue|Victoria Road|Mill Lane|The Crescent|Albert Street|"
    "Queens Road|Manor Way|Orchard Close|Meadow View|Brook Street|Castle Hill|Windmill Lane|Chapel Row|"
    "Beech Grove|Elm Drive|Riverside Walk|Kingsway|Cross Street|Green Lane|Oak Avenue|Willow Court"
).split("|")
GP_PRACTICES = (
    ("Riverside Medical Practice", "Y90001"),
    ("Market Square Surgery", "Y90002"),
    ("Northfield Health Centre", "Y90003"),
    ("Parkview Family Practice", "Y90004"),
    ("Eastgate Surgery", "Y90005"),
)
TOWN = "Demo Borough"
POSTCODE_DISTRICTS = ("DB1", "DB2", "DB3", "DB4", "DB5", "DB6", "DB7", "DB8")
