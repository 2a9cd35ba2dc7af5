"""Invented names for demo people, customers and organisations."""

from __future__ import annotations

FIRST_NAMES = (
    "Aisha", "Alex", "Amelia", "Ana", "Arjun", "Ben", "Beatriz", "Callum", "Camille", "Carlos",
    "Chloe", "Chris", "Daniel", "Darius", "Eleanor", "Elif", "Emma", "Ethan", "Fatima", "Finn",
    "Freya", "George", "Grace", "Hannah", "Harry", "Ines", "Isla", "Jack", "Jamal", "Jess",
    "Joao", "Kai", "Karen", "Laila", "Leo", "Lucia", "Luke", "Maya", "Mei", "Mohammed",
    "Nadia", "Noah", "Nora", "Oliver", "Olivia", "Omar", "Pablo", "Priya", "Rachel", "Raj",
    "Rosa", "Ruby", "Sam", "Sara", "Sean", "Sofia", "Tariq", "Theo", "Tom", "Una",
    "Valentina", "Will", "Yusuf", "Zara",
)  # fmt: skip

LAST_NAMES = (
    "Adeyemi", "Ahmed", "Allen", "Baker", "Bennett", "Brown", "Byrne", "Campbell", "Chen",
    "Clarke", "Costa", "Davies", "Dubois", "Edwards", "Evans", "Fernandez", "Fischer", "Garcia",
    "Green", "Hall", "Harris", "Hughes", "Iqbal", "Jackson", "Jones", "Kaur", "Kelly", "Khan",
    "Kowalski", "Lambert", "Lewis", "Lopez", "Martin", "Mensah", "Moreau", "Morgan", "Murphy",
    "Nguyen", "Novak", "O'Brien", "Okafor", "Patel", "Phillips", "Price", "Quinn", "Roberts",
    "Robinson", "Rossi", "Santos", "Scott", "Shah", "Singh", "Smith", "Taylor", "Thomas",
    "Turner", "Walker", "Ward", "Watson", "White", "Williams", "Wilson", "Wood", "Young",
)  # fmt: skip

ORGANISATIONS = (
    "Northwind Traders", "Harbour & Vale", "Bluebell Dental", "Kestrel Logistics",
    "Oakridge Schools Trust", "Meridian Hotels", "Pennine Outdoor", "Quayside Architects",
    "Rowan Health", "Silverline Events", "Thistle Foods", "Umber Print", "Vantage Motors",
    "Willow Vets", "Yarrow Legal", "Ashdown Garden Centre", "Brightwater Gym", "Copperfield Cafe",
    "Dovetail Joinery", "Elmstead Pharmacy", "Fernhill Nurseries", "Granite Builders",
    "Hawthorn Books", "Ironbridge Cycles", "Juniper Studios", "Kingfisher Travel",
    "Lantern Theatre", "Marlow Accountants", "Nettle & Co", "Orchard Bakery",
    "Puffin Toys", "Redwood Consulting", "Saltmarsh Brewery", "Tideway Marine",
    "Upland Farm Shop", "Violet Florists", "Wharf Street Dental", "Yew Tree Care",
    "Zephyr Media", "Albion Tutors",
)  # fmt: skip


def email_slug(text: str) -> str:
    """Lower-case letters and digits only, for the local part or domain of an email."""
    return "".join(ch for ch in text.lower() if ch.isalnum())
