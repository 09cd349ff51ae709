# Saq: explanations of the rules, shown next to a red flag. Each is one or two plain
# sentences in the second person: what the sign is and why it is dangerous.

## Codes and passwords.

explain-code-request = Asks you to tell or forward a code from an SMS, WhatsApp or a push message. Whoever has that code can take over your account or confirm a payment.
explain-link-enter-code = Asks you to enter an SMS code or a password on a page you reach through a link. A fake page passes what you type to fraudsters: enter codes only in an app or site you opened yourself.
explain-open-link-request = Asks you to open a link. A link in a message can lead to a fake copy of a real site: open the sites of banks and offices yourself, from their app or a bookmark.
explain-credential-request = Asks for the password, login or PIN of your bank app, eGov or messenger. Never give them to anyone.

## Posing as officials, banks and operators.

explain-police-impersonation = Writes as the police, the Interior Ministry, the National Security Committee or an investigator. Fraudsters use these names to frighten you.
explain-prosecutor-impersonation = Writes as the prosecutor’s office. Fraudsters use its name to frighten you; the prosecutor’s office does not ask for money or codes in messages.
explain-egov-impersonation = Writes as eGov or a Public Service Center, or about your digital signature. Do not send codes or open links from such messages; open eGov yourself.
explain-official-impersonation = Writes as a ministry, akimat, tax office, pension fund, Kazpost, school, hospital or credit bureau. A familiar name is used to make you trust the message.
explain-bank-security = Claims to be a bank’s security service. Banks do not call or write to ask for codes or to move your money.
explain-bank-name = Names a bank. Fraudsters often write or call in a bank’s name: check anything about your account yourself, in the bank’s app or on the number on your card.
explain-suspicious-operation = Reports a “suspicious operation” or an “attempt to withdraw money” to frighten you into acting quickly.
explain-card-blocked = Says your card or account is blocked and must be “unblocked” through a link or with your data. Call your bank yourself on the number on your card.
explain-nbk-operation = Uses the { -brand-nbk }’s name for a “joint operation” or a “check”. The { -brand-nbk } does not service individuals’ accounts.
explain-nbk-reserved-cell = Speaks of a “reserved cell” or “booked funds” at the { -brand-nbk }. This is a known story told with fake documents.
explain-operator-support = Claims to be your mobile operator’s support or engineer. Do not tell anyone the codes that come to your phone.
explain-sim-expiry = Says your SIM card or contract “expires” and the number will be blocked unless you act. Fraudsters posing as the operator use this story to get the code from your SMS: check with your operator yourself.

## Someone you know, or seem to know.

explain-relative-money = Someone you know (a relative, friend, colleague or boss) asks for money in a message. Their account may be hacked: call them back on the number you know.
explain-accident = Says a relative is in an accident, in hospital or at the police and money is needed right now. Stop and call the relative yourself.
explain-celebrity-money = A singer, blogger or other famous person writes to you personally about money. This is a fake page or a faked voice.
explain-new-number = Says “this is my new number”, “my phone is broken” or “I’m writing from a friend’s phone”. Check by calling the old number you know.
explain-voice-proof = Offers a voice message as proof that it is really them. A voice can be faked with artificial intelligence; a familiar voice proves nothing.
explain-voice-sample = Asks you to record a voice note with your name or a “yes, I confirm”. A hijacked account may be collecting your voice to fake it with artificial intelligence. Call the person to check.
explain-cant-talk = Says they cannot talk, only write, or asks you not to call. This keeps you from checking by voice who is really writing.
explain-video-call-official = An “official” calls you by video in WhatsApp or Telegram. { -brand-nbk } employees do not make calls through messengers; end the call and check through a number you know.

## Money moves.

explain-safe-account = Asks you to move money to a “safe”, “protected”, “reserve” or “insured” account. There are no such accounts: the money goes to fraudsters.
explain-take-loan = Asks you to take out a loan and pass the money on. The debt stays with you, and the money goes to fraudsters.
explain-fake-document = Shows you an official-looking paper or certificate with a signature and stamp. Such papers are easy to fake and prove nothing.
explain-payment-request = Asks you to pay or transfer money. Before paying, check who is really asking, through a number you know.
explain-fee-first = Asks you to pay a fee, delivery or commission first to receive money or a prize. After you pay, nothing comes.
explain-card-number-given = Gives a card number, IBAN or phone number to send money to. Before sending anything, call the person on the number you know.
explain-mistaken-transfer = Says money was sent to you by mistake and asks you to return it to another card. Contact your bank; do not transfer anything yourself.

