# Saq: негізгі мәтіндер (санаттар, қорытындылар, командалық жол).

## Осы тілдің барлық файлына ортақ терминдер. Септіктер: nom, gen, dat, acc, ins, loc.

-brand-nbk = { $case ->
   *[nom] Ұлттық Банк
    [gen] Ұлттық Банктің
    [dat] Ұлттық Банкке
    [acc] Ұлттық Банкті
    [ins] Ұлттық Банкпен
    [loc] Ұлттық Банкте
}
-brand-nbk-full = { $case ->
   *[nom] Қазақстан Ұлттық Банкі
    [gen] Қазақстан Ұлттық Банкінің
}
-nbk-phone = 1477
-police-phone = 102

## Қауіп белгілерінің санаттары: қысқа атаулар.

cat-code-request = Код сұрайды
cat-credential-request = Пароль сұрайды
cat-official-impersonation = Полицияның не мемлекеттік органның атын жамылады
cat-bank-impersonation = Банктің атын жамылады
cat-nbk-impersonation = { -brand-nbk(case: "gen") } атын жамылады
cat-operator-impersonation = Ұялы байланыс операторының атын жамылады
cat-relative-money-request = Таныс адам ақша сұрайды
cat-new-number = «Жаңа нөмір»
cat-voice-or-video-call-pretext = Дауыс не бейнеқоңырау айласы
cat-safe-account = «Қауіпсіз шот»
cat-fake-document = Жалған құжат
cat-urgency = Асықтырады
cat-secrecy = Ешкімге айтпауды сұрайды
cat-suspicious-link = Күдікті сілтеме
cat-vote-or-survey-lure = Дауыс беру не сауалнама айласы
cat-remote-access-app = Телефонды қашықтан басқару қолданбасы
cat-prize-or-investment = Ұтыс не оңай ақша
cat-payment-request = Ақша сұрайды
cat-personal-data-request = Карта не жеке деректерді сұрайды
cat-threat-or-fear = Қорқыту не үрейлі хабар

## Қорытындылар. Хабарламаны ешқашан «қауіпсіз» демеу керек: ең жақсы қорытынды — «мәлім белгілері табылмады».

verdict-danger = Қауіпті: алаяқтық белгілері бар
verdict-suspicious = Күдікті
verdict-no-signs = Алаяқтықтың мәлім белгілері табылмады
verdict-no-signs-caution = Бұл хабарламаның қауіпсіз екенін дәлелдемейді. Күмәніңіз болса, адамға өзіңіз бұрыннан білетін нөмір арқылы хабарласып, тексеріңіз.
verdict-danger-hint = Тоқтаңыз: жауап бермеңіз, сілтемені ашпаңыз, кодты айтпаңыз, ақша жібермеңіз; адамға не банкке өзіңіз білетін нөмір арқылы қайта хабарласыңыз.
verdict-suspicious-hint = Асықпаңыз: бір нәрсе істемес бұрын адамға не ұйымға өзіңіз білетін нөмір арқылы хабарласып, тексеріңіз.

## Командалық жол.

cli-flags-header = Алаяқтық белгілері
cli-steps-header = Не істеу керек
cli-no-flags = Бұл хабарламада алаяқтықтың мәлім белгілері табылмады.
# Қазақ тілінде сан есімнен кейін зат есім жекеше тұрады: «5 белгі», сондықтан бір ғана түр.
cli-summary-flags = { $count } алаяқтық белгісі табылды
cli-message-header = { $index }-хабарлама
cli-message-header-from = { $index }-хабарлама — { $sender }, { $time }
cli-error-read = { $path } оқылмады: { $reason }
cli-error-not-text = { $path }: бұл мәтіндік файл емес
cli-error-too-large = { $path }: көлемі { $size } ГБ шегінен асады; Saq бір көзден ең көбі { $size } ГБ оқиды, сондықтан ештеңе тексерілмеді
cli-error-is-dir = { $path } — файл емес, қалта
cli-error-not-regular = { $path } — кәдімгі файл емес (құрылғы, арна не сокет); Saq оны ашпайды. Ағынды тексеру үшін оны стандартты кіріске беріңіз: saq check - < { $path }
cli-error-empty = { $path } бос: тексеретін ештеңе жоқ
note-size-limit = Экспорт беттері бірге 1 ГБ шегінен асады; одан кейінгі беттер оқылмады.
report-not-read = Оқу мүмкін болмады: бұл файлда ештеңе тексерілмеді
cli-error-rules = Ереже файлы { $path }: { $rule } ережесі: { $reason }
cli-error-rules-file = Ереже файлы { $path }: { $reason }
cli-error-corpus = { $path }, { $line }-жол: { $reason }
cli-link-defanged = Сілтеме (ашылмайтындай етіп өзгертілген, оны ашпаңыз): { $link }
cli-offline-note = Осы компьютерде тексерілді, ештеңе ешқайда жіберілген жоқ.
cli-obfuscation = «{ $word }» сөзі бүркемеленген (басқа әліпбидің әріптері, сандар не көрінбейтін таңбалар) — сүзгіден өтіп кету үшін жиі қолданылатын айла
cli-stdin = стандартты кіріс
cli-about = Хабарламаларды алаяқтық белгілеріне интернетсіз тексереді
cli-help-check = Хабарламаны не сақталған чатты тексеру (файлдар не стандартты кірістегі мәтін)
cli-help-format = Шығару пішімі
cli-help-lang = Шығару тілі: kk, ru не en (әдепкіде — жүйе тілі)
cli-help-rules = Ережелер файлы не қалтасы
cli-help-paths = Тексерілетін файлдар; олар берілмесе, мәтін стандартты кірістен оқылады
cli-help-open = Терезеде ашылатын чат файлы немесе сурет
cli-help-rules-cmd = Ережелерді және әрқайсысы нені іздейтінін көрсету
cli-help-stats = Әр ереже алаяқтық және қалыпты мысалдарда қаншалықты жиі іске қосылатынын көрсету

