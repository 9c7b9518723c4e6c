nav-services = What survivors say
services-title = What survivors say about services
services-mine-title = Feedback on our services
services-intro = Survivors answered six questions about the services they used. We show a group only when at least { $k } people are in it, so that nobody can be recognised.
services-total = { $count ->
    [one] { $shown } person gave feedback.
   *[other] { $shown } people gave feedback.
}
services-people = { $count ->
    [one] { $shown } person
   *[other] { $shown } people
}
services-none = Not enough feedback yet to show anything without risk to the people who gave it.
services-others = Other services, together
services-other-provinces = Other provinces, together
services-other-organisations = Other organisations, together
services-by-province = By province
services-by-organisation = By organisation
services-people-column = People
services-helped-column = "It helped me"
services-quotes = In their words
services-all-organisations = { $count ->
    [one] See the organisation
   *[other] See all { $shown } organisations
}
services-all = All services
channels-title = How voices came in
channel-online = Sent by survivors themselves
channel-assisted = With a facilitator's help
channel-others = Other ways, together
