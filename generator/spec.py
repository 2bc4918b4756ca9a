"""The declared format of lessons, skills and tracks: the one source of truth.

Validation (``validate``), the JSON Schema for editors (``schema``), the model (``model``) and the
author's skeleton (``skeleton``) are all derived from the declarations below. To add a field, add it
here with a description; everything else follows.
"""

from __future__ import annotations

from generator.effort import DEFAULT_REPS
from generator.fieldtypes import Choice, Date, Field, Fields, Id, Integer, ListOf, Text, Url

FORMATS = {
    "one-on-one": "One-on-one",
    "team-meeting": "Team meeting",
    "ride-along": "Ride-along",
    "self-study": "Self-study",
    "workshop": "Workshop",
}
LEVELS = {"new-hire": "New hire", "developing": "Developing", "veteran": "Veteran"}
TIMINGS = {
    "before": "Before a customer event",
    "after": "After a customer event (debrief)",
    "standalone": "Any time",
}
STAGES = {
    "prospecting": "Prospecting",
    "discovery": "Discovery",
    "qualification": "Qualification",
    "solution": "Solution and demo",
    "proposal": "Proposal and business case",
    "negotiation": "Negotiation",
    "closing": "Closing",
    "expansion": "Expansion and renewal",
    "any": "Every stage",
}
AUDIENCES = {"reps": "Reps", "manager": "The manager"}
METHODOLOGIES = {
    name: name
    for name in (
        "SPIN", "Challenger", "MEDDICC", "MEDDPICC", "Sandler", "GROW", "BANT",
        "Gap Selling", "Solution Selling", "Command of the Message",
    )
}
WORKSHEET_USERS = {"rep": "The rep", "manager": "You, the manager", "group": "Each person in the group"}
GROW = {"goal": "Goal", "reality": "Reality", "options": "Options", "way-forward": "Way forward"}
DIRECTIONS = {"up": "should rise", "down": "should fall"}

RESERVED_IDS = {
    "index": "the list of every lesson, track or skill (lessons/index.html)",
    "404": "the page shown for an address that does not exist",
    "search": "the site's search",
    "sitemap": "the site map for search engines",
    "assets": "the site's scripts and styles",
    "data": "the planner's data",
    "schema": "the editors' schemas",
    **{name: "a folder of the site" for name in ("lessons", "tracks", "skills")},
    **{name: "a page of the site" for name in ("plan", "log", "scorecard", "measure", "authoring")},
    **{name: "a lesson's printed views" for name in ("run-sheet", "cards", "handout", "worksheets")},
}
"""Names the site, MkDocs or Material use for their own pages and folders, which no lesson, track or
skill may take as its id, with what each is for. Only ``index`` would clash today (a lesson called
that would replace the lessons catalogue); the rest are kept so that an address never means two
things if the layout changes. Week pages (``tracks/ID/week-N/``) sit inside their track's folder and
ids of different kinds live in different folders and data, so neither needs reserving."""
OWN_ID = Id(reserved=RESERVED_IDS)
ONE_LINE = Text()
MARKDOWN = Text(markdown=True, example="Ask before you tell.\n\n- first point\n- second point")