rules-header-id = ID
rules-header-category = Санат
rules-header-weight = Салмақ
rules-header-langs = Тілдер
rules-header-advice = Кеңестер
rules-count = { $count } ереже

stats-header-rule = Ереже
stats-header-scam = Алаяқтық
stats-header-legit = Қалыпты
stats-header-precision = Дәлдік
stats-summary = Жолдар: алаяқтық — { $scam }, қалыпты — { $legit }
stats-verdicts = Қорытындылар: { $scam } алаяқтық жолдың { $caught } жолы белгіленді (қауіпті деп — { $danger }); { $legit } қалыпты жолдың { $flagged } жолы белгіленді
stats-missed = Мәлім белгілері табылмаған алаяқтық жолдар:
stats-flagged = Белгіленген қалыпты жолдар (! — «қауіпті»):

## check командасымен бірге қосылды.

cli-reason-not-found = мұндай файл не қалта жоқ
cli-reason-permission = рұқсат жоқ
cli-chat-summary = Хабарламалар: { $messages }; алаяқтық белгілері барлары: { $flagged }
cli-error-cancelled = { $path }: оқу тоқтатылды
error-format-no-messages = { $path }: бұл чат файлынан бірде-бір хабарлама табылмады
error-format-no-chat-in-zip = { $path }: бұл архивтің ішінде чат мәтіні жоқ
error-format-bad-archive = { $path }: архив бүлінген не оқылмайды
error-format-not-telegram-json = { $path }: бұл JSON файлы Telegram экспорты емес
note-lines-skipped = Чат хабарламасына ұқсамайтын { $count } жол өткізіп жіберілді.
note-truncated = Файл ортасында үзіліп қалған; сол жерге дейінгі хабарламалар тексерілді.
note-zip-limit = Архив толық оқуға тым үлкен; оның бір бөлігі ғана тексерілді.
note-invalid-bytes = Бүлінген кейбір таңбалар � белгісімен ауыстырылды.
note-chats-read = Бұл экспорттан { $count } чат оқылды.
cli-help-show-weak = Белгілер табылмаған хабарламалардың әлсіз белгілерін де көрсету (ереже авторлары үшін)
cli-help-corpus = JSON Lines пішіміндегі белгіленген корпус: әр жолда "label" ("scam" не "legit") және "text" өрістері бар бір нысан

## Shareable reports (HTML report, summary, evidence sheet)
report-title = Saq есебі: хабарламадағы алаяқтық белгілері
report-pasted = Қойылған хабарлама
report-made = Saq арқылы осы компьютерде { $date } жасалды. Ештеңе ешқайда жіберілген жоқ.
report-disclaimer = Saq алаяқтықтың белгілі белгілерін іздейді. Белгі табылмаса, бұл хабарламаның қауіпсіз екенін дәлелдемейді.
summary-more = …және тағы { $count }
summary-footer = Saq арқылы интернетсіз тексерілді. Күмәндансаңыз, адамға өзіңіз білетін нөмір арқылы қайта қоңырау шалыңыз.
evidence-title = Полицияға не банкке арналған анықтама
evidence-intro = Сақталған хат алмасу бойынша Saq арқылы { $date } жасалды. Түпнұсқа файлды сақтаңыз: бұл анықтама оның орнын баспайды.
evidence-file = Файл: { $path }
evidence-period = Хабарламалар: { $first } — { $last }
evidence-messages = Алаяқтық белгілері бар хабарламалар
evidence-col-time = Күні мен уақыты
evidence-col-sender = Жіберуші
evidence-col-text = Хабарлама
evidence-col-signs = Белгілер
evidence-senders = Бұл хабарламаларды жіберушілер
evidence-phones = Ондағы телефон нөмірлері
evidence-accounts = Ондағы карта мен шот нөмірлері
evidence-links = Ондағы сілтемелер (ашылмайтындай өзгертілген)
evidence-amounts = Сұралған сомалар
evidence-none = Табылған жоқ.
evidence-keep-file = Полицияға не банкке хат алмасу файлының өзін де беріңіз: жоғарыдағы нөмірлер мен сілтемелер содан көшірілген.
cli-error-write = { $path } жазылмады: { $reason }
cli-error-exists = { $path } бұрыннан бар, ол ауыстырылған жоқ (басқа ат таңдаңыз не --overwrite қосыңыз)
cli-error-same-file = { $path } — тексеріліп жатқан файлдардың бірі; Saq оларға ешқашан жазбайды
cli-help-output = Есепті экранға емес, осы файлға жазу (бар файл ауыстырылмайды)
cli-help-overwrite = --output бар файлды ауыстыра алсын

