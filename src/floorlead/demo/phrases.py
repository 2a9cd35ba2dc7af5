"""Template text for the demo. Placeholders: {order} {invoice} {amount} {device} {product}
{days} {topic}, plus {team} and {approval} where noted."""

from __future__ import annotations

DEVICES = ("iPhone 15", "Pixel 8", "Galaxy S23", "iPad", "Windows laptop", "MacBook", "Chromebook")
PRODUCTS = (
    "wireless headphones",
    "coffee machine",
    "standing desk",
    "running shoes",
    "air fryer",
    "winter coat",
    "smart speaker",
    "office chair",
    "kettle",
    "backpack",
)

CATEGORY_TOPIC = {
    "refund": "your refund",
    "invoice": "your invoice",
    "payment_failed": "your payment",
    "subscription": "your subscription",
    "double_charge": "the duplicate charge",
    "login_problem": "signing in",
    "app_error": "the app error",
    "connectivity": "the sync issue",
    "bug_report": "the bug you reported",
    "account_setup": "your account set-up",
    "delivery_delay": "your delivery",
    "return_request": "your return",
    "damaged_item": "the damaged item",
    "order_change": "your order change",
    "missing_item": "the missing item",
}

SUBJECTS = {
    "refund": (
        "Refund not received",
        "Where is my refund for order {order}?",
        "Refund request for {product}",
    ),
    "invoice": (
        "Invoice {invoice} looks wrong",
        "Need a VAT invoice for {order}",
        "Copy of invoice please",
    ),
    "payment_failed": (
        "Payment keeps failing",
        "Card declined at checkout",
        "Payment error on order {order}",
    ),
    "subscription": (
        "Cancel my subscription",
        "Change my plan",
        "Subscription renewed without warning",
    ),
    "double_charge": (
        "Charged twice",
        "Two payments of {amount} taken",
        "Duplicate charge on my card",
    ),
    "login_problem": (
        "Can't log in",
        "Password reset email never arrives",
        "Locked out of my account",
    ),
    "app_error": (
        "App crashes on {device}",
        "Error when I open the app",
        "App stuck on loading screen",
    ),
    "connectivity": ("Sync not working", "App says I'm offline", "Data not updating on {device}"),
    "bug_report": (
        "Bug: totals don't add up",
        "Button does nothing on {device}",
        "Export produces an empty file",
    ),
    "account_setup": (
        "Help setting up my account",
        "How do I add a second user?",
        "Verify my email address",
    ),
    "delivery_delay": (
        "Order {order} hasn't arrived",
        "Delivery is {days} days late",
        "Where is my parcel?",
    ),
    "return_request": (
        "Return my {product}",
        "Return label needed for {order}",
        "How do I send this back?",
    ),
    "damaged_item": (
        "{product} arrived damaged",
        "Broken item in order {order}",
        "Parcel crushed on arrival",
    ),
    "order_change": (
        "Change delivery address for {order}",
        "Add an item to my order",
        "Change my order please",
    ),
    "missing_item": (
        "Item missing from order {order}",
        "Only part of my order arrived",
        "Missing {product}",
    ),
}

DESCRIPTIONS = {
    "refund": (
        "I returned the {product} {days} days ago and still have no refund of {amount}.",
        "You said the refund for order {order} was approved but nothing has reached my account.",
    ),
    "invoice": (
        "Invoice {invoice} shows the wrong company name and amount. Please correct it.",
        "My accountant needs a proper VAT invoice for order {order}.",
    ),
    "payment_failed": (
        "Every time I pay for order {order} the card is declined, but the bank says it is fine.",
        "Checkout shows 'payment error' after I confirm the {amount} payment.",
    ),
    "subscription": (
        "I want to cancel before the next renewal. I can't find the option anywhere.",
        "My plan renewed at {amount} without any reminder. I'd like to switch to monthly.",
    ),
    "double_charge": (
        "My statement shows two payments of {amount} for order {order}.",
        "I was charged twice this morning. Please refund the duplicate.",
    ),
    "login_problem": (
        "I've reset my password three times and still can't sign in.",
        "The reset link says it has expired as soon as I click it.",
    ),
    "app_error": (
        "Since the last update the app crashes on my {device} when I open my orders.",
        "I get 'something went wrong' every time I open the app on my {device}.",
    ),
    "connectivity": (
        "Changes I make on my {device} don't show up on the website.",
        "The app keeps telling me I'm offline although everything else works.",
    ),
    "bug_report": (
        "The report totals are {amount} off compared with the individual lines.",
        "When I press Save on my {device} nothing happens and my changes are lost.",
    ),
    "account_setup": (
        "We've just signed up and need help adding our team and setting permissions.",
        "I never received the verification email for my new account.",
    ),
    "delivery_delay": (
        "Order {order} was due {days} days ago and tracking hasn't moved.",
        "The courier says delivered but nothing arrived. Order {order}.",
    ),
    "return_request": (
        "The {product} doesn't fit our needs. How do I return it for a refund?",
        "I need a returns label for order {order}, the portal gives an error.",
    ),
    "damaged_item": (
        "The {product} from order {order} arrived with a cracked casing.",
        "The box was crushed and the {product} inside is broken.",
    ),
    "order_change": (
        "Can you change the delivery address on order {order}? I'm moving this week.",
        "I'd like to add a second {product} to order {order} before it ships.",
    ),
    "missing_item": (
        "Order {order} arrived without the {product}.",
        "Only two of the three items in order {order} were in the parcel.",
    ),
}

