# Saq: основные тексты (категории, вердикты, командная строка).

## Термины, общие для всех файлов этого языка. Падежи: nom, gen, dat, acc, ins, loc.

-brand-nbk = { $case ->
   *[nom] Национальный банк
    [gen] Национального банка
    [dat] Национальному банку
    [acc] Национальный банк
    [ins] Национальным банком
    [loc] Национальном банке
}
-brand-nbk-full = { $case ->
   *[nom] Национальный банк Казахстана
    [gen] Национального банка Казахстана
}
-nbk-phone = 1477
-police-phone = 102

## Категории признаков мошенничества: короткие названия.

cat-code-request = Просят код
cat-credential-request = Просят пароль
cat-official-impersonation = Выдают себя за полицию или госорган
cat-bank-impersonation = Выдают себя за банк
cat-nbk-impersonation = Прикрываются { -brand-nbk(case: "ins") }
cat-operator-impersonation = Выдают себя за мобильного оператора
cat-relative-money-request = Знакомый просит денег
cat-new-number = «Новый номер»
cat-voice-or-video-call-pretext = Уловка с голосом или видеозвонком
cat-safe-account = «Безопасный счёт»
cat-fake-document = Поддельный документ
cat-urgency = Торопят
cat-secrecy = Просят никому не говорить
cat-suspicious-link = Подозрительная ссылка
cat-vote-or-survey-lure = Приманка: голосование или опрос
cat-remote-access-app = Программа для управления телефоном
cat-prize-or-investment = Выигрыш или лёгкие деньги
cat-payment-request = Просят деньги
cat-personal-data-request = Просят данные карты или документов
cat-threat-or-fear = Угрозы и тревожные вести

## Вердикты. Никогда не называть сообщение «безопасным»: лучший вердикт — «известных признаков не найдено».

verdict-danger = Опасно: признаки мошенничества
verdict-suspicious = Подозрительно
verdict-no-signs = Известных признаков не найдено
verdict-no-signs-caution = Это не доказывает, что сообщение безопасно. Если сомневаетесь, свяжитесь с человеком по номеру, который вы знаете сами.
verdict-danger-hint = Остановитесь: не отвечайте, не открывайте ссылки, не называйте коды и не переводите деньги, а перезвоните человеку или в банк по номеру, который знаете сами.
verdict-suspicious-hint = Не спешите: прежде чем что-то делать, проверьте всё у человека или в организации по номеру, который вы знаете сами.

## Командная строка.

cli-flags-header = Признаки мошенничества
cli-steps-header = Что делать
cli-no-flags = В этом сообщении не найдено известных признаков мошенничества.
cli-summary-flags = { $count ->
    [one] Найден { $count } признак мошенничества
    [few] Найдено { $count } признака мошенничества
   *[many] Найдено { $count } признаков мошенничества
}
cli-message-header = Сообщение { $index }
cli-message-header-from = Сообщение { $index } — { $sender }, { $time }
cli-error-read = Не удалось прочитать { $path }: { $reason }
cli-error-not-text = { $path }: это не текстовый файл
cli-error-too-large = { $path }: больше { $size } ГБ; Saq читает из одного источника не больше { $size } ГБ, поэтому ничего не проверено
cli-error-is-dir = { $path } — это папка, а не файл
cli-error-not-regular = { $path } — не обычный файл (устройство, канал или сокет); Saq его не открывает. Чтобы проверить поток, подайте его на стандартный ввод: saq check - < { $path }
cli-error-empty = { $path } пуст: проверять нечего
note-size-limit = Страницы выгрузки вместе больше предела в 1 ГБ; страницы после него не прочитаны.
report-not-read = Не удалось прочитать: в этом файле ничего не проверено
cli-error-rules = Файл правил { $path }: правило { $rule }: { $reason }
cli-error-rules-file = Файл правил { $path }: { $reason }
cli-error-corpus = { $path }, строка { $line }: { $reason }
cli-link-defanged = Ссылка (изменена, чтобы её нельзя было открыть; не открывайте её): { $link }
cli-offline-note = Проверено на этом компьютере, ничего никуда не отправлялось.
cli-obfuscation = Слово «{ $word }» замаскировано (буквы другого алфавита, цифры или невидимые символы) — частый приём, чтобы обойти фильтры
cli-stdin = стандартный ввод
cli-about = Проверяет сообщения на признаки мошенничества, без интернета
cli-help-check = Проверить сообщение или сохранённый чат (файлы или текст со стандартного ввода)
cli-help-format = Формат вывода
cli-help-lang = Язык вывода: kk, ru или en (по умолчанию — язык системы)
cli-help-rules = Файл или папка с правилами
cli-help-paths = Файлы для проверки; если их нет, текст читается со стандартного ввода
cli-help-open = Файл чата или картинка, которые нужно открыть в окне
cli-help-rules-cmd = Показать правила и что ищет каждое из них
cli-help-stats = Показать, как часто каждое правило срабатывает на мошеннических и на обычных примерах

