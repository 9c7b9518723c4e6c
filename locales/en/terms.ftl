theme-prevention = Prevention
theme-protection = Protection
theme-prosecution = Prosecution
theme-partnership = Partnership

status-draft = Draft
status-awaiting_response = Awaiting response
status-answered = Answered
status-in_progress = In progress
status-implemented = Implemented
status-not_implemented = Not implemented

position-accepted = Accepted
position-partially_accepted = Partially accepted
position-noted = Noted
position-rejected = Rejected

stage-not_started = Not started
stage-in_progress = In progress
stage-implemented = Implemented
stage-stalled = Stalled

org-kind-government = Government
org-kind-ngo = NGO
org-kind-donor = Donor
org-kind-international = International agency

province-banteay-meanchey = Banteay Meanchey
province-battambang = Battambang
province-kampong-cham = Kampong Cham
province-kampong-chhnang = Kampong Chhnang
province-kampong-speu = Kampong Speu
province-kampong-thom = Kampong Thom
province-kampot = Kampot
province-kandal = Kandal
province-kep = Kep
province-koh-kong = Koh Kong
province-kratie = Kratie
province-mondulkiri = Mondulkiri
province-oddar-meanchey = Oddar Meanchey
province-pailin = Pailin
province-phnom-penh = Phnom Penh
province-preah-sihanouk = Preah Sihanouk
province-preah-vihear = Preah Vihear
province-prey-veng = Prey Veng
province-pursat = Pursat
province-ratanakiri = Ratanakiri
province-siem-reap = Siem Reap
province-stung-treng = Stung Treng
province-svay-rieng = Svay Rieng
province-takeo = Takeo
province-tbong-khmum = Tbong Khmum

## Kinds of forum
forum-kind-survivor_forum = Survivor forum
forum-kind-council_meeting = Advisory council meeting
forum-kind-consultation = Consultation
