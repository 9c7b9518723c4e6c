nav-services = អ្វីដែលអ្នករស់រានមានជីវិតនិយាយ
services-title = អ្វីដែលអ្នករស់រានមានជីវិតនិយាយអំពីសេវា
services-mine-title = មតិយោបល់លើសេវារបស់យើង
services-intro = អ្នករស់រានមានជីវិតបានឆ្លើយសំណួរប្រាំមួយ អំពីសេវាដែលពួកគេបានប្រើ។ យើងបង្ហាញក្រុមមួយ លុះត្រាតែមានមនុស្សយ៉ាងហោចណាស់ { $k } នាក់នៅក្នុងក្រុមនោះ ដើម្បីកុំឱ្យនរណាម្នាក់ត្រូវបានគេស្គាល់។
services-total = { $count ->
   *[other] មនុស្ស { $shown } នាក់បានផ្ដល់មតិយោបល់។
}
services-people = { $count ->
   *[other] { $shown } នាក់
}
services-none = មិនទាន់មានមតិយោបល់គ្រប់គ្រាន់ ដើម្បីបង្ហាញអ្វីមួយ ដោយគ្មានហានិភ័យដល់អ្នកដែលបានផ្ដល់មតិយោបល់នោះទេ។
services-others = សេវាផ្សេងទៀត រួមគ្នា
services-other-provinces = ខេត្តផ្សេងទៀត រួមគ្នា
services-other-organisations = អង្គការផ្សេងទៀត រួមគ្នា
services-by-province = តាមខេត្ត
services-by-organisation = តាមអង្គការ
services-people-column = ចំនួនមនុស្ស
services-helped-column = «វាបានជួយខ្ញុំ»
services-quotes = តាមពាក្យរបស់ពួកគេ
services-all-organisations = { $count ->
    [1] មើលអង្គការនោះ
   *[other] មើលអង្គការទាំង { $shown }
}
services-all = សេវាទាំងអស់
channels-title = របៀបដែលសំឡេងបានមកដល់
channel-online = អ្នករស់រានមានជីវិតផ្ញើដោយខ្លួនឯង
channel-assisted = ដោយមានអ្នកសម្របសម្រួលជួយ
channel-others = របៀបផ្សេងទៀត រួមគ្នា