LESSON = Fields(
    title="Coaching lesson",
    description="One ready-to-run coaching lesson, one file in curriculum/lessons/.",
    fields=(
        Field("id", OWN_ID, "The lesson's id, used in its address; must match the file name. Start it "
              "with the skill area, like discovery-pain-chain.", example="discovery-pain-chain"),
        Field("title", Text(max_length=80), "The lesson's title as a manager sees it in lists.",
              example="Follow the pain to its cost"),
        Field("summary", Text(max_length=200), "One sentence saying what the rep will practise.",
              example="Turn a stated problem into its business cost with three follow-up questions."),
        Field("audience", Choice(AUDIENCES), "Who learns: the reps (default) or the manager "
              "learning to coach.", required=False, example="reps"),
        Field("reviewed", Date(), "When the lesson was last checked as correct (YYYY-MM-DD).",
              example="2026-11-02"),
        Field("authors", ListOf(ONE_LINE, min_items=1), "Who wrote or last reviewed the lesson.",
              example=["Dana Whitfield"]),
        Field("sources", ListOf(Fields((
            Field("title", ONE_LINE, "The source's title.", example="SPIN Selling (Neil Rackham)"),
            Field("url", Url(), "A web address for it, if there is one.", required=False,
                  example="https://example.org/spin"),
        ))), "Books, articles or research the lesson draws on.", required=False),
        Field("skills", ListOf(Id("skill"), min_items=1, unique=True),
              "Ids of the skills the lesson builds (files in curriculum/skills/).", example=["discovery"]),
        Field("stage", Choice(STAGES), "The sales stage the lesson belongs to.", example="discovery"),
        Field("methodologies", ListOf(Choice(METHODOLOGIES), unique=True),
              "Named sales or coaching methods the lesson uses, only where it really does.",
              required=False, example=["SPIN"]),
        Field("levels", ListOf(Choice(LEVELS), min_items=1, unique=True),
              "Rep tenures the lesson suits.", example=["new-hire", "developing"]),
        Field("formats", ListOf(Choice(FORMATS), min_items=1, unique=True),
              "Meetings the lesson can run in.", example=["one-on-one", "team-meeting"]),
        Field("timing", Choice(TIMINGS), "When to run it relative to the rep's customer conversation "
              "that the lesson is about: before it (preparing that conversation), after it (a debrief "
              "of it) or any time.", example="before"),
        Field("minutes", Integer(5, 90), "Length of the session in minutes; the agenda adds up to it.",
              example=15),
        Field("prep", Fields((
            Field("minutes", Integer(0, 60), "Minutes the manager needs to prepare; keep it under 10.",
                  example=5),
            Field("checklist", ListOf(ONE_LINE, min_items=1),
                  "What the manager does or gathers before the session.",
                  example=["Pull up the rep's next discovery call in the CRM"]),
            Field("materials", ListOf(ONE_LINE), "Things to bring or share on screen.",
                  required=False, example=["Printed role-play cards"]),
        )), "The manager's preparation."),
        Field("objective", Text(max_length=240),
              "One observable behaviour the rep will show afterwards, starting with a verb.",
              example="Asks at least two follow-up questions before presenting anything."),
        Field("why", MARKDOWN, "Why it matters, in a sentence or two a veteran would accept."),
        Field("agenda", ListOf(Fields((
            Field("minutes", Integer(1, 90), "Minutes for this step.", example=5),
            Field("step", ONE_LINE, "What happens in this step.", example="Warm-up: last week's call"),
            Field("detail", MARKDOWN, "How to run the step: what to say, what to watch.",
                  required=False),
        )), min_items=1), "Timed steps in running order; their minutes add up to 'minutes'."),
        Field("teaching_points", ListOf(Fields((
            Field("point", ONE_LINE, "The idea in one line.", example="Quantify before you qualify"),
            Field("explanation", MARKDOWN, "Why and how, briefly.", required=False),
            Field("good", MARKDOWN, "A strong example: what a rep actually says or does."),
            Field("weak", MARKDOWN, "The weak version a manager hears every week."),
        )), min_items=1), "What to teach, each point with a good and a weak example."),
        Field("coaching_questions", ListOf(Fields((
            Field("question", ONE_LINE, "A question the manager asks, open and short.",
                  example="What would a great outcome for this call look like?"),
            Field("grow", Choice(GROW), "The GROW step it serves, if any.", required=False,
                  example="goal"),
        )), min_items=1), "Questions that make the rep think rather than listen."),
        Field("roleplay", Fields((
            Field("scenario", MARKDOWN, "The situation both players read first."),
            Field("seller", MARKDOWN, "The seller's brief: goal for the conversation and what they know."),
            Field("buyer", Fields((
                Field("name", ONE_LINE, "The buyer's name.", example="Priya Raman"),
                Field("role", ONE_LINE, "Job title and company.", example="VP Operations, Northwind Freight"),
                Field("priorities", ListOf(ONE_LINE, min_items=1), "What the buyer cares about this quarter.",
                      example=["Cut late deliveries by a third"]),
                Field("brief", MARKDOWN, "How to play the buyer, and what to reveal only if asked well."),
            )), "The buyer persona, for the person playing the buyer only."),
            Field("objections", ListOf(Fields((
                Field("objection", ONE_LINE, "What the buyer says.", example="We already have a tool for that."),
                Field("strong_answer", MARKDOWN, "What a strong answer sounds like: only the words the "
                      "seller says, with nothing after them explaining why they are strong."),
                Field("why", MARKDOWN, "Why that answer works, for the debrief, if it needs saying; said "
                      "here once, not inside the answer.", required=False),
            )), min_items=1), "Objections the buyer raises, with strong answers for the debrief."),
            Field("observer", ListOf(ONE_LINE, min_items=1), "What the observer watches and notes.",
                  example=["Count the follow-up questions before the first pitch"]),
            Field("veteran_variant", MARKDOWN, "A harder version for experienced reps.", required=False),
            Field("real_deal", Fields((
                Field("bring", MARKDOWN, "What to ask the rep to bring, the day before: which of their own "
                      "deals, and which moment of the next call to play."),
                Field("card", ListOf(ONE_LINE, min_items=3), "The blank buyer card: each line is a prompt "
                      "the rep fills in from what they know of their real buyer, so whoever plays the "
                      "buyer can play them.", example=["Name and role of the person on the call"]),
                Field("adapt", ListOf(ONE_LINE, min_items=1, max_items=4), "How to turn this lesson's scene "
                      "into the rep's deal in about three minutes, step by step.",
                      example=["The rep reads out the card; the buyer asks one question about it"]),
                Field("no_deal", MARKDOWN, "What to do when the rep has no deal that fits: usually, "
                      "play the invented buyer below."),
            )), "The default way to run the role-play: on the rep's own real deal, with the invented "
                "buyer as the fallback."),
        )), "The practice: a role-play with seller, buyer and observer.", required=False),
        Field("rubric", ListOf(Fields((
            Field("behaviour", ONE_LINE, "The behaviour to observe.", example="Follow-up questions"),
            Field("weak", ONE_LINE, "What weak looks like.", example="Moves to the pitch after the first answer"),
            Field("solid", ONE_LINE, "What solid looks like.", example="Asks one follow-up on the main problem"),
            Field("strong", ONE_LINE, "What strong looks like.",
                  example="Asks for the cost and who else feels it before pitching"),
        )), min_items=1), "Observation rubric: behaviours and what weak, solid and strong look like."),
        Field("room", Fields((
            Field("sizes", ListOf(Fields((
                Field("people", Integer(2, 40), "The number of people in the meeting.", example=8),
                Field("how", MARKDOWN, "How the session runs with that many: groups, rounds, who sells."),
            )), min_items=3), "How to run it with 4, 8 and 12 people (or the sizes that matter for "
                "this lesson).", example=[{"people": 4, "how": "One trio plays; the fourth person times and "
                                                            "takes notes."}]),
            Field("remote", MARKDOWN, "How to run it on a video call: breakout rooms, who shares what, "
                  "how cards reach the players."),
            Field("others", MARKDOWN, "Who sells when there is time for only some, and what everyone "
                  "else does meanwhile."),
        )), "Running it in a team meeting: by room size, remote, and who sells; required when the "
            "lesson runs in a team meeting.", required=False),
        Field("own_product", MARKDOWN, "How to run the lesson with your team's own product and "
              "customers in place of the invented ones, for lessons that depend on a product.",
              required=False),
        Field("terms", ListOf(Fields((
            Field("term", ONE_LINE, "The word as the lesson uses it.", example="Commit"),
            Field("meaning", ONE_LINE, "What it means in this lesson, in one line.",
                  example="A deal you would bet your own bonus on closing this period."),
        ))), "Words the lesson depends on, defined as the lesson uses them.", required=False),
        Field("discussion_questions", ListOf(ONE_LINE, min_items=1),
              "Questions for the group; required when the lesson runs in a team meeting.",
              required=False, example=["Which deal last month stalled for lack of a number?"]),
        Field("assignment", Fields((
            Field("task", MARKDOWN, "What the rep does before the next customer event."),
            Field("evidence", ONE_LINE, "What the rep brings back to show it was done.",
                  example="The three questions and the buyer's answers, in the CRM notes"),
        )), "The field assignment."),
        Field("reinforcement", ListOf(Fields((
            Field("day", Integer(1, 365), "Days after the session.", example=2),
            Field("action", ONE_LINE, "The short follow-up the manager does.",
                  example="Ask in the 1:1 which question got the best answer"),
        )), min_items=1), "Short follow-ups at day offsets after the session."),
        Field("indicators", ListOf(Fields((
            Field("metric", ONE_LINE, "The number that should move.", example="Discovery-to-demo conversion"),
            Field("direction", Choice(DIRECTIONS), "Whether it should rise or fall.", example="up"),
            Field("how", ONE_LINE, "Where to read it and how often.",
                  example="CRM stage report, monthly, for the reps coached"),
        )), min_items=1), "Leading indicators that show the coaching works."),
        Field("resistance", ListOf(Fields((
            Field("rep_says", ONE_LINE, "What a rep may say.", example="I've been doing this for ten years."),
            Field("manager_responds", MARKDOWN, "How the manager answers."),
            Field("then", Fields((
                Field("rep_says", ONE_LINE, "What the rep says after your first answer.",
                      example="Fine, but I still don't see why it matters on my deals."),
                Field("manager_responds", MARKDOWN, "How you answer the second time."),
            )), "The second pushback, after your first answer, and what you say then.", required=False),
        )), min_items=2, max_items=6), "Pushback a rep may give, with the manager's answer."),
        Field("worksheets", ListOf(Fields((
            Field("id", Id(), "The worksheet's id, used in its address; unique within the lesson.",
                  example="meddicc-gaps"),
            Field("title", Text(max_length=80), "The worksheet's title. Name it by this title in the prep "
                  "checklist or materials, and the lesson links to it.", example="MEDDICC gaps on one deal"),
            Field("for_whom", Choice(WORKSHEET_USERS), "Who fills it in.", example="rep"),
            Field("instructions", Text(max_length=240), "One or two sentences on how to fill it in.",
                  required=False, example="One line per letter; write what the buyer said, not what you think."),
            Field("columns", ListOf(ONE_LINE, min_items=2), "Column headings. With columns, each prompt is a "
                  "row of a table with space to write in every column; without, each prompt has lines "
                  "under it.", required=False, example=["Letter", "What we know", "Who said it"]),
            Field("prompts", ListOf(ONE_LINE, min_items=1), "The questions or row labels, in order.",
                  example=["Metrics: what number will the buyer measure?"]),
            Field("lines", Integer(1, 12), "Lines of writing space for each prompt (default 3; with "
                  "columns, the height of each row in lines).", required=False, example=3),
        )), unique_by="id"), "Printable sheets the lesson uses, each on its own page: the only sheets a "
              "lesson's prep and materials may ask for.", required=False),
        Field("prerequisites", ListOf(Id("lesson"), unique=True),
              "Ids of lessons to run first.", required=False, example=["discovery-basics"]),
        Field("search_phrases", ListOf(Text(max_length=60), unique=True),
              "Words a manager types into search when they need this lesson but do not know its "
              "title: the rep's problem in the floor's own words.", required=False,
              example=["pricing pushback", "too expensive"]),
        Field("related", ListOf(Id("lesson"), unique=True),
              "Ids of lessons that go well with this one.", required=False, example=["demo-tell-show-tell"]),
    ),
)

