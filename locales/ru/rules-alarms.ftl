# Explanations for the rules of assets/rules/alarms.toml (pleas, account alarms, call scripts, lures without a link).