PHRASES = {
    "call_answer": (
        "(call) Thanks for calling. I can see your account; let's look at {topic}.",
        "(call) Hello, you're through to support. How can I help with {topic}?",
        "(call) Thanks for holding. I'll take you through {topic} now.",
    ),
    "chat_greeting": (
        "Hi, thanks for contacting us! I'm looking at {topic} now.",
        "Hello! I can help with {topic}. One moment while I check.",
    ),
    "chat_customer": (
        "Thanks. Any update?",
        "It's order {order}.",
        "Yes, that's right.",
        "I tried that already.",
        "OK, let me try now.",
    ),
    "chat_agent": (
        "I can see the problem, fixing it now.",
        "Could you confirm the order number?",
        "Thanks, that's done on our side.",
        "Please try again now.",
    ),
    "reply_solve": (
        "Good news: I've sorted out {topic}. Let us know if anything else comes up.",
        "I've resolved {topic} for you. You should see the change within {days} days.",
        "All done: {topic} is fixed. Thanks for your patience.",
    ),
    "reply_pending": (
        "To look into {topic} I need a little more information: could you send order {order}?",
        "Could you send a screenshot so I can check {topic}?",
        "I've made a change for {topic}. Can you confirm it works for you now?",
    ),
    "reply_hold": (
        "We're waiting for our partner to confirm {topic}. I'll update you as soon as I hear.",
        "I've asked our warehouse about {topic} and will come back to you.",
    ),
    "reply_follow_up": (
        "Thanks for the details. I've checked {topic} and here is what I found.",
        "Thanks for getting back to me. I've taken the next step on {topic}.",
        "Update on {topic}: we're nearly there.",
    ),
    "customer_follow_up": (
        "Here is the information you asked for: order {order}.",
        "I tried that and it still doesn't work.",
        "Thanks, see the attached screenshot.",
        "Any news on this?",
    ),
    "customer_reopen": (
        "Sorry, the problem is back.",
        "This still isn't fixed.",
        "I thought this was sorted but it has happened again.",
    ),
    "note_general": (
        "Customer has contacted us before about {topic}.",
        "Checked the logs, nothing unusual.",
        "Left a voicemail.",
        "Order {order} confirmed in the warehouse system.",
    ),
    "note_transfer": (
        "Wrong queue: this is about {topic}, moving it to {team}.",
        "Not ours, passing to {team}.",
    ),
    "note_refund_within": ("Issued {amount} ({approval}) within my own limit.",),
    "note_approval": ("Asked for approval of a {approval} of {amount}.",),
    "escalation_senior": (
        "Needs a senior to look at {topic}.",
        "Customer unhappy, asking for a senior.",
        "Complex case about {topic}, beyond first line.",
    ),
    "escalation_department": (
        "Needs {team} to decide on {topic}.",
        "Passing to {team}: outside support's remit.",
    ),
    "help_request": (
        "Not sure how to handle {topic}, can someone help?",
        "Customer asking for an exception, advice?",
        "First time I've seen this, need a hand.",
    ),
    "help_resolved": (
        "Talked it through, the agent is fine to continue.",
        "Gave guidance on {topic}.",
        "Joined in and sorted it out.",
    ),
    "department_reply": (
        "{team} has reviewed {topic} and approved the outcome.",
        "{team} here: we've fixed {topic} on our side.",
    ),
    "approval_reason": (
        "Customer requests a {approval} of {amount} for order {order}.",
        "{approval} of {amount} after repeated problems with order {order}.",
    ),
    "approval_approved": ("Approved.", "Fine, go ahead.", "Approved given the history."),
    "approval_rejected": ("Declined: outside policy.", "Not approved, offer a voucher instead."),
}

SURVEY_COMMENTS = {
    "low": (
        "Took far too long to get an answer.",
        "Had to explain everything twice.",
        "Problem still not fixed.",
        "Nobody got back to me.",
    ),
    "mid": ("OK in the end.", "Fine, but it took a while.", "Solved, though not first time."),
    "high": (
        "Quick and friendly, thank you!",
        "Really helpful agent.",
        "Sorted in minutes.",
        "Great service as always.",
    ),
}
