site-name = សំឡេង
site-tagline = សំឡេងអ្នករស់រានមានជីវិត និងលទ្ធផលដែលកើតចេញពីសំឡេងនោះ
nav-home = ទំព័រដើម
nav-recommendations = អនុសាសន៍
nav-main = ម៉ឺនុយមេ
lang-switch = English
lang-switch-label = អានទំព័រនេះជាភាសាអង់គ្លេស
skip-to-content = រំលងទៅខ្លឹមសារ
loading = កំពុងផ្ទុក…
demo-banner = គេហទំព័រនេះបង្ហាញទិន្នន័យសាកល្បង។ អនុសាសន៍ និងចម្លើយខាងក្រោម គ្រាន់តែជាឧទាហរណ៍ប៉ុណ្ណោះ មិនមែនជាការសម្រេចពិតប្រាកដទេ។
demo-badge = សាកល្បង
footer-privacy = សំឡេងមិនដែលសួររកឈ្មោះរបស់អ្នករស់រានមានជីវិតឡើយ។
footer-about = សំឡេងដំណើរការដោយបណ្ដាញអ្នករស់រានមានជីវិត និងដៃគូរបស់ខ្លួន។

home-title = អ្នករស់រានមានជីវិតនិយាយ។ មនុស្សគ្រប់គ្នាអាចឃើញចម្លើយ។
home-intro = អ្នកដែលបានរស់រានមានជីវិតពីការជួញដូរមនុស្ស ដឹងច្បាស់ជាងគេថាអ្វីជួយ និងអ្វីធ្វើឱ្យឈឺចាប់។ នៅវេទិកាអ្នករស់រានមានជីវិត ពួកគេប្រាប់រដ្ឋាភិបាល អង្គការមិនមែនរដ្ឋាភិបាល និងម្ចាស់ជំនួយ ពីអ្វីដែលត្រូវផ្លាស់ប្ដូរ។ សំឡេងរក្សាទុកអនុសាសន៍នីមួយៗរបស់ពួកគេនៅកន្លែងតែមួយ ជាមួយចម្លើយទាំងអស់ និងជំហាននីមួយៗដែលបានធ្វើចាប់តាំងពីពេលនោះមក ឱ្យមនុស្សគ្រប់គ្នាអាន។
home-who-title = សំឡេងសម្រាប់អ្នកណា
home-who-survivors = អ្នករស់រានមានជីវិត៖ អានអ្វីដែលវេទិការបស់អ្នកបានស្នើ និងអ្វីដែលគេបានធ្វើ។
home-who-facilitators = អ្នកសម្របសម្រួលនៃបណ្ដាញអ្នករស់រានមានជីវិត៖ កត់ត្រាវេទិកា និងអនុសាសន៍របស់វា ហើយតាមដានវា។
home-who-officials = ស្ថាប័នរដ្ឋាភិបាល អង្គការមិនមែនរដ្ឋាភិបាល និងម្ចាស់ជំនួយ៖ ឆ្លើយតបអនុសាសន៍ដែលផ្ញើមកអ្នក ហើយរាយការណ៍ពីវឌ្ឍនភាពរបស់អ្នក។
home-who-public = មនុស្សគ្រប់គ្នា៖ មើលជាភាសាខ្មែរ ឬអង់គ្លេស ថាអនុសាសន៍នីមួយៗទទួលបានការឆ្លើយតបយ៉ាងដូចម្ដេច។
home-count = { $count ->
   *[other] អនុសាសន៍ចំនួន { $shown } រហូតមកដល់ពេលនេះ។
}
home-cta = អានអនុសាសន៍

tracker-title = អនុសាសន៍
tracker-intro = អ្វីដែលអ្នករស់រានមានជីវិតបានស្នើ ផ្ញើទៅអ្នកណា និងអ្វីដែលពួកគេបានឆ្លើយ។
filter-title = បង្ហាញតែ
filter-theme = ប្រធានបទ
filter-status = ស្ថានភាព
filter-forum = វេទិកា
filter-body = ផ្ញើទៅ
filter-any = ទាំងអស់
filter-overdue = តែអ្វីដែលហួសកាលកំណត់
filter-apply = បង្ហាញ
filter-clear = បង្ហាញទាំងអស់
filter-bad = ជម្រើសខ្លះនៅក្នុងអាសយដ្ឋាន មិនអាចយល់បាន ហើយត្រូវបានទុកចោល។
tracker-empty = គ្មានអនុសាសន៍ណាត្រូវនឹងជម្រើសទាំងនេះទេ។
tracker-next = ទំព័របន្ទាប់
tracker-first = ត្រឡប់ទៅទំព័រដំបូង
tracker-count-on-page = { $shown } នៅលើទំព័រនេះ

