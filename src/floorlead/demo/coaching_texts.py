"""What coaches, agents and teams write in the demo's coaching records."""

from __future__ import annotations

AGENDA = {
    "qa": "Go through last week's quality reviews together; agree one thing to change.",
    "aht": "Look at where the time goes on longer contacts; pick one habit to try.",
}
HELD_NOTES = {
    "qa": (
        "Listened back to the reviewed contact together. {first} saw where the answer went "
        "wrong: the policy page was out of date in the knowledge base. Agreed to check the "
        "policy before quoting it and to close every contact with clear next steps.",
        "Follow-up: the last reviews are better on next steps. Identity checks still get "
        "skipped when the customer is in a hurry; practised the two-question check.",
    ),
    "aht": (
        "Most of the extra time is holds while looking for order details. Showed {first} the "
        "saved searches and the refund macro. Will try them this week.",
        "Hold time is down. Wrap-up is still long on emails: agreed to write the note while "
        "the customer is on the line instead of after.",
    ),
}
ACTIONS = {
    "qa": (
        ("Re-read the refunds policy page and note two changes", "agent"),
        ("Send two examples of good next-step closings to the team chat", "agent"),
        ("Book a listening session with a senior agent", "agent"),
        ("Fix the out-of-date refunds article in the knowledge base", "coach"),
    ),
    "aht": (
        ("Set up saved searches for orders and refunds", "agent"),
        ("Use the refund macro on every refund this week", "agent"),
        ("Shadow a senior agent for an hour of calls", "agent"),
        ("Ask the product team for the missing order-lookup shortcut", "coach"),
    ),
}
GOAL_NOTES = {
    "average_handle_time": "Bring handle time down without rushing customers: fewer holds.",
    "csat": "More customers leaving happy: clear answers and clear next steps.",
}
KUDOS = (
    "Thanks for taking my callbacks while I was stuck on that escalation!",
    "Brilliant handling of a really angry customer this morning. Calm and kind.",
    "Thank you for the refund macro, it saves me minutes on every ticket.",
    "You covered my lunch when the queue spiked. Much appreciated!",
    "Great catch on the duplicate charge, the customer was delighted.",
    "Thanks for explaining the new returns process so patiently.",
    "Your notes on ticket handovers make picking up your work so easy.",
    "Top work clearing the email backlog on Monday.",
)
LEADER_KUDOS = (
    "Best quality scores in the team this month. Well done!",
    "Thanks for mentoring our new starter, it shows in their reviews.",
    "Stayed calm through the outage and kept customers informed. Thank you.",
)
REVIEW_COMMENTS = {
    5: "An excellent month: quality and customers' scores both well above target.",
    4: "A strong month. Quality is consistently good; keep sharing what works with the team.",
    3: "A solid month. On track overall; the goals we set are the next step.",
    2: "A difficult month: quality and handle time are below target. We have a plan in 1:1s.",
    1: "Well below expectations this month; we will meet weekly to turn it round.",
}
AGENT_REPLIES = (
    "Thanks, agreed. Happy with the plan.",
    "Thanks! I'd like more time on calls with the senior agents.",
    "",
)
MEETING = {
    "title": "Monthly team meeting",
    "agenda": "1. Last month's numbers\n2. Quality themes\n3. Rota for the bank holiday\n4. AOB",
    "notes": "Went through the month's service level and quality themes. Reopens are up on "
    "refunds; most come from unclear next steps. Discussed the rota for the next bank holiday.",
    "decisions": (
        "Every refund reply ends with the date the money arrives.",
        "Seniors take the first hour of the queue on Mondays.",
        "Swap requests for the bank holiday go to the supervisor by Friday.",
    ),
}
BRIEFING = {
    "title": "Shift briefing: product release",
    "agenda": "The new app release: what changes for customers and the known issues.",
}
PULSE_QUESTION = "How likely are you to recommend this team as a place to work?"
PULSE_COMMENTS = (
    "Great team, supportive supervisor.",
    "Mondays are too busy, we need more people on the phones.",
    "I like the coaching sessions.",
    "The rota changes too late in the week.",
    "",
    "",
)
