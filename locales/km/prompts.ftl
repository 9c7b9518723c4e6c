# Voice prompts: a recording beside a survivor-facing text, per language.
nav-prompts = សំឡេងអាន
prompts-title = សំឡេងអាន
prompts-intro = សម្រាប់អ្នករស់រានមានជីវិត ដែលអានបានតិច៖ សូមថតសំឡេងអានអត្ថបទនីមួយៗ នៃសំណួរមតិយោបល់ ជាភាសាខ្មែរ និងអង់គ្លេស។ បន្ទាប់មក ទម្រង់នឹងបង្ហាញប៊ូតុងស្ដាប់ នៅក្បែរអត្ថបទ។ គ្មានអ្វីលេងដោយខ្លួនឯងទេ ហើយគ្មានអ្វីទាញយក រហូតដល់គេចុច។ ឯកសារ Ogg/Opus, MP3 ឬ M4A មិនលើស ១ MB (ប្រហែលមួយនាទី)។ នៅលើទូរស័ព្ទ ការជ្រើសឯកសារ ក៏អាចថតសំឡេងបានដែរ។
prompts-file-km = សំឡេងជាភាសាខ្មែរ
prompts-file-en = សំឡេងជាភាសាអង់គ្លេស
prompts-upload = រក្សាទុកសំឡេង
prompts-remove = លុបចេញ
prompts-saved = បានរក្សាទុក។
prompts-error-too-big = សំឡេងនេះធំពេក (មិនលើស ១ MB ប្រហែលមួយនាទី)។ សូមថតឱ្យខ្លីជាងនេះ។
prompts-error-not-audio = ឯកសារនេះ មិនមែនជាសំឡេងដែលយើងប្រើបានទេ។ សូមជ្រើសឯកសារ Ogg/Opus, MP3 ឬ M4A។
prompt-listen = ស្ដាប់