rules-header-id = ID
rules-header-category = Категория
rules-header-weight = Вес
rules-header-langs = Языки
rules-header-advice = Советы
rules-count = { $count ->
    [one] { $count } правило
    [few] { $count } правила
   *[many] { $count } правил
}

stats-header-rule = Правило
stats-header-scam = Мошенничество
stats-header-legit = Обычные
stats-header-precision = Точность
stats-summary = Строк: мошеннических — { $scam }, обычных — { $legit }
stats-verdicts = Вердикты: отмечено { $caught } из { $scam } мошеннических строк (опасных — { $danger }); отмечено { $flagged } из { $legit } обычных строк
stats-missed = Мошеннические строки без известных признаков:
stats-flagged = Отмеченные обычные строки (! — «опасно»):

## Добавлено вместе с командой check.

cli-reason-not-found = нет такого файла или папки
cli-reason-permission = нет доступа
cli-chat-summary = Сообщений: { $messages }; с признаками мошенничества: { $flagged }
cli-error-cancelled = { $path }: чтение отменено
error-format-no-messages = { $path }: в этой выгрузке чата не найдено ни одного сообщения
error-format-no-chat-in-zip = { $path }: в этом архиве нет текста чата
error-format-bad-archive = { $path }: архив повреждён или не читается
error-format-not-telegram-json = { $path }: этот JSON-файл — не выгрузка Telegram
note-lines-skipped = { $count ->
    [one] { $count } строка не похожа на сообщение чата и пропущена.
    [few] { $count } строки не похожи на сообщения чата и пропущены.
   *[many] { $count } строк не похожи на сообщения чата и пропущены.
}
note-truncated = Файл обрывается на середине; проверены сообщения до этого места.
note-zip-limit = Архив слишком большой, чтобы прочитать его целиком; проверена только часть.
note-invalid-bytes = Некоторые повреждённые символы заменены на �.
note-chats-read = { $count ->
    [one] Из этой выгрузки прочитан { $count } чат.
    [few] Из этой выгрузки прочитано { $count } чата.
   *[many] Из этой выгрузки прочитано { $count } чатов.
}
cli-help-show-weak = Показывать и слабые признаки у сообщений без известных признаков (для авторов правил)
cli-help-corpus = Размеченный корпус в формате JSON Lines: по объекту в строке с полями "label" ("scam" или "legit") и "text"

## Shareable reports (HTML report, summary, evidence sheet)
report-title = Отчёт Saq: признаки мошенничества в сообщении
report-pasted = Вставленное сообщение
report-made = Сделано в Saq на этом компьютере { $date }. Ничего никуда не отправлялось.
report-disclaimer = Saq ищет известные признаки мошенничества. Если их нет, это ещё не значит, что сообщение безопасно.
summary-more = …и ещё { $count }
summary-footer = Проверено в Saq без интернета. Если сомневаетесь, перезвоните человеку по номеру, который вы знаете сами.
evidence-title = Справка для полиции или банка
evidence-intro = Составлено в Saq { $date } по сохранённой переписке. Сохраните исходный файл: эта справка его не заменяет.
evidence-file = Файл: { $path }
evidence-period = Сообщения с { $first } по { $last }
evidence-messages = Сообщения с признаками мошенничества
evidence-col-time = Дата и время
evidence-col-sender = Отправитель
evidence-col-text = Сообщение
evidence-col-signs = Признаки
evidence-senders = Отправители этих сообщений
evidence-phones = Номера телефонов в них
evidence-accounts = Номера карт и счетов в них
evidence-links = Ссылки в них (изменены, чтобы их нельзя было открыть)
evidence-amounts = Запрошенные суммы
evidence-none = Не найдено.
evidence-keep-file = Передайте полиции или банку и сам файл переписки: номера и ссылки выше скопированы из него.
cli-error-write = Не удаётся записать { $path }: { $reason }
cli-error-exists = { $path } уже существует и не был заменён (выберите другое имя или добавьте --overwrite)
cli-error-same-file = { $path } — один из проверяемых файлов; Saq никогда в них не пишет
cli-help-output = Записать отчёт в этот файл, а не на экран (существующий файл не заменяется)
cli-help-overwrite = Разрешить --output заменить существующий файл