rec-reference = លេខយោង { $reference }
rec-addressed-to = ផ្ញើទៅ
rec-forum = មកពីវេទិកា
rec-survivor-proposal = ស្នើដោយអ្នករស់រានមានជីវិត
rec-published-on = បានផ្សព្វផ្សាយ { $date }
rec-timeline-title = អ្វីដែលស្ថាប័ននីមួយៗបានឆ្លើយ
rec-no-answer-yet = មិនទាន់មានការឆ្លើយតបនៅឡើយទេ។
rec-responded = ការឆ្លើយតប៖ { $position }
rec-commitment = ការប្ដេជ្ញា
rec-due = កាលកំណត់ { $date }
rec-progress = វឌ្ឍនភាព៖ { $stage }
rec-overdue = ហួសកាលកំណត់
rec-translation-missing = មិនទាន់បានបកប្រែ៖ បង្ហាញជាភាសាដែលបានសរសេរដំបូង។
rec-back = អនុសាសន៍ទាំងអស់
rec-details = អានបន្ថែម

forum-when = កាលបរិច្ឆេទ
forum-where = ទីកន្លែង
forum-organisers = រៀបចំដោយ
forum-participants = { $count ->
   *[other] អ្នកចូលរួម { $shown } នាក់
}
forum-status-summary = ស្ថានភាពអនុសាសន៍របស់វេទិកានេះ
forum-recommendations = អនុសាសន៍របស់វេទិកានេះ
forum-status-count = { $status }៖ { $shown }
untranslated = មិនទាន់បានបកប្រែ
nav-signed-in-as = បានចូលជា
nav-moderation = មតិយោបល់ត្រូវពិនិត្យ
nav-curate = រៀបចំអនុសាសន៍
nav-import = នាំចូល
nav-inbox = ត្រូវឆ្លើយ
nav-my-services = សេវារបស់យើង
nav-people = មនុស្ស
nav-organisations = អង្គការ
nav-settings = ការកំណត់
nav-audit = កំណត់ត្រាសកម្មភាព
nav-account = គណនីរបស់ខ្ញុំ
nav-forums = វេទិកា
nav-bodies = អ្នកឆ្លើយតប
forums-title = វេទិកា
forums-intro = កន្លែងដែលអ្នករស់រានមានជីវិតបានជួបគ្នា និងធ្វើអនុសាសន៍។ បើកវេទិកាមួយ ដើម្បីមើលថាអនុសាសន៍នីមួយៗនៅដល់ណា។
forums-none = មិនទាន់មានវេទិកានៅឡើយទេ។
forums-recommendations = អនុសាសន៍ { $shown }
bodies-title = អ្នកឆ្លើយតប
bodies-intro = ក្រសួង ស្ថាប័ន អង្គការ និងម្ចាស់ជំនួយ ដែលអនុសាសន៍ត្រូវបានផ្ញើទៅ។ បើកមួយ ដើម្បីមើលរបាយការណ៍របស់វា៖ អ្វីដែលគេបានស្នើ អ្វីដែលវាបានឆ្លើយតប និងអ្វីដែលវាបានធ្វើ។
bodies-nothing-addressed = មិនទាន់មានអ្វីផ្ញើទៅវានៅឡើយ
bodies-answered = បានឆ្លើយតប { $answered } ក្នុងចំណោមអនុសាសន៍ { $addressed } ដែលផ្ញើទៅវា
tracker-matching = មានអនុសាសន៍ { $shown } ត្រូវនឹងការជ្រើសរើសនេះ។
nav-venues = តំណទីកន្លែង
nav-waiting = { $count } កំពុងរង់ចាំ