SKILL = Fields(
    title="Skill",
    description="One selling or coaching skill, one file in curriculum/skills/.",
    fields=(
        Field("id", OWN_ID, "The skill's id; must match the file name.", example="discovery"),
        Field("title", Text(max_length=60), "The skill's name.", example="Discovery"),
        Field("summary", Text(max_length=200), "One sentence a manager reads in lists."),
        Field("definition", MARKDOWN, "What the skill is, in plain words."),
        Field("levels", ListOf(Fields((
            Field("name", ONE_LINE, "The level's name.", example="Solid"),
            Field("looks_like", ONE_LINE, "What a manager sees on a call at this level."),
        )), min_items=2), "Observable levels, from first to best."),
        Field("symptoms", ListOf(Fields((
            Field("symptom", ONE_LINE, "What a manager notices when the skill is missing.",
                  example="Deals stall after the demo"),
            Field("lessons", ListOf(Id("lesson"), min_items=1, unique=True),
                  "Ids of the lessons that fix it.", example=["discovery-pain-chain"]),
        )), min_items=3), "Signs that the skill is missing, each linked to the lessons that fix it."),
        Field("reviewed", Date(), "When the skill was last checked (YYYY-MM-DD).", required=False),
    ),
)

TRACK = Fields(
    title="Track",
    description="An ordered coaching plan of lessons, one file in curriculum/tracks/.",
    fields=(
        Field("id", OWN_ID, "The track's id; must match the file name.", example="twelve-week-team-plan"),
        Field("title", Text(max_length=80), "The track's name.", example="A 12-week coaching plan"),
        Field("summary", Text(max_length=200), "One sentence a manager reads in lists."),
        Field("audience", ONE_LINE, "Who the track is for.", example="A team of 6-10 account executives"),
        Field("reps", Integer(1, 50), "The team size the track's time figures assume: one-on-ones and "
              f"ride-alongs count once per rep (default {DEFAULT_REPS}).", required=False, example=6),
        Field("outcome", MARKDOWN, "What is different at the end, in observable terms."),
        Field("weeks", ListOf(Fields((
            Field("week", Integer(1, 52), "The week number, from 1.", example=1),
            Field("label", ONE_LINE, "A name for the week or block, if the number is not enough.",
                  required=False, example="Day 1, morning"),
            Field("focus", ONE_LINE, "The week's theme in a few words.", example="Open every call well"),
            Field("sessions", ListOf(Fields((
                Field("lesson", Id("lesson"), "The id of the lesson to run.", example="agenda-upfront-contract"),
                Field("format", Choice(FORMATS), "The format to run it in; one the lesson supports.",
                      example="team-meeting"),
                Field("note", ONE_LINE, "A note for this run of the lesson.", required=False),
            )), min_items=1), "The lessons to run that week."),
            Field("checkpoint", ONE_LINE, "What to check at the end of the week.", required=False),
        )), min_items=1), "The plan, week by week, in order."),
        Field("reviewed", Date(), "When the track was last checked (YYYY-MM-DD).", required=False),
    ),
)

KINDS = {"lesson": LESSON, "skill": SKILL, "track": TRACK}
FOLDERS = {"lesson": "lessons", "skill": "skills", "track": "tracks"}