## Pictures (screenshots, photos of documents) read by Tesseract
note-read-from-picture = Текст прочитан с картинки распознаванием, которое может ошибаться: сверьте его с картинкой.
note-low-confidence = { $count ->
    [one] { $count } слово распознано неуверенно.
    [few] { $count } слова распознаны неуверенно.
   *[many] { $count } слов распознано неуверенно.
}
flag-low-confidence = распознано неуверенно: сверьте с картинкой
picture-recognised-text = Распознанный текст
error-picture-no-tesseract = { $path }: чтобы читать картинки, нужен Tesseract OCR с данными kaz, rus, eng. { $os ->
    [windows] Установите его с github.com/UB-Mannheim/tesseract (отметьте Kazakh и Russian в «Additional language data») или укажите путь к tesseract.exe в SAQ_TESSERACT.
    [macos] Выполните: brew install tesseract tesseract-lang
   *[other] Выполните: sudo apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng
}
error-picture-no-languages = { $path }: Tesseract OCR установлен, но нет его данных для { $langs }. { $os ->
    [windows] Запустите установщик Tesseract снова и отметьте Kazakh и Russian в «Additional language data».
    [macos] Выполните: brew install tesseract-lang
   *[other] Выполните: sudo apt-get install tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng
}
error-picture-too-large = { $path }: картинка размером { $width }×{ $height } пикселей; Saq читает картинки до { $limit } мегапикселей. Обрежьте её или сделайте снимок экрана только с текстом.
error-picture-damaged = { $path }: картинка повреждена или обрезана, прочитать её нельзя
error-picture-no-text = { $path }: на картинке не найден текст
error-picture-timed-out = { $path }: распознавание текста картинки шло слишком долго и было остановлено
error-picture-ocr-failed = { $path }: Tesseract OCR не смог прочитать картинку ({ $reason })

## Справка командной строки: служебные слова clap
cli-usage-heading = Использование:
cli-heading-arguments = Аргументы
cli-heading-options = Параметры
cli-heading-commands = Команды
cli-value-command = КОМАНДА
cli-value-file = ФАЙЛ
cli-value-path = ПУТЬ
cli-value-format = ФОРМАТ
cli-value-lang = ЯЗЫК
cli-value-dir = ПАПКА
cli-value-corpus = КОРПУС
cli-help-help = Показать эту справку
cli-help-version = Показать версию
cli-help-help-cmd = Показать справку по команде
cli-help-format-values = Формат вывода: text (по умолчанию), json, html (одна страница на все входные файлы), summary (краткая сводка для мессенджера, номера скрыты) или evidence (лист для печати — для полиции или банка)
cli-error-unknown-arg = Неизвестный параметр или аргумент: { $arg }
cli-error-invalid-value = Недопустимое значение { $value } для { $arg }
cli-error-missing-value = Для { $arg } нужно значение
cli-error-usage = Командная строка не распознана
cli-error-usage-at = Командная строка не распознана: ошибка в { $arg }
cli-error-repeated = { $arg } указан несколько раз; укажите его один раз
cli-error-conflict = { $arg } нельзя использовать вместе с { $other }
cli-error-no-value = Параметр { $arg } не принимает значения
cli-error-not-utf8 = Значение параметра — не текст в кодировке UTF-8
cli-error-see-help = Подробнее: { $command } --help
cli-usage-options = ПАРАМЕТРЫ
cli-error-missing-arg = Не указан обязательный аргумент: { $arg }
