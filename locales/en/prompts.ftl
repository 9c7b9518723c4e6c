# Voice prompts: a recording beside a survivor-facing text, per language.
nav-prompts = Voice prompts
prompts-title = Voice prompts
prompts-intro = For survivors who read little: record each text of the feedback form as you would read it aloud, in Khmer and in English. The form then shows a play button beside the text. Nothing plays by itself, and nothing is downloaded until it is pressed. Ogg/Opus, MP3 or M4A, at most 1 MB (about a minute). On a phone, choosing a file can also record one.
prompts-file-km = Recording in Khmer
prompts-file-en = Recording in English
prompts-upload = Save the recording
prompts-remove = Remove
prompts-saved = Saved.
prompts-error-too-big = The recording is too big (at most 1 MB, about a minute). Record a shorter one.
prompts-error-not-audio = This file is not a recording we can use. Choose an Ogg/Opus, MP3 or M4A file.
prompt-listen = Listen
