site-name = Samleng
site-tagline = Survivors' voices, and what became of them
nav-home = Home
nav-recommendations = Recommendations
nav-main = Main menu
lang-switch = ភាសាខ្មែរ
lang-switch-label = Read this page in Khmer
skip-to-content = Skip to the content
loading = Loading…
demo-banner = This site shows demo data. The recommendations and answers below are examples, not real decisions.
demo-badge = Demo
footer-privacy = Samleng never asks survivors for their name.
footer-about = Samleng is run by the survivors' network and its partners.

home-title = Survivors speak. Everyone can see the answer.
home-intro = People who survived human trafficking know best what helps and what hurts. At survivor forums they tell the government, NGOs and donors what to change. Samleng keeps each of their recommendations in one place, with every answer and every step taken since, for anyone to read.
home-who-title = Who Samleng is for
home-who-survivors = Survivors: read what your forum asked for and what was done about it.
home-who-facilitators = Facilitators of the survivors' network: record forums and their recommendations, and follow them up.
home-who-officials = Government bodies, NGOs and donors: answer the recommendations addressed to you and report your progress.
home-who-public = Everyone: see, in Khmer or English, how each recommendation was answered.
home-count = { $count ->
    [one] { $shown } recommendation so far.
   *[other] { $shown } recommendations so far.
}
home-cta = Read the recommendations

tracker-title = Recommendations
tracker-intro = What survivors asked for, who it was addressed to, and what they answered.
filter-title = Show only
filter-theme = Theme
filter-status = Status
filter-forum = Forum
filter-body = Addressed to
filter-any = Any
filter-overdue = Only overdue
filter-apply = Show
filter-clear = Show all
filter-bad = Some choices in the address were not understood and were left out.
tracker-empty = No recommendation matches these choices.
tracker-next = Next page
tracker-first = Back to the first page
tracker-count-on-page = { $shown } on this page

rec-reference = Reference { $reference }
rec-addressed-to = Addressed to
rec-forum = From the forum
rec-survivor-proposal = Proposed by a survivor
rec-published-on = Published { $date }
rec-timeline-title = What each body answered
rec-no-answer-yet = No answer yet.
rec-responded = Answered: { $position }
rec-commitment = Commitment
rec-due = Due { $date }
rec-progress = Progress: { $stage }
rec-overdue = Overdue
rec-translation-missing = Not yet translated: shown in the language it was written in.
rec-back = All recommendations
rec-details = Read more

forum-when = When
forum-where = Where
forum-organisers = Organised by
forum-participants = { $count ->
    [one] { $shown } participant
   *[other] { $shown } participants
}
forum-status-summary = Where its recommendations stand
forum-recommendations = Its recommendations
forum-status-count = { $status }: { $shown }
untranslated = Not yet translated
nav-signed-in-as = Signed in as
nav-moderation = Feedback to review
nav-curate = Curate
nav-import = Import
nav-inbox = To answer
nav-my-services = Our services
nav-people = People
nav-organisations = Organisations
nav-settings = Settings
nav-audit = Audit log
nav-account = My account
nav-forums = Forums
nav-bodies = Who answers
forums-title = Forums
forums-intro = Where survivors met and made their recommendations. Open one to see where each recommendation stands.
forums-none = No forum yet.
forums-recommendations = { $count ->
    [one] { $shown } recommendation
   *[other] { $shown } recommendations
}
bodies-title = Who answers
bodies-intro = The ministries, agencies, organisations and donors recommendations are addressed to. Open one to see its report card: what it was asked, what it answered and what it did.
bodies-nothing-addressed = Nothing addressed to it yet
bodies-answered = answered { $answered } of { $addressed } { $count ->
    [one] recommendation
   *[other] recommendations
} addressed to it
tracker-matching = { $count ->
    [one] { $shown } recommendation matches.
   *[other] { $shown } recommendations match.
}
nav-venues = Venue links
nav-waiting = { $count } waiting

## Presentation day: the projector and the handout
present-addressed = Addressed to: { $bodies }
present-title = Show on a projector
present-open = Show on a projector
present-of = { $n } of { $total }
present-previous = ← Previous
present-next = Next →
present-leave = Back to the forum
present-none = This forum has no published recommendations yet.
handout-open = Handout to print
handout-title = Handout
handout-count = { $count } recommendations
handout-print-hint = Print this page (A4): every recommendation in Khmer and English.

## Atom feeds
feed-body-title = Answers of { $body }
feed-published = Published: { $what }
feed-answered = { $body }: { $said } — { $what }
feed-progress = { $body }: { $said } — { $what }
feed-follow = Follow (Atom feed)

## Forums: kinds, series, who came, minutes
forum-kind-field = Kind of gathering
forum-series-field = Part of a series
forum-series-none = No series
forum-new-series = Or start a new series, named
forum-attendance = Who came (numbers only, never names)
forum-attendance-hint = Leave a box empty when you do not know.
forum-survivors_present = Survivors
forum-government_present = Government
forum-ngos_present = NGOs
forum-donors_present = Donors
forum-organisations-present = Organisations present
forum-minutes-km = Minutes, in Khmer
forum-minutes-en = Minutes, in English
forum-minutes = Minutes
forum-in-series = Series: { $series }
forum-attended-survivors = Survivors: { $shown }
forum-attended-survivors-few = Survivors: fewer than { $k }
forum-attended-government = Government: { $shown }
forum-attended-ngos = NGOs: { $shown }
forum-attended-donors = Donors: { $shown }
forum-present = Organisations present: { $names }
series-back = All forums
series-intro = Every meeting of this series, newest first, and what became of the recommendations each one made.
series-no-recommendations = No published recommendations from this meeting yet.
site-description = Survivors of human trafficking in Cambodia say what works: feedback on services and recommendations, anonymously, and what became of them.
nav-menu = Menu
nav-assisted = Feedback with a survivor
