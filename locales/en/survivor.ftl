## The anonymous survivor pages: feedback, propose, receipt. Plain words, short sentences.

survivor-privacy-note = We do not ask your name. We do not keep your phone's address or the time you sent this — only the day.
form-choose = Choose…
form-problems-title = Please check these before sending:
form-honeypot-label = Leave this box empty
form-error-honeypot = Please leave this box empty. It is there to stop robots.
form-error-service = Please choose the service you used.
form-error-province = Please choose the province.
form-error-organisation = We do not know that organisation. Please choose one from the list, or "I don't know".
form-error-answer = Please choose an answer. "I'd rather not say" is fine too.
form-error-text-too-long = This is too long. Please write less than 3,000 letters.
form-error-theme = Please choose what your idea is about.
form-error-proposal-empty = Please write your idea.
form-error-proposal-short = Please write a little more, so others understand your idea.
form-error-reply-empty = Please write something before you send.
form-error-not-saved = Sorry, we could not save this just now. Nothing was saved, and what you wrote is still here. Please try again in a moment.

feedback-title = Tell us about a service
feedback-intro = Did a service help you, or hurt you? Tell us. You do not give your name. The people who served you will not know it was you.
feedback-which-service = Which service did you use?
feedback-province = In which province?
feedback-organisation = Which organisation gave the service?
feedback-organisation-hint = You can choose "I don't know".
feedback-organisation-unknown = I don't know
feedback-questions-title = Six short questions
feedback-text-label = Anything else you want to say? (you can leave this empty)
feedback-text-hint = Write in Khmer or English. Please do not write names or phone numbers.
feedback-send = Send my feedback

propose-title = Propose a recommendation
propose-intro = What should change to stop trafficking or to help survivors better? Your idea goes to the survivor network. You do not give your name.
propose-which-theme = What is your idea about?
propose-prevention-hint = Stopping trafficking before it happens
propose-protection-hint = Care and support for survivors
propose-prosecution-hint = Police, courts and justice
propose-partnership-hint = Groups working together
propose-text-label = Your idea
propose-text-hint = Write in Khmer or English. Please do not write names or phone numbers.
propose-send = Send my idea

received-feedback-title = Thank you. We received your feedback.
received-proposal-title = Thank you. We received your idea.
received-code-intro = This is your receipt code:
received-advice-write = Write it down now, on paper or in a safe place.
received-advice-once = We show it only this once. We cannot find it again for you, because we do not know who you are.
received-advice-private = Anyone who has the code can read the answers. Keep it to yourself or someone you trust.
received-advice-back = With the code you can come back, read answers from the network, and reply.
received-come-back = Come back with a code

busy-title = Please wait a while
busy-text = Too many tries have come from here. Please wait an hour and try again.

receipt-title = Come back with your receipt code
receipt-intro = Type the code you were given. You will see what happened to what you sent, and any answers.
receipt-code-label = Receipt code
receipt-code-hint = 20 numbers. Khmer or Latin numbers both work; spaces do not matter.
receipt-open = Open
receipt-error-unknown = We did not find this code. Please check each number and try again.
receipt-state-received = Received. Nobody has read it yet.
receipt-state-reviewing = Being read by the network.
receipt-state-published = Published, with anything that could identify you hidden.
receipt-state-not-published = Read, and not published.

thread-feedback-title = Your feedback on: { $about }
thread-proposal-title = Your idea about: { $about }
thread-received = Received
thread-received-on = { $date }
thread-state = What happened
thread-your-words = What you wrote
thread-messages = Messages
thread-no-messages = No answers yet. Please come back later.
thread-from-you = You
thread-from-facilitator = The network
thread-reply-label = Write an answer
thread-reply-send = Send my answer
thread-reply-saved = Your answer was sent.
thread-leave-note = When you are done, close this page. Nothing is kept on your phone.