## Pictures (screenshots, photos of documents) read by Tesseract
note-read-from-picture = Мәтін суреттен танылып оқылды, тану қателесуі мүмкін: суретпен салыстырып көріңіз.
note-low-confidence = Суреттегі { $count } сөз сенімсіз танылды.
flag-low-confidence = сенімсіз танылды: суреттен тексеріңіз
picture-recognised-text = Танылған мәтін
error-picture-no-tesseract = { $path }: суреттегі мәтінді оқу үшін қазақ, орыс, ағылшын деректері бар Tesseract OCR керек. { $os ->
    [windows] Оны github.com/UB-Mannheim/tesseract сайтынан орнатыңыз («Additional language data» ішінен Kazakh пен Russian белгілеңіз) немесе SAQ_TESSERACT айнымалысында tesseract.exe жолын көрсетіңіз.
    [macos] Орындаңыз: brew install tesseract tesseract-lang
   *[other] Орындаңыз: sudo apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng
}
error-picture-no-languages = { $path }: Tesseract OCR орнатылған, бірақ оның { $langs } деректері жоқ. { $os ->
    [windows] Tesseract орнатқышын қайта іске қосып, «Additional language data» ішінен Kazakh пен Russian белгілеңіз.
    [macos] Орындаңыз: brew install tesseract-lang
   *[other] Орындаңыз: sudo apt-get install tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng
}
error-picture-too-large = { $path }: сурет өлшемі { $width }×{ $height } пиксель; Saq { $limit } мегапиксельге дейінгі суреттерді оқиды. Суретті қиып алыңыз немесе тек мәтіні бар бөлігінің скриншотын жасаңыз.
error-picture-damaged = { $path }: сурет бүлінген не толық емес, оны оқу мүмкін емес
error-picture-no-text = { $path }: суреттен мәтін табылмады
error-picture-timed-out = { $path }: суреттегі мәтінді тану тым ұзаққа созылып, тоқтатылды
error-picture-ocr-failed = { $path }: Tesseract OCR суретті оқи алмады ({ $reason })

## Командалық жолдың анықтамасы: clap-тың қызметтік сөздері
cli-usage-heading = Қолданылуы:
cli-heading-arguments = Аргументтер
cli-heading-options = Параметрлер
cli-heading-commands = Командалар
cli-value-command = КОМАНДА
cli-value-file = ФАЙЛ
cli-value-path = ЖОЛ
cli-value-format = ПІШІМ
cli-value-lang = ТІЛ
cli-value-dir = ҚАЛТА
cli-value-corpus = КОРПУС
cli-help-help = Осы анықтаманы көрсету
cli-help-version = Нұсқасын көрсету
cli-help-help-cmd = Команданың анықтамасын көрсету
cli-help-format-values = Шығару пішімі: text (әдепкі), json, html (барлық кіріске бір бет), summary (мессенджерге қоюға арналған қысқа түйін, нөмірлер жасырылады) немесе evidence (полицияға не банкке басып шығаруға арналған парақ)
cli-error-unknown-arg = Белгісіз параметр не аргумент: { $arg }
cli-error-invalid-value = { $arg } үшін { $value } мәні жарамсыз
cli-error-missing-value = { $arg } мәнін талап етеді
cli-error-usage = Командалық жол түсінілмеді
cli-error-usage-at = Командалық жол { $arg } тұсында түсінілмеді
cli-error-repeated = { $arg } бірнеше рет берілді; оны бір-ақ рет беріңіз
cli-error-conflict = { $arg } параметрін { $other } параметрімен бірге қолдануға болмайды
cli-error-no-value = { $arg } параметрі мән қабылдамайды
cli-error-not-utf8 = Параметрдің мәні жарамды мәтін емес (UTF-8 емес)
cli-error-see-help = Толығырақ: { $command } --help
cli-usage-options = ПАРАМЕТРЛЕР
cli-error-missing-arg = Міндетті аргумент берілмеді: { $arg }
