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
