# Explanations for the rules of assets/rules/offers.toml (earnings, prizes, payouts, recovery, marketplace).
