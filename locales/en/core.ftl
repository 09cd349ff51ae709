# Saq: core texts (categories, verdicts, command line). English is also the fallback
# for any id missing in Kazakh or Russian.

## Terms shared by all files of this language.

-brand-nbk = National Bank
-brand-nbk-full = National Bank of Kazakhstan
-nbk-phone = 1477
-police-phone = 102

## Red-flag categories: short display names.

cat-code-request = Asks for a code
cat-credential-request = Asks for a password
cat-official-impersonation = Poses as police or a state body
cat-bank-impersonation = Poses as a bank
cat-nbk-impersonation = Uses the { -brand-nbk }’s name
cat-operator-impersonation = Poses as the mobile operator
cat-relative-money-request = Someone you know asks for money
cat-new-number = “New number”
cat-voice-or-video-call-pretext = Voice or video call trick
cat-safe-account = “Safe account”
cat-fake-document = Fake document
cat-urgency = Rushes you
cat-secrecy = Asks you to keep it secret
cat-suspicious-link = Suspicious link
cat-vote-or-survey-lure = Vote or survey bait
cat-remote-access-app = Remote control app
cat-prize-or-investment = Prize or easy money
cat-payment-request = Asks for money
cat-personal-data-request = Asks for card or personal data
cat-threat-or-fear = Threats and alarming news

## Verdicts. Never call a message "safe": the best verdict is "no known signs".

verdict-danger = Danger: signs of fraud
verdict-suspicious = Suspicious
verdict-no-signs = No known signs found
verdict-no-signs-caution = This does not prove the message is safe. If in doubt, check with the person through a number you already know.
verdict-danger-hint = Stop: do not reply, open links, tell codes or send money, and call the person or your bank back on a number you know yourself.
verdict-suspicious-hint = Take your time: before doing anything, check with the person or the organization through a number you already know.

## Command line.

cli-flags-header = Red flags
cli-steps-header = What to do
cli-no-flags = No known signs of fraud were found in this message.
cli-summary-flags = { $count ->
    [one] { $count } red flag found
   *[other] { $count } red flags found
}
cli-message-header = Message { $index }
cli-message-header-from = Message { $index } — { $sender }, { $time }
cli-error-read = Cannot read { $path }: { $reason }
cli-error-not-text = { $path }: this is not a text file
cli-error-too-large = { $path }: larger than { $size } GB; Saq reads at most { $size } GB from one input, so nothing was checked
cli-error-is-dir = { $path } is a folder, not a file
cli-error-not-regular = { $path } is not a regular file (a device, a pipe or a socket); Saq does not open it. To check a stream, send it to standard input: saq check - < { $path }
cli-error-empty = { $path } is empty: there is nothing to check
note-size-limit = The export's pages together go past the 1 GB limit; the pages after it were not read.
report-not-read = Could not be read: nothing in this file was checked
cli-error-rules = Rule file { $path }: rule { $rule }: { $reason }
cli-error-rules-file = Rule file { $path }: { $reason }
cli-error-corpus = { $path }, line { $line }: { $reason }
cli-link-defanged = Link (changed so it cannot be opened; do not open it): { $link }
cli-offline-note = Checked on this computer; nothing was sent anywhere.
cli-obfuscation = The word “{ $word }” is disguised (letters from another alphabet, digits or hidden characters) — a common trick to slip past filters
cli-stdin = standard input
cli-about = Checks messages for signs of fraud, offline
cli-help-check = Check a message or a saved chat (files, or text from standard input)
cli-help-format = Output format
cli-help-lang = Language of the output: kk, ru or en (default: the system language)
cli-help-rules = Rule file or folder to use
cli-help-paths = Files to check; without them, text is read from standard input
cli-help-open = A chat file or a picture to open in the window
cli-help-rules-cmd = List the rules and what each one looks for
cli-help-stats = Show how often each rule fires on scam and on legitimate examples

rules-header-id = ID
rules-header-category = Category
rules-header-weight = Weight
rules-header-langs = Languages
rules-header-advice = Advice
rules-count = { $count ->
    [one] { $count } rule
   *[other] { $count } rules
}

stats-header-rule = Rule
stats-header-scam = Scam
stats-header-legit = Legitimate
stats-header-precision = Precision
stats-summary = Lines: { $scam } scam, { $legit } legitimate
stats-verdicts = Verdicts: { $caught } of { $scam } scam lines flagged ({ $danger } as danger); { $flagged } of { $legit } legitimate lines flagged
stats-missed = Scam lines with no known signs:
stats-flagged = Legitimate lines flagged (! = danger):

## Added with the check command.