home-survivor-title = Have your say, safely
home-survivor-intro = No name, no account. You get a receipt code to come back and read answers.
home-give-feedback = Tell us about a service
home-propose = Propose a recommendation
home-come-back = I have a receipt code
form-error-text-invisible = We cannot see any words here. Please write with letters, or leave the box empty.
form-error-text-marks = Some letters carry too many marks. Please write the words again.
thread-public-words = What others can read
thread-public-words-hint = This is what was published. Words that could show who you are were hidden as […].
thread-became-title = What your idea became
thread-became = Your idea is now the recommendation
thread-body-not-answered = has not answered yet
thread-expired = Your words and this conversation were deleted, as we promised, after a long time with no new message. What was published stays, without your name.
thread-expired-no-reply = This conversation was deleted, so you cannot answer here. You can give new feedback or a new idea at any time.
already-received = We already have this. It was saved the first time you sent it, and nothing was saved twice.
already-received-code = Your code was shown then, and we cannot show it again. If you wrote it down, use it to come back. If not, you can send your words again as new.
busy-wait = Many messages have come from this place. Everything you wrote is still here. Please send it again in about { $shown } { $minutes ->
    [one] minute
   *[other] minutes
}.
thread-reply-already = We already have this answer: it was saved the first time you sent it.

## Survivors' word on "implemented" (/check/{id})
check-title = Is this true where you are?
check-question = Is this true where you are?
check-intro = An organisation says this was done, or the day it promised has passed. You know best if it is true where you live. Your answer is counted together with others. Nobody can see what you answered.
check-not-asked = No organisation has said this was done, and no promised day has passed yet. We will ask here when one has.
check-comment-label = Tell us more (you can leave this empty)
check-comment-hint = A facilitator reads it before anyone else. Please do not write names or phone numbers.
check-code-label = Receipt code (if you have one)
check-code-hint = With your code, you answer only once about this. You can leave it empty.
check-privacy-note = We do not ask your name. We do not keep your phone's address or the time you sent this. Your answer is only shown inside a count of many people.
check-send = Send my answer
check-thanks = Thank you. Your answer is counted.
check-already = You have already answered about this. Thank you: your answer is counted once.
check-counted-how = Answers are shown only as counts, and only when enough people have answered. Your words go to a facilitator first.
check-receipt-intro = An organisation says your idea was done, or the day it promised has passed. Is this true where you are?
check-error-verdict = Please choose an answer. "I don't know" is fine too.

## Voting on a forum's drafts (/vote)
vote-title = Choose the most important
vote-intro = Tick the ideas you think matter most: up to { $most }. Nobody can see what you chose; only the numbers are counted.
vote-choose = The ideas of this forum
vote-privacy-note = We do not ask your name, and we keep nothing about your phone. If you share this phone, the next person gets an empty page.
vote-send = Send my choice
vote-counted = Thank you. Your choice is counted.
vote-next-hint = Passing the phone to someone else? Press the button: they get an empty page.
vote-next = Next person
vote-no-ballot = This voting link is closed or not for voting. Ask a facilitator for the link of today's forum.
vote-error-none = Please tick at least one idea.
vote-error-too-many = Please tick no more than three ideas.
vote-error-unknown = One of the ideas is no longer on the list. Please choose again.

## Following recommendations with a receipt code
follow-title = Follow this with your receipt code
follow-intro = Type your receipt code: your receipt page will then show what was said on this recommendation since your last visit. Nobody can see who follows what.
follow-send = Follow
follow-list-title = Recommendations you follow
follow-new = New since your last visit:
follow-nothing-new = Nothing new since your last visit.
follow-stop = Stop following
follow-error-not-public = That recommendation cannot be followed: it is not public.
follow-error-too-many = You follow 20 recommendations already. Stop following one first.

## Feedback entered with a facilitator's help (/assisted)
assisted-title = Feedback with a survivor
assisted-intro = Fill this in with her, or for her on a call, in her words. It is stored like any survivor's feedback, marked only "with a facilitator's help": not your name, nor hers.
assisted-rule-words = Ask each question as it is written, and choose the answer she gives. "I'd rather not say" is always fine.
assisted-rule-name = Do not write her name, her phone number or where she lives.
assisted-rule-code = When you send it, give her the receipt code: print the page, or copy the code on a slip for her to keep.
assisted-received = Give her this code. The printed page shows only the slip.
assisted-slip-title = Your receipt code. With it you can read the answer to what you said, at any time:
form-error-assisted-expired = This helper's page has expired (it lasts 12 hours). Nothing was saved, and the answers are still below. Open "Feedback with a survivor" again to send it as helped feedback, or send it now as the survivor's own.
