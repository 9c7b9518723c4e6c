theme-prevention = ការបង្ការ
theme-protection = ការការពារ
theme-prosecution = ការផ្ដន្ទាទោស
theme-partnership = ភាពជាដៃគូ

status-draft = សេចក្ដីព្រាង
status-awaiting_response = កំពុងរង់ចាំការឆ្លើយតប
status-answered = បានឆ្លើយតប
status-in_progress = កំពុងអនុវត្ត
status-implemented = បានអនុវត្ត
status-not_implemented = មិនបានអនុវត្ត

position-accepted = បានទទួលយក
position-partially_accepted = បានទទួលយកមួយផ្នែក
position-noted = បានកត់សម្គាល់
position-rejected = បានបដិសេធ

stage-not_started = មិនទាន់ចាប់ផ្ដើម
stage-in_progress = កំពុងអនុវត្ត
stage-implemented = បានអនុវត្ត
stage-stalled = ជាប់គាំង

org-kind-government = រដ្ឋាភិបាល
org-kind-ngo = អង្គការមិនមែនរដ្ឋាភិបាល
org-kind-donor = ម្ចាស់ជំនួយ
org-kind-international = ទីភ្នាក់ងារអន្តរជាតិ

province-banteay-meanchey = បន្ទាយមានជ័យ
province-battambang = បាត់ដំបង
province-kampong-cham = កំពង់ចាម
province-kampong-chhnang = កំពង់ឆ្នាំង
province-kampong-speu = កំពង់ស្ពឺ
province-kampong-thom = កំពង់ធំ
province-kampot = កំពត
province-kandal = កណ្ដាល
province-kep = កែប
province-koh-kong = កោះកុង
province-kratie = ក្រចេះ
province-mondulkiri = មណ្ឌលគិរី
province-oddar-meanchey = ឧត្ដរមានជ័យ
province-pailin = ប៉ៃលិន
province-phnom-penh = ភ្នំពេញ
province-preah-sihanouk = ព្រះសីហនុ
province-preah-vihear = ព្រះវិហារ
province-prey-veng = ព្រៃវែង
province-pursat = ពោធិ៍សាត់
province-ratanakiri = រតនគិរី
province-siem-reap = សៀមរាប
province-stung-treng = ស្ទឹងត្រែង
province-svay-rieng = ស្វាយរៀង
province-takeo = តាកែវ
province-tbong-khmum = ត្បូងឃ្មុំ

## Kinds of forum
forum-kind-survivor_forum = វេទិកាអ្នករស់រានមានជីវិត
forum-kind-council_meeting = កិច្ចប្រជុំក្រុមប្រឹក្សាយោបល់
forum-kind-consultation = ការពិគ្រោះយោបល់
