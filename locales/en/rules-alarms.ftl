# Explanations for the rules of assets/rules/alarms.toml (pleas, account alarms, call scripts, lures without a link).

## Pleas from "relatives" and friends.

explain-plea-trouble = Says that you or your relative are “in trouble”, in an accident, in hospital or at the police. Fraudsters start this way to frighten you; call the relative yourself on the number you know.
explain-plea-money = A short plea for money with no details: “help, I urgently need money”, “send me money”. Call the person yourself on the number you know before sending anything.
explain-explain-later = Asks for money and promises to “explain later”. Fraudsters hide the reason so that you cannot check it.
explain-top-up-number = Asks you to top up someone’s phone number. A hijacked account of a friend often asks for this; call the friend first.
explain-child-card = Asks a child for a parent’s card number, a photo of the card or the code from the phone. Children should never tell these to anyone and should show such a message to their parents.
explain-hi-mum = “Hi Mum, my phone broke, save this new number, write to me on WhatsApp.” This is how the “new number” fraud starts; call your child on the old number first.

## Account alarms.

explain-alarm-account = Says that your number is being changed, your account was hacked or someone is taking money from it. Do not call the numbers in the message: open your bank app yourself or call the number on your card.
explain-alarm-official = Writes as a tax office or another state body about a “check”, a late declaration or funds to declare. Check this yourself on egov.kz or at a Public Service Center, not through the message.
explain-alarm-pension = Frightens you that your work record or pension will be lost unless you “digitize your data”. Nothing is deleted this way; check your records yourself on egov.kz or at a Public Service Center.
explain-alarm-subscription = Says a paid subscription or service was turned on and you must call or open a link to cancel it. Check your subscriptions in your bank or operator app yourself.
explain-alarm-fine = Speaks of an unpaid fine or toll with a late fee, to hurry you into paying. Check fines yourself on egov.kz or in your bank app, not through a link in a message.

## Call scripts.

explain-script-bank = Speaks as a bank or its security service, the way phone fraudsters begin. End the conversation and call your bank yourself on the number on your card.
explain-script-call = Checks whether you “can talk now”, as in a phone script. On its own this means little; be careful if a bank or an official follows.
explain-script-clinic = A “clinic employee” offers to book you for a check-up and a code will come. Do not tell anyone that code: it gives access to your eGov or bank account.
explain-script-device = Offers to “check your device” or to “help you fill in an application”. This is how fraudsters make you share your screen and see your codes.
explain-protect-money = Offers to “protect your money”, often with a special app. Banks do not ask you to install apps or move money to protect it.

## Lures without a link.

explain-photo-lure = Asks “is this you in the photo?”. The link or file that comes with it can steal your account or install a harmful app: do not open it.
explain-parcel = Speaks of a parcel, flowers or a gift for you, or of a courier who “could not reach you”, and asks you to call or confirm. Check your orders yourself in the shop’s app.
explain-sextortion = Threatens to send your photos or videos to your friends unless you pay. Do not pay; save the messages and turn to the police (102).
explain-charity = Begs for help to save a child or asks you to forward a plea to everyone. Such pleas are often fake: check the fund or the family yourself before giving money.
explain-boss-opening = Opens like a message from a manager or an akim, by first name and patronymic, and then asks a favour. Fraudsters take such names from the internet; call the person yourself.
