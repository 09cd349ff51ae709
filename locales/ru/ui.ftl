# Окно программы (`saq` без команды). Простые слова: многие читатели — пожилые люди.

ui-app-title = Saq — проверка сообщения на мошенничество
ui-paste = Вставить
ui-clear = Очистить
ui-input-label = Сообщение для проверки
ui-input-hint = Вставьте или напишите сюда сообщение. Проверка начнётся сама.
ui-open-file = Открыть файл…
ui-recent = Недавние файлы
ui-recent-none = Недавних файлов пока нет.
ui-file-filter = Переписки, сообщения и картинки
ui-drop-hint = Файл переписки или снимок экрана можно также перетащить в это окно, а скопированную картинку — вставить (Ctrl+V).
ui-guide = Как действуют мошенники
ui-back = Вернуться к проверке
ui-language = Язык
ui-text-smaller = Текст мельче
ui-text-larger = Текст крупнее
ui-theme-dark = Тёмный фон
ui-theme-light = Светлый фон
ui-flags-heading = Признаки мошенничества
ui-flags-none = В этом сообщении известных признаков не найдено.
ui-message-heading = Сообщение, признаки выделены
ui-hover-hint = Наведите указатель на выделенное место или выберите признак в списке, чтобы узнать, почему оно выделено.
ui-what-to-do = Что делать
ui-call = Если сомневаетесь, позвоните:
ui-offline-status = Проверено на этом компьютере; ничего никуда не отправляется.
ui-checking = Проверяю…
ui-reading = Читаю { $path }…
ui-reading-picture = Распознаю текст картинки: { $path }…
ui-checking-file = Проверяю { $path }…
ui-cancel = Отмена
ui-close = Закрыть
ui-error-rules = Не удалось загрузить встроенные правила. Переустановите Saq.
ui-file = Файл: { $path }
ui-summary-messages = Сообщений: { $count }
ui-summary-flagged = С признаками: { $count }
ui-summary-senders = Отправителей: { $count }
ui-flagged-only = Только сообщения с признаками
ui-next-flagged = Следующее с признаками (F3)
ui-prev-flagged = Предыдущее с признаками (Shift+F3)
ui-close-chat = Закрыть переписку
ui-chat-list = Сообщения переписки
ui-select-message = Выберите сообщение в списке, чтобы увидеть его полностью.
ui-unknown-sender = Отправитель неизвестен
# A message's date and time in a chat (day, month, year as two/four digits; time "19:06").
ui-datetime = { $day }.{ $month }.{ $year }, { $time }
ui-media-voice = Голосовое сообщение
ui-media-video-note = Видеосообщение
ui-media-photo = Фото
ui-media-video = Видео
ui-media-document = Файл
ui-media-sticker = Стикер
ui-media-other = Вложение
ui-badge-danger = Опасно
ui-badge-suspicious = Подозрительно
ui-guide-schemes = Частые схемы мошенников
ui-guide-steps = Советы { -brand-nbk(case: "gen") }

## Режим тренера: примеры, викторина и показ на весь экран для группы.
ui-page-check = Проверка
ui-examples = Примеры
ui-quiz = Викторина
ui-gallery-heading = Примеры сообщений
ui-gallery-intro = Настоящие примеры мошенничества и честные сообщения, похожие на него. Проверьте любое или покажите его группе на весь экран.
ui-gallery-show-answers = Показать, где мошенничество
ui-gallery-all-langs = Все языки
ui-gallery-fraud = Мошенничество
ui-gallery-look-alike = Не мошенничество, но похоже
ui-gallery-open = Проверить это сообщение
ui-examples-none = Примеров на этом языке пока нет.
ui-present = На весь экран для группы
ui-quiz-heading = Викторина: мошенничество или нет?
ui-quiz-progress = Сообщение { $index } из { $total }
ui-quiz-question = Это сообщение — мошенничество?
ui-quiz-fraud = Мошенничество
ui-quiz-not-fraud = Не мошенничество
ui-quiz-right = Верно!
ui-quiz-wrong = На этот раз неверно.
ui-quiz-was-fraud = Это сообщение — мошенничество.
ui-quiz-was-legit = Это сообщение не мошенническое, хотя и похоже.
ui-quiz-show-sign = Показать следующий признак
ui-quiz-next = Следующее сообщение
ui-quiz-see-score = Узнать результат
ui-quiz-done = Викторина окончена.
ui-quiz-score = Правильных ответов: { $score } из { $total }
ui-quiz-restart = Начать заново
ui-trainer-no-signs = Saq не нашёл в этом сообщении известных признаков мошенничества. Это не доказывает, что сообщение безопасно.
ui-signs-found = { $count ->
    [one] Saq нашёл в этом сообщении { $count } признак мошенничества.
    [few] Saq нашёл в этом сообщении { $count } признака мошенничества.
   *[many] Saq нашёл в этом сообщении { $count } признаков мошенничества.
}
ui-signs-shown = Показано признаков: { $index } из { $count }
ui-presenter-keys = Стрелка вправо или Пробел: следующий признак · Стрелка влево: скрыть его · Esc: выйти из полноэкранного режима
ui-presenter-prev = Скрыть последний признак
ui-presenter-next = Следующий признак
ui-presenter-leave = Выйти из полноэкранного режима

## Sharing: save report, evidence sheet, copy summary
ui-save-report = Сохранить отчёт…
ui-save-evidence = Справка для полиции…
ui-copy-summary = Скопировать кратко
ui-summary-copied = Краткая сводка скопирована: вставьте её в мессенджер, чтобы предупредить близких. Номера карт и ИИН в ней скрыты.
ui-page-saved = Сохранено: { $path }
ui-replace-question = Файл { $path } уже существует. Заменить его?
ui-replace = Заменить
ui-html-filter = Веб-страница
ui-report-file-name = saq-otchet.html
ui-evidence-file-name = saq-spravka.html

## Top bar menus, the verdict's place and the built-in file picker
ui-learn = Обучение
ui-settings = Настройки
ui-text-size = Размер текста: { $size }
ui-verdict-placeholder = Вставьте или напишите сообщение — ответ появится здесь.
ui-picker-title = Выберите файл
ui-picker-folder = Папка: { $path }
ui-picker-up = Наверх
ui-picker-home = Домашняя папка
ui-picker-kinds = Показаны папки и файлы, которые Saq умеет читать: .txt, .zip, .json, .html и картинки (.png, .jpg, .jpeg, .webp). Щёлкните файл, затем «Открыть».
ui-picker-empty = Здесь нет подходящих файлов.
ui-picker-unreadable = Эту папку не удалось открыть.
ui-picker-open = Открыть

# Открытая картинка (снимок экрана, фото документа).
ui-picture-verdict-note = Текст прочитан с картинки, а распознавание может ошибаться в словах: сверьте распознанный текст с картинкой.
ui-picture-file = Картинка: { $path }
ui-picture-show = Картинка
ui-picture-larger = Крупнее
ui-close-picture = Закрыть картинку
ui-picture-label = Картинка с отмеченными признаками
ui-picture-message = Сообщение { $index }
ui-picture-not-shown = Саму картинку здесь показать не получилось; ниже её распознанный текст.
ui-pasted-picture = Вставленная картинка