## Pressure.

explain-urgency = Rushes you: “right now”, “within 2 hours”, “today only”. Fraudsters hurry you so that you have no time to think or check.
explain-secrecy = Asks you to tell nobody, not even your family or bank staff. Fraudsters fear that someone will stop you.
explain-threat-block = Threatens to block your card, account or number, or to cut off a service. Fear makes people act without checking.
explain-threat-criminal = Threatens a criminal case, arrest or court, or says you will become a suspect. Real officers do not demand money or codes in messages.
explain-loan-in-name = Says “a loan is being taken out in your name” to scare you. Check your loans yourself through your bank or eGov.

## Links.

explain-link-lookalike = The link { $host } imitates { $brand } but leads to a different site. Do not open it.
explain-link-shortener = A shortened link ({ $host }) hides where it really leads.
explain-link-ip = The link goes to an address made of numbers ({ $host }) instead of a site name. Real organizations use names.
explain-link-punycode = The address { $host } looks like { $unicode }: it uses look-alike letters from another alphabet to pass for a familiar site.
explain-link-risky-tld = The site { $host } has an ending often used by fraud sites.
explain-link-apk = The link leads to an app file (.apk) from outside the app store. Such an app can take over your phone and your bank app.
explain-link-enter-data = Asks you to follow a link and enter card data, log in or “confirm”. A fake page sends everything you type to fraudsters.
explain-vote-lure = Asks you to vote for a child or in a contest through a link or a code. Messenger accounts are often stolen this way.
explain-survey-lure = Invites you to a survey or questionnaire with a reward. Such links often steal data or accounts.
explain-marketplace-link = A buyer or seller on OLX, Krisha or a similar site sends a link to “get paid” or for a “safe deal”, or asks for card data. Do not enter card data or codes.

## Apps, prizes and earnings.

explain-remote-access = Asks you to install AnyDesk, RustDesk, TeamViewer or a “support app”, or to share your screen. This gives strangers control of your phone.
explain-prize = Says you won a prize, lottery or certificate, but you must pay a fee or give your data to get it.
explain-investment = Offers investments or crypto with big guaranteed returns, often with a famous person’s name. Nobody can guarantee such profits.
explain-easy-earnings = Offers easy earnings, or asks you to “rent out” your card or pass money through it. You become a helper of fraudsters and can face a criminal case.
explain-compensation = Says a compensation, benefit or payout has been “approved for you” out of the blue. It is bait to get a fee or your card data.
explain-personal-data = Asks for your card number, CVV, expiry date, IIN or ID card details. With them, fraudsters can take your money or loans in your name.
explain-callback-number = Asks you to call a number given in the message. Call only numbers you know; for a bank, the number on your card.
explain-prepayment-rent = Asks for a prepayment or deposit for a flat or goods before you have seen them, and rushes you. Pay only after you have seen it.
explain-courier = A “courier” or delivery service writes to ask for a code, a fee or card data. Check your order yourself in the shop’s app; do not give codes or card data to someone who wrote first.
explain-money-recovery = Offers to “recover money lost to fraudsters” for a fee. This is a second fraud against people who already lost money.
explain-account-takeover = Looks like a hijacked messenger account: a friend suddenly asks you to vote, send a code or lend money. Call the friend to check.
explain-obfuscated-word = The word “{ $word }” is disguised with letters from another alphabet, digits or hidden characters: a trick to slip past filters.

## Signs across a conversation.

explain-conv-voice-then-money = After a voice message, the same sender asks for money. A voice can be faked: call the person back on the number you know.
explain-conv-new-number-first = The sender’s first message says this is a new number. Fraud often starts this way; check on the old number you know.
explain-conv-changed-number-then-ask = Right after the chat noted that this person changed their phone number, they ask for money or a code. Someone may be using a new number in their name: call them on the old number you know.
explain-conv-new-device-then-ask = Just after this person’s security code changed (their account was set up on a new device), they ask for money or a code. The account may have been taken over: call them on the number you know.
explain-conv-new-account-then-ask = This account joined Telegram only recently, and now it asks for money or a code. Someone may have opened a new account in a familiar name: call the person on the number you know.
explain-conv-operator-then-code = Someone posing as operator support then asks for a code. This is how phones and messengers are hijacked.
explain-conv-vote-then-link = A link comes right after a plea to vote or take a survey. Such links are used to steal accounts.
explain-link-hidden-target = The link shows “{ $shown }” but really leads to { $link }. Do not open it.