## Presentation day: the projector and the handout
present-addressed = ផ្ញើទៅ៖ { $bodies }
present-title = បង្ហាញលើអេក្រង់ធំ
present-open = បង្ហាញលើអេក្រង់ធំ
present-of = ទី { $n } ក្នុងចំណោម { $total }
present-previous = ← មុន
present-next = បន្ទាប់ →
present-leave = ត្រឡប់ទៅវេទិកា
present-none = វេទិកានេះមិនទាន់មានអនុសាសន៍ដែលបានផ្សព្វផ្សាយនៅឡើយទេ។
handout-open = ឯកសារចែកសម្រាប់បោះពុម្ព
handout-title = ឯកសារចែក
handout-count = អនុសាសន៍ { $count }
handout-print-hint = បោះពុម្ពទំព័រនេះ (A4)៖ អនុសាសន៍ទាំងអស់ ជាភាសាខ្មែរ និងអង់គ្លេស។

## Atom feeds
feed-body-title = ការឆ្លើយតបរបស់ { $body }
feed-published = បានផ្សព្វផ្សាយ៖ { $what }
feed-answered = { $body }៖ { $said } — { $what }
feed-progress = { $body }៖ { $said } — { $what }
feed-follow = តាមដាន (Atom)

## Forums: kinds, series, who came, minutes
forum-kind-field = ប្រភេទនៃការជួបជុំ
forum-series-field = ជាផ្នែកមួយនៃស៊េរី
forum-series-none = គ្មានស៊េរី
forum-new-series = ឬចាប់ផ្ដើមស៊េរីថ្មី ដែលមានឈ្មោះ
forum-attendance = អ្នកដែលបានមក (តែចំនួន មិនដែលឈ្មោះ)
forum-attendance-hint = ទុកប្រអប់ទទេ ពេលអ្នកមិនដឹង។
forum-survivors_present = អ្នករស់រានមានជីវិត
forum-government_present = រដ្ឋាភិបាល
forum-ngos_present = អង្គការមិនមែនរដ្ឋាភិបាល
forum-donors_present = ម្ចាស់ជំនួយ
forum-organisations-present = អង្គការដែលបានចូលរួម
forum-minutes-km = កំណត់ហេតុប្រជុំ ជាភាសាខ្មែរ
forum-minutes-en = កំណត់ហេតុប្រជុំ ជាភាសាអង់គ្លេស
forum-minutes = កំណត់ហេតុប្រជុំ
forum-in-series = ស៊េរី៖ { $series }
forum-attended-survivors = អ្នករស់រានមានជីវិត៖ { $shown } នាក់
forum-attended-survivors-few = អ្នករស់រានមានជីវិត៖ តិចជាង { $k } នាក់
forum-attended-government = រដ្ឋាភិបាល៖ { $shown } នាក់
forum-attended-ngos = អង្គការមិនមែនរដ្ឋាភិបាល៖ { $shown } នាក់
forum-attended-donors = ម្ចាស់ជំនួយ៖ { $shown } នាក់
forum-present = អង្គការដែលបានចូលរួម៖ { $names }
series-back = វេទិកាទាំងអស់
series-intro = កិច្ចប្រជុំនីមួយៗនៃស៊េរីនេះ ថ្មីបំផុតមុនគេ និងអ្វីដែលបានកើតឡើងចំពោះអនុសាសន៍ដែលកិច្ចប្រជុំនីមួយៗបានធ្វើ។
series-no-recommendations = មិនទាន់មានអនុសាសន៍ដែលបានផ្សព្វផ្សាយ ពីកិច្ចប្រជុំនេះនៅឡើយទេ។
site-description = អ្នករស់រានមានជីវិតពីការជួញដូរមនុស្សនៅកម្ពុជា និយាយពីអ្វីដែលមានប្រយោជន៍៖ មតិយោបល់លើសេវា និងអនុសាសន៍ ដោយមិនបញ្ចេញឈ្មោះ និងអ្វីដែលបានកើតឡើងចំពោះវា។
nav-menu = ម៉ឺនុយ
nav-assisted = មតិយោបល់ជាមួយអ្នករស់រានមានជីវិត
