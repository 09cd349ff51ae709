# Explanations for the rules of assets/rules/offers.toml (earnings, loans, payouts, recovery,
# rent, tours).
explain-job-offer = Offers easy money or high pay for little work (“only a phone”, “no experience”, “18+”). Such offers often end in a fee for “training”, fake tasks or passing other people’s money through your card: a crime.
explain-contact-elsewhere = Sends you to a private account, a bot or “DM” for the details instead of naming a company and an official contact.
explain-investment-return = Tells of big profits from a small investment, trading or crypto. Such stories advertise fraudulent “platforms”; money put in is usually lost.
explain-loan-offer = Offers a loan “already approved”, without interest, checks or refusals. Such offers lead to sites that take your card data or ask for a fee.
explain-state-payout = Promises a payment from the state to every citizen or pensioner. Check such news on official government sites and never give card data or codes for a “payment”.
explain-rent-owner-away = The owner is “abroad” or “in another city” and wants a deposit before you see the place. Do not pay before you have seen it and signed a contract.
explain-credit-broker = Offers to “help get a loan” or promises guaranteed approval. Such helpers take a fee and disappear; banks do not need middlemen.
explain-pilgrimage-tour = A cheap Umrah or Hajj trip with prepayment. Check the agency and its licence before paying: fraudsters collect prepayments and disappear.
explain-earn-offer = Promises easy earnings: “no investment”, “no experience”, “only a phone”, “two hours a day”. Behind such ads is usually a fee for “training”, a task scam, or passing other people’s money through your card.
explain-earn-testimonial = A story of someone who put in a little and got many times more. Such stories are written to lure you to a platform where the money you put in disappears.
explain-mule-offer = Offers to rent out or sell your card, account or profile, or to receive other people’s money on your card and pass it on. This helps fraudsters, and the card owner answers for it under the law.
explain-contact-action = Sends you to private messages, an unknown account or a bot instead of naming a company and its official contact. Fraudsters move the talk where they are harder to check.
explain-invest-return = Promises a high or “guaranteed” return: a percentage per day, week or month, or doubling your money. Nobody can guarantee such profits; this is how pyramid schemes look.
explain-invest-state = Speaks of a “state platform” where every citizen can earn, often with a video of a famous person. Such videos are faked; the state does not invite people to invest through ads.
explain-prize-claim = Says you won a prize or were sent a gift although you took part in nothing. Next they usually ask you to pay for “delivery” or enter your card details.
explain-payout-claim = Says a payment, compensation or pension top-up is due to you. Real payments do not need you to open links or give card details; check on egov.kz or with the state body yourself.
explain-loan-approved = Says a loan is “already approved” for you, sometimes with no interest, and asks you to collect it through a link. Such links lead to fake sites that take card details or a fee.
explain-claim-confirm = To “receive” money or a prize, you are asked to confirm your details, fill in a form, call or follow a link. This is how card details and codes are taken from people.
explain-recovery-offer = Promises to get back money lost to fraudsters, in the name of lawyers, the prosecutor’s office or the { -brand-nbk }. This is a second fraud: victims do not get money back this way. Turn to the police (102).
explain-rent-prepay = Asks for a prepayment or deposit before you have seen the flat or the goods, often because the owner is “abroad”. Do not pay until you have seen it yourself and signed a contract.
explain-book-now = Rushes you: “others will take it”, “whoever pays first gets the flat”. The hurry is there so that you pay without checking.
explain-loan-broker = Promises a loan “with any credit history”, “without papers” or “guaranteed approval”. Such “helpers” take a fee and vanish; a bank needs no middlemen.
explain-tour-mecca = Offers a cheap Umrah or Hajj trip with prepayment. Before paying, check the agency and its licence: fraudsters collect prepayments and vanish.
