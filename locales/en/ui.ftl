# The desktop window (`saq` with no subcommand). Plain words: many readers are older people.

ui-app-title = Saq — check a message for fraud
ui-paste = Paste
ui-clear = Clear
ui-input-label = Message to check
ui-input-hint = Paste or type the message here. The check starts by itself.
ui-open-file = Open file…
ui-recent = Recent files
ui-recent-none = No recent files yet.
ui-file-filter = Chats, messages and pictures
ui-drop-hint = You can also drag a chat file or a screenshot onto this window, or paste a copied picture (Ctrl+V).
ui-guide = How these scams work
ui-back = Back to checking
ui-language = Language
ui-text-smaller = Smaller text
ui-text-larger = Larger text
ui-theme-dark = Dark background
ui-theme-light = Light background
ui-flags-heading = Red flags
ui-flags-none = No red flags in this message.
ui-message-heading = The message, with red flags marked
ui-hover-hint = Point at a marked part, or pick a red flag in the list, to see why it was marked.
ui-what-to-do = What to do
ui-call = If in doubt, call:
ui-offline-status = Checked on this computer; nothing is sent anywhere.
ui-checking = Checking…
ui-reading = Reading { $path }…
ui-reading-picture = Reading the text in the picture: { $path }…
ui-checking-file = Checking { $path }…
ui-cancel = Cancel
ui-close = Close
ui-error-rules = The built-in rules could not be loaded. Please reinstall Saq.
ui-file = File: { $path }
ui-summary-messages = Messages: { $count }
ui-summary-flagged = With red flags: { $count }
ui-summary-senders = Senders: { $count }
ui-flagged-only = Only messages with red flags
ui-next-flagged = Next flagged (F3)
ui-prev-flagged = Previous flagged (Shift+F3)
ui-close-chat = Close the chat
ui-chat-list = Messages of the chat
ui-select-message = Choose a message in the list to see it in full.
ui-unknown-sender = Unknown sender
# A message's date and time in a chat (day, month, year as two/four digits; time "19:06").
ui-datetime = { $year }-{ $month }-{ $day } { $time }
ui-media-voice = Voice message
ui-media-video-note = Video message
ui-media-photo = Photo
ui-media-video = Video
ui-media-document = File
ui-media-sticker = Sticker
ui-media-other = Attachment
ui-badge-danger = Danger
ui-badge-suspicious = Suspicious
ui-guide-schemes = Common fraud schemes
ui-guide-steps = The { -brand-nbk }’s advice

## Trainer mode: the example gallery, the quiz and the presenter (full screen for a group).
ui-page-check = Check
ui-examples = Examples
ui-quiz = Quiz
ui-gallery-heading = Example messages
ui-gallery-intro = Real examples of fraud, and honest messages that look like it. Check one, or show it full screen to a group.
ui-gallery-show-answers = Show which are fraud
ui-gallery-all-langs = All languages
ui-gallery-fraud = Fraud
ui-gallery-look-alike = Not fraud, but looks similar
ui-gallery-open = Check this message
ui-examples-none = There are no examples in this language yet.
ui-present = Full screen for a group
ui-quiz-heading = Quiz: fraud or not?
ui-quiz-progress = Message { $index } of { $total }
ui-quiz-question = Is this message fraud?
ui-quiz-fraud = Fraud
ui-quiz-not-fraud = Not fraud
ui-quiz-right = Right!
ui-quiz-wrong = Not this time.
ui-quiz-was-fraud = This message is fraud.
ui-quiz-was-legit = This message is not fraud, though it looks like a scam.
ui-quiz-show-sign = Show next sign
ui-quiz-next = Next message
ui-quiz-see-score = See the score
ui-quiz-done = The quiz is over.
ui-quiz-score = Right answers: { $score } of { $total }
ui-quiz-restart = Start again
ui-trainer-no-signs = Saq found no known signs of fraud in this message. That does not prove the message safe.
ui-signs-found = { $count ->
    [one] Saq found { $count } red flag in this message.
   *[other] Saq found { $count } red flags in this message.
}
ui-signs-shown = Signs shown: { $index } of { $count }
ui-presenter-keys = Right arrow or Space: next sign · Left arrow: hide it · Esc: leave full screen
ui-presenter-prev = Hide last sign
ui-presenter-next = Next sign
ui-presenter-leave = Leave full screen

## Sharing: save report, evidence sheet, copy summary
ui-save-report = Save report…
ui-save-evidence = Evidence sheet for the police…
ui-copy-summary = Copy summary
ui-summary-copied = A short summary is on the clipboard: paste it into a messenger to warn your family. Card numbers and IINs in it are hidden.
ui-page-saved = Saved: { $path }
ui-replace-question = { $path } already exists. Replace it?
ui-replace = Replace
ui-html-filter = Web page
ui-report-file-name = saq-report.html
ui-evidence-file-name = saq-evidence.html

## Top bar menus, the verdict's place and the built-in file picker
ui-learn = Learn
ui-settings = Settings
ui-text-size = Text size: { $size }
ui-verdict-placeholder = Paste or type a message: the answer will appear here.
ui-picker-title = Choose a file
ui-picker-folder = Folder: { $path }
ui-picker-up = Up
ui-picker-home = Home folder
ui-picker-kinds = Folders and the files Saq can read are shown: .txt, .zip, .json, .html and pictures (.png, .jpg, .jpeg, .webp). Click a file, then "Open".
ui-picker-empty = No suitable files here.
ui-picker-unreadable = This folder could not be opened.
ui-picker-open = Open

# An opened picture (a screenshot, a photo of a document).
ui-picture-verdict-note = The text was read from the picture, and recognition can misread words: compare the recognised text with the picture.
ui-picture-file = Picture: { $path }
ui-picture-show = Picture
ui-picture-larger = Larger
ui-close-picture = Close the picture
ui-picture-label = The picture with the red flags marked
ui-picture-message = Message { $index }
ui-picture-not-shown = The picture itself cannot be shown here; its recognised text is below.
ui-pasted-picture = Pasted picture
