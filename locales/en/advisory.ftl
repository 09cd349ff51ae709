# Saq: the National Bank of Kazakhstan advisory (shared/advisory/STEPS.md):
# steps A1–A7, schemes S1–S9, contacts and source.

## What to do (A1–A7).

step-a1 = Do not follow suspicious links.
step-a2 = Never tell or send anyone the codes and passwords that come to your phone.
step-a3 = Remember: { -brand-nbk } employees do not make audio or video calls through messengers.
step-a4 = End the conversation with anyone who calls as a bank employee, and refuse to take part in any “event” or payment operation.
step-a5 = The { -brand-nbk } does not service individuals’ accounts, does not insure money and does not carry out cash settlements with the public.
step-a6 = If you or someone you know became a victim of fraudsters, turn to the law enforcement bodies of the Republic of Kazakhstan and file a statement.
step-a7 = For advice, you can call the { -brand-nbk }’s Contact Center at the short number { -nbk-phone }.

contact-nbk = { -brand-nbk } contact center: { -nbk-phone }
contact-police = Police: { -police-phone }

advisory-source = Source: advisory of the { -brand-nbk-full }

## How the schemes work (S1–S9).

scheme-s1-title = A voice faked with AI
scheme-s1 = Fraudsters pose as your relative, someone close to you or a well-known person and imitate their voice with artificial intelligence. A familiar voice does not prove it is really them.
scheme-s2-title = Stolen voice messages
scheme-s2 = They hack messenger accounts (WhatsApp, Telegram and others), copy voice messages and feed them to a neural network, or use voice-changing technology.
scheme-s3-title = A money request in a familiar voice
scheme-s3 = The copied voice of the phone’s owner becomes a voice message asking to send money. The request may also come as plain text in that person’s name.
scheme-s4-title = Fake operator support
scheme-s4 = They call as your mobile operator’s technical support and ask you to read out the code that came to your phone. With that code they break into your phone.
scheme-s5-title = Vote and survey links
scheme-s5 = Harmful links come as an invitation to vote in a children’s contest or to take a survey on an important social topic. Such a link can steal your account or data.
scheme-s6-title = Money requests in a familiar name
scheme-s6 = Then they get in touch in the name of a relative, colleague, acquaintance or a well-known person to get money. Call the person back on the number you know.
scheme-s7-title = Video calls from fake officials
scheme-s7 = Using AI, they video-call in messengers as “law enforcement officers” (Interior Ministry, Prosecutor General’s Office and others) and urge you to join payments “made jointly” with the { -brand-nbk }.
scheme-s8-title = “Reserved cell” papers
scheme-s8 = During the call they show fake documents in the { -brand-nbk }’s name: papers about a “reserved cell” or “booked funds”. The { -brand-nbk } does not service people’s accounts.
scheme-s9-title = Signature and stamp for trust
scheme-s9 = To win your trust, the fake papers show the signature, full name and printed stamp of an “authorized person” of a state body or a company. A stamp on a photo proves nothing.

## Other common schemes (gallery titles)
scheme-bank-security-title = “Bank security service”
scheme-safe-account-title = A “safe account”
scheme-egov-title = eGov and digital-signature pretexts
scheme-prize-title = A prize or a win
scheme-investment-title = Easy investment income
scheme-marketplace-title = “Get paid by this link”
scheme-courier-title = A fake courier or parcel
scheme-accident-title = “Your relative is in trouble”
scheme-new-number-title = “This is my new number”
scheme-remote-access-title = A remote-access app