cli-reason-not-found = no such file or folder
cli-reason-permission = permission denied
cli-chat-summary = Messages: { $messages }; with signs of fraud: { $flagged }
cli-error-cancelled = { $path }: reading was cancelled
error-format-no-messages = { $path }: no messages were found in this chat export
error-format-no-chat-in-zip = { $path }: this archive has no chat text inside
error-format-bad-archive = { $path }: the archive is damaged or cannot be read
error-format-not-telegram-json = { $path }: this JSON file is not a Telegram export
note-lines-skipped = { $count ->
    [one] { $count } line did not look like a chat message and was skipped.
   *[other] { $count } lines did not look like chat messages and were skipped.
}
note-truncated = The file ends in the middle; the messages up to that point were checked.
note-zip-limit = The archive is too big to read whole; only part of it was checked.
note-invalid-bytes = Some damaged characters were replaced with �.
note-chats-read = { $count ->
    [one] { $count } chat was read from this export.
   *[other] { $count } chats were read from this export.
}
cli-help-show-weak = Also list the weak signs of messages with no known signs (for rule authors)
cli-help-corpus = A labelled corpus in JSON Lines: one object per line with "label" ("scam" or "legit") and "text"

## Shareable reports (HTML report, summary, evidence sheet)
report-title = Saq report: signs of fraud in a message
report-pasted = Pasted message
report-made = Made with Saq on this computer on { $date }. Nothing was sent anywhere.
report-disclaimer = Saq looks for known signs of fraud. If it finds none, that does not prove a message is safe.
summary-more = …and { $count } more
summary-footer = Checked with Saq, offline. When in doubt, call the person back on a number you already know.
evidence-title = Evidence sheet for the police or the bank
evidence-intro = Prepared with Saq on { $date } from a saved chat. Keep the original file: this sheet does not replace it.
evidence-file = File: { $path }
evidence-period = Messages from { $first } to { $last }
evidence-messages = Messages with signs of fraud
evidence-col-time = Date and time
evidence-col-sender = Sender
evidence-col-text = Message
evidence-col-signs = Signs
evidence-senders = Senders of these messages
evidence-phones = Phone numbers in them
evidence-accounts = Card and account numbers in them
evidence-links = Links in them (changed so they cannot be opened)
evidence-amounts = Sums of money asked for
evidence-none = None found.
evidence-keep-file = Give the police or the bank the original chat file as well; the numbers and links above are copied from it.
cli-error-write = Cannot write { $path }: { $reason }
cli-error-exists = { $path } already exists; it was not replaced (choose another name, or add --overwrite)
cli-error-same-file = { $path } is one of the files being checked; Saq never writes to them
cli-help-output = Write the report to this file instead of the screen (an existing file is not replaced)
cli-help-overwrite = Allow --output to replace an existing file

## Pictures (screenshots, photos of documents) read by Tesseract
note-read-from-picture = The text was read from a picture by character recognition, which can misread: compare it with the picture.
note-low-confidence = { $count ->
    [one] { $count } word was read with low confidence.
   *[other] { $count } words were read with low confidence.
}
flag-low-confidence = read with low confidence: check it on the picture
picture-recognised-text = Recognised text
error-picture-no-tesseract = { $path }: reading pictures needs Tesseract OCR with kaz, rus and eng data. { $os ->
    [windows] Install it from github.com/UB-Mannheim/tesseract (tick Kazakh and Russian under "Additional language data"), or set SAQ_TESSERACT to tesseract.exe.
    [macos] Run: brew install tesseract tesseract-lang
   *[other] Run: sudo apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng
}
error-picture-no-languages = { $path }: Tesseract OCR is installed but its data for { $langs } is missing. { $os ->
    [windows] Run the Tesseract installer again and tick Kazakh and Russian under "Additional language data".
    [macos] Run: brew install tesseract-lang
   *[other] Run: sudo apt-get install tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng
}
error-picture-too-large = { $path }: the picture is { $width }×{ $height } pixels; Saq reads pictures up to { $limit } megapixels. Crop it or take a screenshot of the part with the text.
error-picture-damaged = { $path }: the picture is damaged or cut short and cannot be read
error-picture-no-text = { $path }: no text was found in the picture
error-picture-timed-out = { $path }: reading the text of the picture took too long and was stopped
error-picture-ocr-failed = { $path }: Tesseract OCR could not read the picture ({ $reason })

## Command-line help: clap's framing words
cli-usage-heading = Usage:
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-heading-commands = Commands
cli-value-command = COMMAND
cli-value-file = FILE
cli-value-path = PATH
cli-value-format = FORMAT
cli-value-lang = LANG
cli-value-dir = DIR
cli-value-corpus = CORPUS
cli-help-help = Show this help
cli-help-version = Show the version
cli-help-help-cmd = Show the help of a command
cli-help-format-values = Output format: text (the default), json, html (one page for all inputs), summary (a short summary to paste into a messenger, numbers masked) or evidence (a printable sheet for the police or the bank)
cli-error-unknown-arg = Unknown option or argument: { $arg }
cli-error-invalid-value = Invalid value { $value } for { $arg }
cli-error-missing-value = { $arg } needs a value
cli-error-usage = The command line was not understood
cli-error-usage-at = The command line was not understood at { $arg }
cli-error-repeated = { $arg } was given more than once; give it once
cli-error-conflict = { $arg } cannot be used together with { $other }
cli-error-no-value = { $arg } takes no value
cli-error-not-utf8 = An option's value is not valid text (UTF-8)
cli-error-see-help = See: { $command } --help
cli-usage-options = OPTIONS
cli-error-missing-arg = Required argument missing: { $arg }
