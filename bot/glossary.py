"""English glosses for the words people use about a microphone problem in other languages.

The articles are in English, and so are the word statistics, the classifier and the word vectors that rank them. A
question such as "mein mikro geht nicht, chrome sagt berechtigung verweigert" shares almost no words with them. The
question keeps its own words and gets the English ones appended ("microphone", "not working", "permission",
"denied"), so every ranking reads both. The list holds everyday words for this one problem, not a dictionary. The
chat's readers take their foreign failure phrases and problem words from it too (bot/flows/evidence.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

GLOSSES: dict[str, str] = {
    # Asking for a person in other languages: the NLU calls some foreign answers "request_human"; these words say it was meant.
    "a person": (
        "persona real|una persona|un humano|alguien|pessoa real|uma pessoa|atendente|une personne|un humain|"
        "quelqu un|einen menschen|mensch|jemanden|una persona reale|operatore|qualcuno|iemand|"
        "człowiek|człowieka|konsultant|kogoś|человек|человеком|оператор|кем-то|людина|людиною|insan|temsilci|biriyle|"
        "người thật|manusia|orang|オペレーター|人間|担当者|人工客服|真人|客服|상담원|사람|ember|ügyintéző|ihminen|ihmisen|"
        "asiakaspalvelija|άνθρωπο|εκπρόσωπο|om real|operator uman|човек|אדם|נציג|اپراتور|آدم|شخص|মানুষ|"
        "மனிதர்|เจ้าหน้าที่|mtu|tao|insaan"
        "|o persoană|cu un om|emberrel|valakivel|ügyfélszolgálat|ανθρωπο|εκπροσωπο|άνθρωπος"
        "|בן אדם|מישהו|asiakaspalvelu|menneske|kundeservice|kundestøtte|människa|kundtjänst"
        "|khidmat pelanggan|orang beneran|manusia asli|algú|un humà|člověk|člověka|člověkem"
        "|človekom|čovjek|čovek|osobom|консультант|людину|इंसान|इन्सान|انسان|نمائندہ"
        "|bir insanla|insanla konuşmak|canlı insan|canli insan|insanla danışmaq|insanla danişmaq|адаммен"
        "|тірі адам|консултант|човека|човеком|са особом|човекот|со специалистом|माणूस|माणसाशी|खरा माणूस"
        "|मान्छे|वास्तविक मान्छे|మనిషి|నిజమైన మనిషి|માણસ|સાચો માણસ|ಮನುಷ್ಯ|ನಿಜವಾದ ವ್ಯಕ್ತಿ|മനുഷ്യൻ|മനുഷ്യനുമായി"
        "|ആളുമായി|ਇਨਸਾਨ|ਬੰਦੇ ਨਾਲ|ਅਸਲੀ ਬੰਦਾ|حد حقيقي|بني آدم|بني ادم|اكلم حد|أكلم حد|حدا حقيقي|احكي مع حدا"
        "|إحكي مع حدا|اكلم احد|أكلم أحد|إنسان|بنادم|نهضر مع شي واحد|7ad 7a2i2i|bani adam|akalem 7ad"
        "|a7ki ma3 7ada|nói chuyện với người|noi chuyen voi nguoi|tư vấn viên|tu van vien|canlı destek"
        "|canli destek|gerçek kişi|人と話したい|有人対応|转人工|人工服务|轉人工|人工服務|en riktig person|prata med någon|s někým"
        "|živou osobou|کسی بندے سے|kisi bande se|insan se baat|nguoi that"
    ),
    # Messengers first: their glosses come before "call" and "works" ("카톡 통화는 잘 돼요": "kakaotalk call works").
    "kakaotalk": "카톡|카카오톡|カカオトーク",
    # Chinese work messengers whose built-in browser opens links ("钉钉里打开网页电话").
    "dingtalk": "钉钉|釘釘",
    "feishu": "飞书|飛書",
    "wecom": "企业微信|企業微信",
    "mini app": "مینی اپ|міні-апп|міні-застосунок|мини-приложение|мини-апп|ミニアプリ|小程序",
    "telegram": "تلگرام|телеграм|телеграме|телеге|телега|テレグラム|电报",
    # "Stops" before "an hour": "deja de recibir llamadas una hora después" reads "stops ... an hour", the token's lifetime.
    "stops": (
        "deja de|dejo de|dejó de|para de|parou de|deixa de|hort auf|hört auf|cesse de|smette di|stopt|przestaje|"
        "перестает|перестаёт|перестал|перестає|止まる|止まります|停止|停了|멈춰"
    ),
    "an hour": (
        "una hora|uma hora|eine stunde|une heure|un ora|un'ora|een uur|godzinę|godzine|час|一小时|一個小時|1時間|한 시간|bir saat"
        "|1h|1hr|1 hr|60 min"
    ),
    # Where the microphone was tried goes before what happened there ("녹음하면 잘 돼요": "voice recorder ... works").
    "voice recorder": (
        "magnetophone|sprachaufnahme|sprachrekorder|diktiergerat|grabadora de voz|gravador de voz|"
        "registratore vocale|dyktafon|voicerecorder|диктофон|ボイスレコーダー|録音アプリ|录音机|录音软件|녹음|ghi âm|ses kaydedici|"
        "ses kayıt|nahrávání zvuku|záznam zvuku|nahrávač"
        "|reportofon|înregistrare vocală|diktafon|hangrögzítő|ηχογράφηση|ηχογραφηση|εγγραφή φωνής|רשם קול"
        "|מקליט קול|אפליקציית הקלטה|nauhuri|äänitys|äänentallennus|lydopptak|lydoptager|röstmemo"
        "|ljudinspelare|อัดเสียง|บันทึกเสียง|perakam suara|perekam suara|rekam suara|nag record"
        "|ভয়েস রেকর্ডার|রেকর্ডিং|குரல் பதிவு|ரெக்கார்டர்|ضبط صدا|ضبط صوت|kinasa sauti|kurekodi sauti"
        "|gravadora de veu|gravació de veu|nahrávanie zvuku|hlasový záznam|snimač zvuka|snimanje zvuka"
        "|звукозапис|वॉयस रिकॉर्डर|وائس ریکارڈر|ریکارڈنگ"
    ),
    # After what was tried, before the next glosses: "la grabadora de voz tampoco graba" reads "voice recorder not either".
    "not either": (
        "tampoco|también no|também não|tambem nao|auch nicht|non plus|nemmeno|neanche|neppure|ook niet|też nie|"
        "tez nie|тоже не|тож не|також не|cũng không|juga tidak|juga gak|ei myöskään|heller ikke|inte heller|ούτε|"
        "nici|גם לא|هم نه"
        "|sem működik|ott sem|azzal sem|ουτε|גם שם לא|גם זה לא|ei sekään|ei siinäkään|eikä|inte där heller"
        "|inte den heller|juga tak|pun tak|pun tidak|juga nggak|juga ga|juga enggak|hindi rin|di rin|ayaw rin"
        "|اونم نه|هم کار نمیکنه|هم کار نمی‌کنه|pia haifanyi|tampoc|ani tam|tiež nie|taky ne|taky nefunguje"
        "|také nefunguje|ni tamo|теж не|mein bhi nahi|par bhi nahi|में भी नहीं|میں بھی نہیں"
    ),
    "no sound": (
        "không có tiếng|kein ton|keinen ton|sin sonido|sem som|sem audio|pas de son|aucun son|nessun suono|"
        "brak dźwięku|нет звука|没有声音|沒有聲音|소리가 안 들어|ticho|cisza|тишина|sessizlik|silêncio|silencio"
        "|niciun sunet|fără sunet|nu e sunet|nu am sunet|nincs hang|nincs hangja|δεν έχει ήχο|δεν εχει ηχο"
        "|χωρίς ήχο|καθόλου ήχος|אין קול|אין סאונד|ei ääntä|ääni ei kuulu|ingen lyd|inget ljud|ไม่มีเสียง"
        "|เสียงไม่ออก|tiada bunyi|takde bunyi|takde suara|gak ada suara|tidak ada suara|ga ada suara"
        "|suara tidak keluar|walang tunog|walang boses|walang sound|কোনো শব্দ নেই|আওয়াজ নেই|সাউন্ড নেই"
        "|சத்தம் இல்லை|ஒலி இல்லை|சவுண்ட் வரல|صدا نمیاد|صدایی نیست|صدایی نمیاد|hakuna sauti|haitoi sauti"
        "|no hi ha so|no se sent res|žiadny zvuk|nie je zvuk|bez zvuku|žádný zvuk|není zvuk|nejde zvuk"
        "|nema zvuka|nema zvuk|bez zvuka|немає звуку|нема звуку|тиша|awaz nahi aa rahi|aawaz nahi aa rahi"
        "|आवाज़ नहीं आ रही|sound nahi aa raha|آواز نہیں آ رہی|آواز نہیں آرہی|کوئی آواز نہیں"
        "|səs yoxdur|ses yoxdur|səs yoxdu|ses yoxdu|səs gəlmir|ses gelmir|ses yok|ses gelmiyor|ses çıkmıyor"
        "|ses çikmiyor|дыбыс жоқ|дыбыс шықпайды|дыбыс келмейді|няма звук|нема звук|нема звука|без звука"
        "|без звук|звука нет|звук не идёт|звук не идет|आवाज येत नाही|आवाज आउँदैन|आवाज आएन|సౌండ్ రావడం లేదు"
        "|శబ్దం రావడం లేదు|సౌండ్ రావట్లేదు|અવાજ નથી આવતો|અવાજ આવતો નથી|ಸೌಂಡ್ ಬರ್ತಿಲ್ಲ|ಧ್ವನಿ ಬರುತ್ತಿಲ್ಲ"
        "|ശബ്ദം വരുന്നില്ല|സൗണ്ട് വരുന്നില്ല|ਆਵਾਜ਼ ਨਹੀਂ ਆ ਰਹੀ|ਅਵਾਜ਼ ਨਹੀਂ ਆਉਂਦੀ|مفيش صوت|الصوت مش طالع"
        "|ما في صوت|مافي صوت|ما فيه صوت|ماكاينش الصوت|ما كاينش صوت|ماثماش صوت|لا يوجد صوت|mafi sot|mafish sot"
        "|makaynch sout|không có âm thanh|mất tiếng|mat tieng|không ra tiếng|khong ra tieng|소리가 안 나|소리 안 나"
        "|소리가 없|무음|音が入らない|音声が入らない|無音|音を拾わない|音が拾えない|音が出ない|没声音|无声|收不到声音|录不到声音|沒聲音|無聲|收不到聲音|錄不到聲音|hörs inget"
        "|helt tyst|nic není slyšet|nic nejde slyšet|zvuk nejde|آواز نہیں آتی|آواز ہی نہیں|sound nahi aa rahi"
        "|awaz nhi aa rahi|ومفيش صوت|وما في صوت|ومافي صوت|khong co tieng"
    ),
    "microphone": (
        "mikrofon|mikro|micro|micros|microfono|micrófono|microfone|microfoon|mikrofonu|mikrofonie|микрофон|микрофона|"
        "мікрофон|мікрофона|マイク|麦克风|麥克風|话筒|마이크|ไมค์|ไมโครโฟน|μικρόφωνο|μικροφώνου|μικρόφωνα|microfon|microfonul|"
        "מיקרופון|میکروفون|ميكروفون|المايك|مايك|মাইক|মাইক্রোফোন|மைக்|maikrofoni|mikrofoni|mikrofonia|micròfon"
        "|μικροφωνο|μικροφωνα|μικρόφωνό|המיקרופון|במיקרופון|מיקרופן|mikki|mikkiä|micken|mikropono|میکروفن"
        "|مایک|kipaza sauti|माइक|माइक्रोफोन|مائیک|مائک|مائیکروفون"
        "|микрафон|mikrafon|माईक|मायक्रोफोन|మైక్|మైక్రోఫోన్|માઈક|માઇક|માઇક્રોફોન|ಮೈಕ್|ಮೈಕ್ರೋಫೋನ್|മൈക്ക്|മൈക്"
        "|മൈക്രോഫോൺ|ਮਾਈਕ|ਮਾਇਕ|ਮਾਈਕ੍ਰੋਫੋਨ|الميكروفون|بالميكروفون|مايكروفون|المايكروفون|بالمايك|話筒|咪高峰|mikrák"
        "|mikráku|مائیکرو فون"
    ),
    # Before "blocked" and "denied": "per ongeluk op blokkeren gedrukt" is "accidentally blocked".
    "accidentally": (
        "per ongeluk|aus versehen|versehentlich|sin querer|sem querer|por engano|par erreur|per sbaglio|"
        "przez przypadek|случайно|випадково|うっかり|間違って|不小心|실수로"
    ),
    # "Clicked" before "allow": "bấm allow", "jag tryckte på tillåt" read "clicked allow".
    "clicked": (
        "bấm|nhấn|kliknąłem|kliknęłam|klikłem|nacisnąłem|нажал|нажала|натиснув|натиснула|tıkladım|tikladim|bastım|"
        "bastim|cliqué|clique sur|geklickt|gedrückt|hice clic|hice click|le di a|cliquei|apertei|cliccato|premuto|"
        "geklikt|gedrukt|押した|押しました|クリックした|点了|點了|按了|눌렀|tryckte|trykket|trykkede|klik|nikabonyeza|nilibonyeza|bonyeza|"
        "dal jsem|dala jsem|kliknul|klikol|kattintottam|painoin|πάτησα|am apăsat|am apasat|kliknuo|kliknula|לחצתי|"
        "زدم|ضغطت|চাপলাম|அழுத்தினேன்|กด|pinindot|kliknąłem|натиснах|натисна|натиснал"
    ),
    "permission": (
        "izin|izni|izinler|quyền|berechtigung|berechtigungen|erlaubnis|permiso|permisos|permissao|permissoes|"
        "autorisation|autorizzazione|permesso|toestemming|uprawnienia|разрешение|дозвіл|権限|权限|許可|许可|권한|สิทธิ์"
        "|permisiune|permisiuni|engedély|hozzáférés|άδεια πρόσβασης|αδεια προσβασης|δικαιώματα|δικαιωματα"
        "|הרשאה|הרשאות|ההרשאה|ההרשאות|luvan|käyttöoikeus|käyttöoikeudet|tillatelse|tilladelse|behörighet"
        "|åtkomst|kebenaran|perizinan|hak akses|pahintulot|পারমিশন|பர்மிஷன்|مجوز|دسترسی|ruhusa|povolenie"
        "|povolenia|oprávnenie|oprávnění|povolení|dozvola|dozvolu|dozvole|dopuštenje|дозволу|परमिशन|اجازت"
        "|پرمیشن"
        "|icazə|icaze|icazəsi|icazesi|icazələr|icazeler|рұқсат|рұқсатты|рұқсаттар|разрешения|достъп|достъпа"
        "|доступ|разрешений|права доступа|дозвола|пристап|приступ микрофону|परवानगी|అనుమతి|పర్మిషన్|પરવાનગી"
        "|પરમિશન|ಅನುಮತಿ|ಪರ್ಮಿಷನ್|അനുമതി|പെർമിഷൻ|ਇਜਾਜ਼ਤ|ਆਗਿਆ|ਪਰਮਿਸ਼ਨ|الأذونات|الاذونات|أذونات|اذونات|صلاحيات"
        "|الصلاحيات|إذن الميكروفون|اذن الميكروفون|اذن المايك|iznini|izinleri|erişim|허가|パーミッション|權限|授权|授權"
        "|přístup|رسائی"
        "|brak dostępu|brak dostepu"
    ),
    "allow": (
        "izin ver|izin verdim|cho phép|erlauben|erlaube|erlaubt|zulassen|zugelassen|permitir|permite|permitido|"
        "permitida|autoriser|autorise|consentire|consenti|toestaan|разрешить|允许|允許|허용|อนุญาต|tillåt|tillat|tillåta|"
        "tillate|izinkan|zezwól|pozwól|povolit|povoliť|engedélyez|salli|sallia|επιτρέπω|να επιτρέπεται|permite|"
        "dozvoli|מאפשר|اجازه|اسمح|অনুমতি|அனுமதி|อนุญาต|ruhusu|payagan|permetre"
        "|permiteți|megenged|επιτρέπεται|επιτρεπεται|επιτρέψτε|επιτρεψε|לאפשר|לאשר|tillad|benarkan"
        "|mengizinkan|ijinkan|pahintulutan|kuruhusu|povolte|dozvoliti|dopustiti|дозволити|дозволь|allow karo"
        "|allow kar do|اجازت دیں"
        "|icazə ver|icaze ver|icazə verin|icaze verin|icazə vermək|icaze vermek|рұқсат беру|рұқсат ету"
        "|рұқсат беріңіз|разреши достъп|разрешаване|позволете|дозволи приступ|омогући|дозволите|овозможи"
        "|дозволете|разрешите|дать доступ|дать разрешение|предоставить доступ|परवानगी द्या|अनुमती द्या"
        "|अनुमति दिनुहोस्|అనుమతించు|అనుమతించండి|મંજૂરી આપો|પરવાનગી આપો|ಅನುಮತಿಸಿ|അനുവദിക്കുക|ਇਜਾਜ਼ਤ ਦਿਓ"
        "|ਮਨਜ਼ੂਰੀ ਦਿਓ|اعطيه صلاحية|اعطيه اذن|اديله اذن|cấp quyền|cap quyen|bật quyền|bat quyen|izin verin|허락"
        "|許可する|开启权限|打开权限|開啟權限|打開權限|godkänn|ge åtkomst|povol|dát přístup|udělit oprávnění|اجازت دو"
        "|allow kar dein|allow karein"
    ),
    "allowed": (
        "lo permití|ya lo permití|si lo permití|j ai autorisé|habe erlaubt|hab erlaubt|ho consentito|ho permesso|"
        "toegestaan|zezwoliłem|zezwolilem|pozwoliłem|pozwolilem|разрешил|разрешила|дозволив|дозволила|izin verdim|"
        "đã cho phép|cho phép rồi|許可した|許可しました|允许了|已允许|允許了|허용했|tillät|tillot|permitido|autorizei|permitiu|diizinkan|"
        "sudah izinkan|अनुमति दी|allow kiya|allow kar diya|povolil jsem|povolila jsem|dal jsem povolit|"
        "dala jsem povolit|povolil som|povolila som|engedélyeztem|sallin|επέτρεψα|am permis|dozvolio sam|"
        "dozvolila sam|אישרתי|اجازه دادم|سمحت|অনুমতি দিয়েছি|அனுமதித்தேன்|อนุญาตแล้ว|niliruhusu|pinayagan ko|"
        "udah aku allow|sudah saya allow|udah allow|sudah allow|vaig permetre|he permès"
        "|am dat voie|am dat permisiunea|engedélyezve|megengedtem|engedélyezett|επετρεψα|έδωσα άδεια"
        "|εδωσα αδεια|נתתי הרשאה|אפשרתי|sallittu|annoin luvan|sallinut|tillatt|tilladt|tillod|tillåtet"
        "|tillåten|tillåtit|ให้สิทธิ์แล้ว|dibenarkan|dah benarkan|udah izinin|diijinkan|sudah saya izinkan"
        "|in allow ko|inallow ko|allow korechi|allow kore diyechi|அனுமதி கொடுத்தேன்|اجازه داده شده"
        "|allow kardam|nimeruhusu|imeruhusiwa|permès|povolené|povoleno|dozvoljeno|dopušteno|дозволено"
        "|надав дозвіл|дала дозвіл|allow kar di|अनुमति दे दी|اجازت دے دی|اجازت دی"
        "|icazə verdim|icaze verdim|icazə vermişəm|icaze vermişem|рұқсат бердім|рұқсат еттім|вече разреших"
        "|натиснах разреши|разрешено е|аз го разреших|дозволио сам|дозволила сам|дозвољено је"
        "|кликнуо сам дозволи|я дал разрешение|я дала разрешение|я дал доступ|доступ разрешён|доступ разрешен"
        "|всё разрешено|परवानगी दिलेली आहे|परवानगी दिली आहे|अनुमति दिएँ|अनुमति दिएको छु|అనుమతి ఇచ్చాను"
        "|అనుమతించాను|પરવાનગી આપી દીધી|મંજૂરી આપી દીધી|ಅನುಮತಿ ಕೊಟ್ಟಿದ್ದೇನೆ|ಅನುಮತಿ ಕೊಟ್ಟೆ|അനുമതി കൊടുത്തു"
        "|ਇਜਾਜ਼ਤ ਦੇ ਦਿੱਤੀ|ضغطت على السماح|دوست على السماح|كبست على السماح|انا سمحت|أنا سمحت|اديته اذن"
        "|اديته الاذن|عملت allow|دوست allow|3amalt allow|3malt allow|đã cấp quyền|da cap quyen|cấp quyền rồi"
        "|cap quyen roi|izin verildi|izin vermiştim|izni verdim|izin vermişim|허용함|허용해 놨|허용해놨|허용 눌렀|許可してます"
        "|許可済み|許可にしてある|許可を押した|已允許|點了允許|已經允許|給了權限|已授權|点了允许|已经允许|给了权限|已授权|gav åtkomst|gav behörighet|povolil"
        "|dal jsem přístup|mám povoleno|ijazat de di|ijazat di hai|اجازت دی ہوئی ہے|da cho phep|cho phep roi"
    ),
    # A refusal button's label ("cliquei em não permitir"): "dont allow", read after "clicked allow" glossed from the same words.
    "dont allow": (
        "não permitir|nao permitir|no permitir|nicht erlauben|nicht zulassen|ne pas autoriser|non consentire|"
        "non permettere|niet toestaan|nie zezwalaj|nie pozwalaj|не разрешать|не дозволяти|izin verme|không cho phép|"
        "jangan izinkan|tidak izinkan|許可しない|不允许|不允許|허용 안 함|허용 안함|tillåt inte|ikke tillat|अनुमति न दें"
        "|nu permiteți|nu permite|nem engedélyez|να μην επιτρέπεται|να μην επιτρεπεται|אל תאפשר|לא לאפשר"
        "|älä salli|tillad ikke|ikke tillad|ไม่อนุญาต|jangan benarkan|jangan ijinkan|huwag payagan|اجازه نده"
        "|اجازه ندادم|usiruhusu|no permetre|no permetis|nepovoliť|ne dozvoli|ne dopusti|не дозволяй"
        "|allow mat karo|अनुमति नहीं दी|اجازت نہ دیں|اجازت نہیں"
        "|не разрешил|не разрешила|ما سمحت"
    ),
    "blocked": (
        "блокиран|блокиране|блокирах|blocco|engellendi|engellenmiş|engellenmis|blockiert|blockieren|gesperrt|bloquea|"
        "bloqueado|bloqueada|bloquear|bloque|bloquer|bloccato|bloccata|geblokkeerd|blokkeren|zablokowany|"
        "заблокирован|заблоковано|заблокований|ブロック|阻止|屏蔽|拦截|차단|บล็อก|блокировать|заблокировал|заблокувала|"
        "заблокував|bloqué|bloqueé|bloqueei|blokerad|blokkert|blockerade|engelledim|chặn|diblokir|محظور|ブロックした|已阻止|"
        "차단했|blokir"
        "|blocat|blocată|blochează|letiltva|letiltott|blokkolva|blokkolt|αποκλεισμένο|αποκλεισμενο"
        "|μπλοκαρισμένο|μπλοκαρισμενο|αποκλεισμός|חסום|חסימה|חסמתי|נחסם|estetty|estettiin|blokattu|blokkere"
        "|bloker|blokeret|blockera|บล็อค|ปิดกั้น|disekat|diblok|keblokir|naka block|na block|binlock|ব্লক করা"
        "|ব্লক হয়ে|தடுக்கப்பட்டது|مسدود|بلاک|imezuiliwa|imezuiwa|imeblokiwa|bloqueja|zablokované|zablokovaný"
        "|zablokováno|blokováno|blokovat|blokira|zablokirao|блокувати|заблокована|block ho gaya"
        "|block kar diya|ब्लॉक कर दिया|ब्लॉक हो गया"
        "|bloklanıb|bloklanib|bloklanmış|bloklanmiş|bloklandı|bloklandi|engelleniyor|engellemiş|бұғатталған"
        "|бұғатталды|блокталған|заблочил|заблочила|ब्लॉक झालंय|ब्लॉक केलंय|ब्लॉक आहे|ब्लक भयो|ब्लक गरिएको"
        "|బ్లాక్ చేయబడింది|బ్లాక్ అయింది|બ્લોક થઈ ગયું|બ્લોક કરેલ|ಬ್ಲಾಕ್ ಆಗಿದೆ|ನಿರ್ಬಂಧಿಸಲಾಗಿದೆ"
        "|ബ്ലോക്ക് ചെയ്തു|ബ്ലോക്ക്ഡ്|തടഞ്ഞു|ਬਲੌਕ ਹੋ ਗਿਆ|ਬਲਾਕ ਕੀਤਾ|تم الحظر|تم حظر|انحظر|بلوك|متبلك|مبلوك"
        "|عامل بلوك|3amel block|3amlo block|攔截|封鎖|zablokovaná|zablokoval"
        "|blokuj|zablokowałam|zablokowałem|zablokowalam|zablokowalem"
    ),
    "denied": (
        "verweigert|abgelehnt|denegado|denegada|negado|negada|refuse|negato|odmowa|отказано|拒否|拒绝|拒絕|거부|ปฏิเสธ|"
        "reddedildi|rechazado|rechazada|refusé|refusée|odrzucono|odmówiono|відмовлено|từ chối|ditolak|被拒|拒否されました|رفض|"
        "مرفوض|nekades|avslått|geweigerd"
        "|refuzat|respins|megtagadva|elutasítva|απορρίφθηκε|απορριφθηκε|άρνηση|αρνηση|גישה נדחתה|הגישה נדחתה"
        "|evätty|hylätty|kielletty|nektet|avvist|nægtet|afvist|avvisad|nekats|åtkomst nekad|dinafikan"
        "|tinanggihan|প্রত্যাখ্যান|অস্বীকার করা হয়েছে|மறுக்கப்பட்டது|رد شد|رد شده|imekataliwa|denegat"
        "|rebutjat|zamietnuté|odmietnuté|odmietnutý|odepřen|zamítnut|odbijen|zabranjen|відхилено|заборонено"
        "|अस्वीकार|अस्वीकृत|مسترد"
        "|rədd edildi|redd edildi|qadağan edilib|icazə verilmədi|icaze verilmedi|қабылданбады|тыйым салынған"
        "|рұқсат етілмеген|рұқсат жоқ|отказан|отхвърлен|одбијен|одбијено|одбиен|одбиено|отклонено"
        "|отказ в доступе|नाकारली|नाकारले|परवानगी नाकारली|अनुमति दिइएन|తిరస్కరించబడింది|నిరాకరించబడింది|નકારી"
        "|નકારવામાં આવી|ನಿರಾಕರಿಸಲಾಗಿದೆ|ತಿರಸ್ಕರಿಸಲಾಗಿದೆ|നിരസിച്ചു|നിഷേധിച്ചു|ਇਨਕਾਰ|ਅਸਵੀਕਾਰ|تم الرفض|مرفوضة"
        "|اترفض|انرفض|رافض|không có quyền|khong co quyen|reddedilmiş|izin verilmedi|yasaklandı|yasaklandi|거절"
        "|허용되지 않음|許可されていません|没有权限|无权限|不被允许|沒有權限|無權限|不被允許|odmítnut|اجازت نہیں ملی|رسائی سے انکار|منع کر دیا"
        "|tu choi"
        "|brak dostępu|brak dostepu|brak uprawnień|brak uprawnien"
    ),
    "call": (
        "cuộc gọi|anruf|anrufe|anrufen|telefonieren|llamada|llamadas|llamar|ligacao|chamada|chamadas|ligar|appel|"
        "appels|appeler|chiamata|chiamate|chiamare|gesprek|bellen|polaczenie|звонок|звонить|дзвінок|дзвонити|"
        "дзвонилка|通話|電話|通话|电话|통화|전화|รับสาย|โทรออก|สายเข้า"
        "|apelul|apeluri|apel video|hívás|hívást|hívásban|hívások|κλήση|κληση|κλήσεις|κλησεις|שיחה|שיחות"
        "|בשיחה|השיחה|puhelu|puhelun|puhelussa|puhelut|samtale|opkald|opkaldet|samtal|samtalet|การโทร"
        "|panggilan|nelpon|menelepon|tawag|pagtawag|কল করতে|কলের সময়|அழைப்பு|تماس تلفنی|موقع تماس"
        "|kupiga simu|nikipiga simu|trucada|trucades|trucar|hovor|hovoru|hovory|volání|volanie|poziv|pozivu"
        "|pozive|дзвінка|дзвінку|дзвінки|виклик|कॉल करने|कॉल पर|کال کرنے|کال پر"
        "|cuoc goi"
    ),
    "not working": (
        "ما اشتغل|ما اشتغلت|مو شغال|ما يشتغلش|çalışmıyor|calismiyor|nic nie nagrywa|nie nagrywa|không gọi được|"
        "không được|không hoạt động|"
        "funktioniert nicht|funktioniert noch nicht|funktioniert immer noch nicht|geht nicht|geht noch nicht|"
        "geht immer noch nicht|klappt nicht|klappt noch nicht|klappt immer noch nicht|no funciona|nao funciona|"
        "não funciona|ne marche pas|marche pas|marche toujours pas|toujours pareil|toujours pas|ne fonctionne pas|"
        "non funziona|werkt niet|werkt nog niet|nie dziala|nie działa|не работает|не працює|動かない|使えない|不能用|无法使用|안돼요|"
        "안 돼요|안됨|안 됨|geht nicht mehr|geht es nicht mehr|funktioniert nicht mehr|ya no funciona|nao funciona mais|"
        "não funciona mais|ne marche plus|ne fonctionne plus|non funziona piu|non funziona più|werkt niet meer|"
        "juz nie dziala|już nie działa|больше не работает|sigue sin funcionar|sigue igual|sigue fallando|nada cambio|"
        "nada cambió|no ayudo|no ayudó|no sirvio|no sirvió|continua igual|continua sem funcionar|nada mudou|"
        "nao ajudou|não ajudou|hat nicht geholfen|nicht geholfen|hilft nicht|andert nichts|ändert nichts|"
        "immer noch nicht|n a pas aide|n a pas aidé|rien n a change|rien n a changé|non ha aiutato|niente da fare|"
        "niet geholpen|helpt niet|nie pomoglo|nie pomogło|не помогло|не допомогло|hala çalışmıyor|hala calismiyor|"
        "işe yaramadı|ise yaramadi|効果なし|効果がない|変わらない|変わりません|直らない|直りません|没用|沒用|没有用|还是不行|還是不行|不行|소용없|그대로|ไม่ทำงาน|"
        "ใช้ไม่ได้|ใช้งานไม่ได้|เหมือนเดิม|olmuyor|calismadi|çalışmadı|ダメでした|だめでした|ダメです|だめです|ダメだった|不好使|không ăn thua|"
        "gak bisa|nggak bisa|tidak bisa|tidak berfungsi|funkar inte|fungerar inte|virker ikke|fungerer ikke|"
        "nefunguje|لا يعمل|ما يشتغل|kaam nahi kar raha|काम नहीं कर रहा|ayaw pa rin|hindi pa rin|ayaw gumana|"
        "hindi gumagana|ne radi|nefunguje|nefunkčné|nem működik|ei toimi|δεν λειτουργεί|δεν δουλεύει|nu merge|"
        "nu funcționează|не работи|לא עובד|کار نمی‌کنه|کار نمیکنه|ما يشتغل|কাজ করছে না|வேலை செய்யவில்லை|ใช้ไม่ได้|"
        "haifanyi kazi|tak berfungsi|no funciona|no va|kayıt almıyor|kayit almiyor|kaydetmiyor"
        "|nu mai merge|nu mai funcționează|nem megy|nem működött|nem műxik|δεν λειτουργει|δεν δουλευει"
        "|δεν παίζει|δεν παιζει|לא עובדת|לא עובדות|לא עובדים|ei toiminut|ei pelitä|funker ikke"
        "|fungerer fortsatt ikke|virker fortsatt ikke|virker stadig ikke|fungerer stadig ikke|funkar ej"
        "|fungerar ej|funkar fortfarande inte|ไม่ได้ผล|ไม่เวิร์ค|tak boleh guna|tak boleh pakai|tak jalan"
        "|ga bisa|gabisa|gk bisa|ngga bisa|tdk bisa|gak berfungsi|di gumagana|hindi gumana|di gumana"
        "|কাজ করে না|kaj korche na|kaj kore na|வேலை செய்யல|work aagala|کار نمی‌کند|کار نمیکند|کار نکرد"
        "|haifanyi|inakataa|no em funciona|segueix sense funcionar|nejde|nefunkční|ne funkcionira"
        "|ne funkcioniše|neće da radi|не працюють|не працювало|не паше|kam nahi kar raha|kaam nahi kar rha"
        "|nahi chal raha|chal nahi raha|नहीं चल रहा|کام نہیں کر رہا|کام نہیں کررہا|نہیں چل رہا"
        "|işləmir|işlemir|ishlemir|işləmədi|işlemedi|alınmır|alinmir|olmur|kömək etmədi|kömek etmedi"
        "|істемейді|жұмыс жасамайды|көмектеспеді|болмай жатыр|не тръгва|не иска да работи|не работят"
        "|не работеше|не помогна|не функционира|не ради ми|микрофон не ради|више не ради|и даље не ради"
        "|опет не ради|уопште не ради|неће да ради|не функционише|није помогло|не помаже|не работают"
        "|не работал|не работало|не пашет|не фурычит|не помогает|не получается|не робит|काम करत नाही"
        "|चालत नाही|चालू होत नाही|chalat nahi|kaam karat nahi|काम गरेन|काम गर्दैन|चल्दैन|चलेन|kaam gardaina"
        "|chaldaina|పని చేయడం లేదు|పనిచేయడం లేదు|పని చేయట్లేదు|పని చేయదు|pani cheyatledu|work avvatledu"
        "|કામ નથી કરતું|કામ કરતું નથી|ચાલતું નથી|ચાલતો નથી|kaam nathi kartu|chaltu nathi|ಕೆಲಸ ಮಾಡುತ್ತಿಲ್ಲ"
        "|ಕೆಲಸ ಮಾಡ್ತಿಲ್ಲ|ವರ್ಕ್ ಆಗ್ತಿಲ್ಲ|work aagtilla|kelsa madtilla|വർക്ക് ചെയ്യുന്നില്ല"
        "|പ്രവർത്തിക്കുന്നില്ല|വർക്ക് ആകുന്നില്ല|work aavunnilla|work cheyyunnilla|work akunnilla"
        "|ਕੰਮ ਨਹੀਂ ਕਰ ਰਿਹਾ|ਚੱਲ ਨਹੀਂ ਰਿਹਾ|ਨਹੀਂ ਚੱਲਦਾ|kam nahi kar reha|chal nahi reha|مش شغال|مش شغالة"
        "|مش بيشتغل|مبيشتغلش|ما بيشتغلش|مش راضي يشتغل|مش نافع|منفعش|ما نفعش|ما عم يشتغل|مش عم يشتغل|ما زبط"
        "|ما عم يزبط|مش زابط|ما بيشتغل|مب شغال|مهوب شغال|ما خدامش|ماخدامش|ما خدمش|مخدمش|ما يخدمش|ميخدمش"
        "|ما خدمتش|mesh sha8al|msh sha8al|mish sha8al|mesh shaghal|mosh sha8al|ma khdamch|makhdamch"
        "|ma khdemch|mayekhdemch|ma 3am yeshte8el|ko được|ko duoc|k được|k duoc|không đc|ko đc|k đc|ko dc"
        "|k dc|khong dc|không dùng được|khong dung duoc|không chạy|çalışmıyo|çalişmiyo|yine olmadı"
        "|yine olmadi|işe yaramıyor|işe yaramiyor|düzelmedi|안돼|안 돼|안 되네요|안되네요|안 되요|안되요|작동이 안|작동하지 않|먹통|機能しない"
        "|動作しない|反応しない|使えません|動きません|動作しません|機能しません|反応しません|うまくいかない|うまくいきません|用不了|没反应|不工作|不管用|没法用|失灵|不起作用|沒反應|沒法用"
        "|無法使用|失靈|funkade inte|fungerade inte|hjälpte inte|hjälper inte|nefungoval|nepomohlo|nefachá|nejede"
        "|nepomáhá|کام نہیں کرتا|کام نہیں کر رہی|نہیں چل رہی|نہیں چلتا|کام نہیں کیا|kaam nahi kar rahi"
        "|nahi chal rahi|kaam nhi kar raha|kam nhi kar raha|kaam nahi karta|nahi chalta|nhi chal raha"
        "|وما عم يشتغل|وما يشتغل|ومو شغال|khong goi duoc|khong duoc|khong hoat dong"
        "|不能用了|普通に使えない|ne radi sada|не працює нормально|не заработал|не заработала|не заработало"
        "|không được rồi|ko được rồi"
        "|sab theek nahi|sab thik nahi|sab theek nahin"
        "|gehts nicht|geht's nicht|gehts net"
    ),
    # The fix worked ("ya funciona", "jetzt geht es wieder", "直りました"): what "works now" says in English.
    "works now": (
        "jetzt geht es|jetzt gehts|geht jetzt|geht wieder|jetzt funktioniert es|funktioniert jetzt|"
        "funktioniert wieder|klappt jetzt|klappt wieder|gelöst|geloest|ya funciona|ahora funciona|ahora si funciona|"
        "ahora sí funciona|ya anda|ahora anda|ya sirve|ya quedo|ya quedó|resuelto|solucionado|ya me escuchan|"
        "ya me oyen|agora funciona|ja funciona|já funciona|deu certo|resolveu|resolvido|agora me ouvem|"
        "agora me escutam|ca marche maintenant|ça marche maintenant|maintenant ca marche|maintenant ça marche|"
        "ca remarche|ça remarche|resolu|résolu|ora funziona|adesso funziona|funziona ora|risolto|ora mi sentono|"
        "nu werkt het|het werkt nu|werkt nu|werkt weer|opgelost|teraz dziala|teraz działa|juz dziala|już działa|"
        "dziala juz|działa już|naprawione|rozwiazane|rozwiązane|теперь работает|заработало|заработал|починилось|"
        "теперь слышат|тепер працює|запрацювало|şimdi çalışıyor|simdi calisiyor|düzeldi|duzeldi|çözüldü|cozuldu|直った|"
        "直りました|治った|治りました|解決しました|使えるようになりました|聞こえるようになりました|能用了|可以用了|解决了|解決了|正常了|修好了|搞定了|이제 돼요|이제 됩니다|해결됐|해결되었|해결했|고쳐졌|"
        "được rồi|hết lỗi|ใช้ได้แล้ว|หายแล้ว|funguje dakujem|funguje ďakujem|funguje děkuji|funguje dekuji|"
        "funguje díky|už funguje|uz funguje|teď funguje|ted funguje|konečně funguje|nyt toimii|toimii nyt|"
        "már működik|mar mukodik|most működik|acum merge|merge acum|sada radi|radi sada|сега работи|τώρα λειτουργεί|"
        "λειτουργεί τώρα|עכשיו עובד|עובד עכשיו|الحين يشتغل|دلوقتي شغال|حالا کار می‌کنه|درست شد|এখন কাজ করছে|"
        "இப்போது வேலை செய்கிறது|dah ok|dah boleh|boleh call dah|sasa inafanya kazi|gumagana na|ayos na|okay na|"
        "ara funciona|ho gaya|ho gya|theek ho gaya|ab chal raha"
        "|acum funcționează|acum se aude|megoldódott|már megy|τωρα λειτουργει|λειτουργει τωρα|τώρα δουλεύει"
        "|τωρα δουλευει|δουλεύει τώρα|עכשיו זה עובד|סוף סוף עובד|nyt se toimii|toimii taas|ratkesi"
        "|nå fungerer det|fungerer nå|funker nå|virker nu|nu virker det|fungerer nu|nu funkar det|funkar nu"
        "|fungerar nu|nu fungerar det|ตอนนี้ใช้ได้|ตอนนี้ได้ยินแล้ว|แก้ได้แล้ว|dah berfungsi|sudah berfungsi"
        "|dah settle|sudah bisa|udah bisa|udh bisa|sudah normal|gumana na|naayos na|ঠিক হয়ে গেছে"
        "|thik hoye geche|சரியாகிவிட்டது|இப்போ வேலை செய்யுது|حل شد|الان کار میکنه|الان کار می‌کنه"
        "|imefanya kazi|ja va|ara va|teraz funguje|už to funguje|už to jde|sad radi|працює тепер"
        "|ab kaam kar raha|अब काम कर रहा|ठीक हो गया|अब चल रहा|اب کام کر رہا|ٹھیک ہو گیا|اب چل رہا"
        "|indi işləyir|indi işleyir|düzəldi|həll olundu|hell olundu|енді жұмыс істейді|істей бастады|шешілді"
        "|вече работи|оправи се|веќе работи|сада ради|сад ради|поправило се|сада све ради|уже работает"
        "|теперь всё работает|всё получилось|проблема решена|आता चालतो|आता चालू आहे|आता काम करतो|ata chalto"
        "|अहिले चल्छ|अहिले चल्यो|अब चल्यो|ahile chalyo|ఇప్పుడు పని చేస్తోంది|ఇప్పుడు వర్క్ అవుతోంది"
        "|ippudu work avutondi|હવે ચાલે છે|હવે કામ કરે છે|have chale che|ಈಗ ಕೆಲಸ ಮಾಡ್ತಿದೆ|ಈಗ ವರ್ಕ್ ಆಗ್ತಿದೆ"
        "|eega work aagtide|ഇപ്പോൾ വർക്ക് ചെയ്യുന്നുണ്ട്|ippo work aavunnund|ਹੁਣ ਚੱਲ ਰਿਹਾ|ਹੁਣ ਕੰਮ ਕਰ ਰਿਹਾ"
        "|hun chal reha|اشتغل خلاص|خلاص اشتغل|المشكلة اتحلت|هلق اشتغل|هلأ اشتغل|هلق زبط|هلق صار يشتغل"
        "|الحين اشتغل|الحين شغال|الحين ضبط|المشكلة انحلت|دابا خدام|دروك خدام|توا يخدم|ولى يخدم|daba khdam"
        "|delwa2ty sha8al|hala2 zabat|giờ được rồi|gio duoc roi|gio dc roi|đã nghe được rồi|da nghe duoc roi"
        "|đã sửa được rồi|da sua duoc roi|đã hoạt động lại|da hoat dong lai|hết bị rồi|het bi roi"
        "|artık çalışıyor|artik çalişiyor|hallettim|halloldu|şu an çalışıyor|şu an çalişiyor|이제 돼|이제 됨|이제 되네요"
        "|이제 잘 돼|이제 들려|이제 들린|해결됨|使えるようになった|聞こえるようになった|動くようになった|動くようになりました|解決した|现在可以了|弄好了|现在能用了|現在可以了|現在能用了"
        "|funkar igen|fungerar igen|funkar äntligen|už to jede|už mě slyší|مسئلہ حل ہو گیا|اب ٹھیک ہے"
        "|masla hal ho gaya|ab theek hai|ab sahi chal raha|thik ho gaya|theek ho gya|het loi"
    ),
    "works": (
        "sorunsuz|sorun yok|ohne probleme|problemlos|einwandfrei|alles funktioniert|funktioniert alles|anda todo|"
        "todo anda|todo funciona|sin problemas|funciona perfectamente|funciona perfecto|tudo funciona|sem problemas|"
        "funciona normalmente|grava normal|grava normalmente|ca marche bien|marche tres bien|fonctionne bien|"
        "sans probleme|sans problemes|tout marche|tout fonctionne|senza problemi|funziona perfettamente|"
        "tutto funziona|funziona tutto|werkt prima|werkt wel|werkt perfect|werkt goed|werkt gewoon|werkt normaal|"
        "doet het wel|doet het gewoon|все працює|bez problemu|wszystko dziala|działa normalnie|działają normalnie|"
        "dziala normalnie|dzialaja normalnie|без проблем|все работает|問題なく|普通に使え|ちゃんと動|ちゃんと聞こえ|一切正常|没问题|沒問題|没有问题|"
        "沒有問題|好好的|잘 돼|잘돼|잘 됩|잘 됨|잘됨|문제없|문제 없|ใช้ได้ปกติ|ทำงานปกติ|ใช้ได้นะ|ใช้ได้ดี|에서는 돼요|에서는 됩니다|에선 돼요|에서는 잘 돼요|"
        "fara probleme|fără probleme|bez problémov|bez problémů|bez problemu|bez problema|χωρίς πρόβλημα|ongelmitta|"
        "probléma nélkül|gond nélkül|bila matatizo|walang problema|tanpa masalah|sin problema|sense problemes|"
        "بدون مشکل|بدون مشكلة|בלי בעיה|কোনো সমস্যা নেই|ไม่มีปัญหา|va bé|va be|funciona bé"
        "|merge perfect|funcționează perfect|tökéletesen működik|simán megy|δουλεύει μια χαρά"
        "|δουλευει μια χαρα|עובד מצוין|toimii moitteetta|uten problemer|uden problemer|utan problem"
        "|ใช้ได้ตามปกติ|takde masalah|tiada masalah|lancar|gak ada masalah|tidak ada masalah|gumagana naman"
        "|okay naman|ঠিকমতো কাজ করছে|சரியா வேலை செய்யுது|مشکلی نداره|inafanya kazi|funciona perfectament"
        "|va perfecte|funguje v pohode|sve radi|radi savršeno|працює добре|sahi chal raha"
        "|thik se kaam kar raha|صحیح کام کر رہا"
        "|problemsiz|hər şey işləyir|her şey işleyir|her şey çalışıyor|her şey çalişiyor|herşey çalışıyor"
        "|herşey çalişiyor|мәселесіз|бәрі жұмыс істейді|всичко останало работи|перфектно работи|све ради"
        "|без проблема|савршено ради|всё остальное работает|सगळं चालतं|सगळं व्यवस्थित चालतं|सबै चल्छ"
        "|అన్నీ పని చేస్తున్నాయి|બધું ચાલે છે|ಎಲ್ಲಾ ಕೆಲಸ ಮಾಡ್ತಿದೆ|എല്ലാം വർക്ക് ചെയ്യുന്നുണ്ട്"
        "|ਸਭ ਕੁਝ ਚੱਲ ਰਿਹਾ|بدون مشاكل|كل حاجة تانية شغالة|vẫn hoạt động|van hoat dong|vẫn dùng được"
        "|van dung duoc|dùng ngon|chạy ngon|잘 들려|잘 들린|普通に動く|都正常|都能用|都可以用|funkar perfekt|fungerar perfekt"
        "|funkar utmärkt|fungerar utmärkt|funkar felfritt|funkar klockrent|všechno ostatní funguje"
        "|سب کچھ چل رہا|sab kuch chal raha|sab chal raha hai"
        "|sab theek|sab thik"
        "|wszystko działa"
        "|gehts|geht's|działa|dziala"
    ),
    # After the apps and browsers they follow ("teams pareil", "edgeでも同じでした"): "teams ... same problem".
    "same problem": (
        "същото|същия проблем|aynısı|aynisi|aynı sorun|ayni sorun|aynı şey|ayni sey|pareil|meme chose|meme probleme|"
        "gleiches problem|das gleiche|dasselbe|gleicher fehler|lo mismo|mismo problema|mismo error|pasa igual|"
        "mesma coisa|mesmo problema|mesmo erro|stesso problema|la stessa cosa|uguale|to samo|tak samo|hetzelfde|"
        "zelfde probleem|то же самое|тоже самое|同じでした|同じです|同じだった|同じ症状|同じエラー|也一样|也一樣|一样的问题|同样的问题|똑같아요|똑같습니다|마찬가지|"
        "y vậy|cũng vậy|เหมือนกัน|aynı|ayni|نفس المشكلة|نفس الشيء|똑같|sama saja|tetap sama|vẫn vậy|vẫn thế|samma sak|"
        "samma problem|samme problem|hetzelfde probleem|stejné|stejne|ونفس المشكلة|ونفس الشيء|ten sam błąd|"
        "ten sam blad|ten sam problem|ugyanaz|sama juga|sama aje|samma fel|saman|sama ongelma|το ίδιο|ίδιο πρόβλημα|"
        "aceeași problemă|aceeasi problema|isti problem|същото|אותו דבר|همون مشکل|একই সমস্যা|அதே பிரச்சனை|เหมือนเดิม|"
        "vilevile|pareho|el mateix"
        "|la fel|aceeași eroare|același lucru|ugyanúgy|ugyanez|το ιδιο|ιδιο προβλημα|τα ίδια|ίδιο σφάλμα"
        "|אותה בעיה|אותו הדבר|אותה שגיאה|sama juttu|sama vika|sama homma|samme feil|det samme|samme fejl"
        "|likadant|ปัญหาเดิม|อาการเดิม|sama je|masalah yang sama|sama jugak|sama aja|tetep sama|ganun din"
        "|ganoon din|parehong problema|একই জিনিস|একই অবস্থা|அதே மாதிரி|அதே தான்|همان مشکل|همین مشکل|همون خطا"
        "|tatizo lile lile|vile vile|mateix problema|mateix error|to isté|rovnaký problém|rovnaká chyba"
        "|stejný problém|to samé|stejná chyba|ista stvar|ista greška|isto je|те саме|та сама проблема"
        "|така ж проблема|теж саме|wahi problem|वही समस्या|वही प्रॉब्लम|وہی مسئلہ|wahi masla"
        "|eyni problem|eyni şey|eyni səhv|eyni sehv|yenə eyni|yene eyni|сол мәселе|сол қате|бәз-баяғы"
        "|същата грешка|същият проблем|исти проблем|иста ствар|иста грешка|исто је|ист проблем|истиот проблем"
        "|иста работа|исто е|та же проблема|та же ошибка|такая же проблема|та же фигня|всё так же|तीच समस्या"
        "|तोच प्रॉब्लेम|पुन्हा तेच|उही समस्या|उही प्रोब्लेम|उस्तै छ|అదే సమస్య|అదే ప్రాబ్లమ్|એ જ સમસ્યા"
        "|એ જ પ્રોબ્લેમ|ಅದೇ ಸಮಸ್ಯೆ|ಅದೇ ಪ್ರಾಬ್ಲಮ್|അതേ പ്രശ്നം|സെയിം പ്രോബ്ലം|ਉਹੀ ਸਮੱਸਿਆ|ਉਹੀ ਪ੍ਰੋਬਲਮ"
        "|ade problem|نفس الحاجة|نفس الغلط|لسه زي ما هو|نفس الشي|نفس الشئ|نفس المشكله|نفس الخطأ|نفس الموضوع"
        "|نفس المشكل|بحال بحال|كيف كيف|nafs el moshkela|nafs el mochkil|kif kif|kifkif|vẫn bị|van bi|vẫn lỗi"
        "|van loi|vẫn như cũ|van nhu cu|y chang|y như cũ|같은 문제|같은 에러|같은 오류|동일한 문제|同じ問題|相変わらず|还是一样|一样的错误|同样的错误"
        "|老样子|還是一樣|一樣的問題|同樣的問題|老樣子|samma visa|exakt samma|stejnej problém|to samý|پھر وہی|ابھی بھی وہی"
        "|وہی ایرر|وہی پرابلم|wohi masla|wohi problem|y vay|cung vay|van vay"
    ),
    "no app works": (
        "kein programm|keine app|keine anwendung|ningun programa|ninguna aplicacion|nenhum programa|"
        "nenhum aplicativo|aucun programme|aucune application|nessun programma|nessuna app|żaden program|"
        "zaden program|ни одна программа|ни одно приложение|どのアプリも|没有一个软件"
    ),
    "microphone is in use": (
        "microfono in uso|microfono en uso|microfone em uso|micro en cours d utilisation|mikrofon wird verwendet|"
        "mikrofon in gebrauch|microfoon in gebruik|mikrofon jest używany|микрофон используется|микрофон занят|マイク使用中|"
        "マイクが使用中|麦克风被占用|麦克风正在使用|麥克風被佔用|마이크 사용 중|마이크가 사용 중|fortsatt bruker mikrofonen|bruker fortsatt mikrofonen|"
        "använder fortfarande mikrofonen|fortfarande använder mikrofonen|bruger stadig mikrofonen"
    ),
    "unplugged": (
        "तार निकल|केबल निकल|निकाल दिया|débranche|débranché|debranche|debranche|débrancher|desenchufo|desenchufé|"
        "desenchufe|desenchufar|desconectei|"
        "scollego|scollegato|stacco|loskoppel|ontkoppel|odłączam|odłączyłem|odlaczam|odlaczylem|wypinam|отключаю|"
        "выдернул|відключаю|抜くと|抜いた|拔掉|拔出|뽑으면|뽑았"
        "|am scos mufa|scot mufa|am scos cablul|kihúztam|kihúzom|kihúzva|αποσύνδεσα|αποσυνδεσα"
        "|έβγαλα το καλώδιο|ניתקתי|הוצאתי את הכבל|irrotin|irrotan|otin irti|koblet fra|trakk ut|plugget ut"
        "|koblede fra|tog stikket ud|trak stikket ud|kopplade ur|drog ur|kopplar ur|ถอดสาย|ถอดออก|ดึงสายออก"
        "|cabut|dicabut|copot|binunot ko|hinugot ko|tinanggal ko|আনপ্লাগ|கழட்டினேன்|கழற்றினேன்|جدا کردم"
        "|در آوردم|درآوردم|nilichomoa|nikichomoa|nimechomoa|desendollo|desendollat|desendollar|odpojím"
        "|odpojil|vytáhnu|vytiahnem|iskopčam|iskopčao|izvukao kabl|витягнув|від'єднав|висмикнув|unplug kiya"
        "|nikal diya|نکال دیا|ان پلگ"
        "|kabeli çıxartdım|kabeli çixartdim|qulaqlığı çıxartdım|qulaqliği çixartdim|kabloyu çıkardım"
        "|kabloyu çikardim|kulaklığı çıkardım|kulakliği çikardim|jakı çıkardım|jaki çikardim|fişini çektim"
        "|fişten çektim|takıp çıkardım|takip çikardim|ажыраттым|суырып алдым|извадих кабела|откачих|ископчао"
        "|извукао сам кабл|го откачив|отсоединил|вытащил|вынул штекер|प्लग काढला|वायर काढली|plug kadhla"
        "|प्लग निकालें|ప్లగ్ తీసేశాను|પ્લગ કાઢ્યો|ಪ್ಲಗ್ ತೆಗೆದೆ|പ്ലഗ് ഊരി|ਪਲੱਗ ਕੱਢਿਆ|فصلت السماعة|شلت السلك"
        "|شلت السماعة|نزعت السماعة|طلعت الفيشة|حيدت الكابل|حيدت السماعة|rút dây|rút tai nghe|tháo tai nghe"
        "|rút jack|선을 뽑|잭을 뽑|케이블을 뽑|분리했|선을 뺐|抜いて|外した|拔了|拔下|drog ut sladden|tog ur|kopplat ur|vytáhl jsem"
        "|vytáhla jsem|vypojil|پلگ نکالا|تار نکالی|ہیڈ فون نکالے"
    ),
    # Only forms that tell of plugging something in just now, not of being plugged in ("angeschlossen").
    "plugged in a new device": (
        "підключив|підключила|подключил|подключила|conectei|podłączyłem|podlaczylem|挿した|差し込んだ|插上|꽂았|taktım|taktim|"
        "takıp|çıkarıp|cikarip|laga rakha|lagaya hai"
        "|am conectat|bedugtam|csatlakoztattam|σύνδεσα|συνδεσα|חיברתי|koblet til|plugget inn|tilsluttede"
        "|satte stikket i|kopplade in|pluggade in|anslöt|เสียบ|cucuk|colok|dicolok|colokin|sinaksak"
        "|kinabit ko|লাগালাম|কানেক্ট করলাম|இணைத்தேன்|கனெக்ட் பண்ணேன்|وصل کردم|nilichomeka|nimechomeka|endollo"
        "|he endollat|vaig endollar|zapojil som|pripojil som|zapojil jsem|připojil jsem|priključio sam"
        "|utaknuo sam|ukopčao sam|під'єднав|під'єднала|connect kiya|plug kiya|لگایا ہے|کنیکٹ کیا"
        "|taxdım|taxdim|qoşdum|қостым|жалғадым|свързах слушалките|включих слушалките|укопчао сам|утакнуо"
        "|прикључио|приклучив слушалки|ги поврзав слушалките|воткнул|подсоединил|подключаю|प्लग केला"
        "|कनेक्ट केला|connect kela|हेडफोन जोडें|कनेक्ट गरें|కనెక్ట్ చేశాను|ప్లగ్ చేశాను|કનેક્ટ કર્યું"
        "|પ્લગ કર્યું|ಕನೆಕ್ಟ್ ಮಾಡಿದೆ|കണക്ട് ചെയ്തു|ਕਨੈਕਟ ਕੀਤਾ|وصلت السماعة|وصلت سماعة|ركبت السماعة"
        "|دخلت السماعة|شبكت السماعة|cắm vào|cam vao|cắm tai nghe|cam tai nghe|cắm mic|kulaklığı bağladım"
        "|kulakliği bağladim|꽂으면|꽂고|이어폰 연결|헤드셋 연결|挿して|繋いだ|つないだ|差した|插了|插入|接上|kopplat in|anslutit|zapojil"
        "|strčil jsem|zapíchl|ہیڈ فون لگائے|پلگ ان کیا|کنیکٹ کر دیا"
    ),
    # Put back in after it came out ("वापस लगाया"): the device was replugged.
    "plugged it back in": (
        "वापस लगाया|दोबारा लगाया|दोबारा लगाने|फिर से लगाया"
        "|am băgat la loc|am băgat înapoi|am pus la loc|visszadugtam|visszadugom|újra bedugtam|ξαναέβαλα"
        "|ξαναεβαλα|ξανασύνδεσα|ξανασυνδεσα|חיברתי מחדש|חיברתי שוב|kytkin takaisin|laitoin takaisin"
        "|kytkin uudelleen|koblet til igjen|satte inn igjen|plugget inn igjen|tilsluttede igen"
        "|satte det i igen|kopplade in igen|satte i igen|pluggade in igen|เสียบใหม่|เสียบกลับ|cucuk balik"
        "|pasang balik|colok lagi|colokin lagi|dicolok lagi|pasang lagi|sinaksak ulit|sinaksak ko ulit"
        "|kinabit ulit|আবার লাগালাম|আবার লাগিয়েছি|திரும்ப போட்டேன்|மீண்டும் இணைத்தேன்|دوباره وصل کردم"
        "|nikachomeka tena|nilichomeka tena|tornar a endollar|torno a endollar|znovu zapojil|zapojil naspäť"
        "|zapojil zpátky|zapojil zpět|ponovo utaknuo|opet ukopčao|ponovo priključio|знову підключив"
        "|підключив знову|вставив назад|dobara lagaya|wapas lagaya|phir se lagaya|دوبارہ لگایا|واپس لگایا"
    ),
    # A page opened inside some app ("داخل تطبيق imo"): read with "link" as an in-app browser.
    "webview": (
        "เว็บวิว|ウェブビュー|웹뷰|вебвью|веб-вью|وب ویو|ويب فيو"
        "|встроенный браузер|встроенном браузере|внутренний браузер|внутреннем браузере|متصفح التطبيق"
        "|المتصفح الداخلي|trình duyệt trong app|trinh duyet trong app|trình duyệt tích hợp"
        "|trinh duyet tich hop|uygulama içi tarayıcı|uygulama içi tarayici|앱 내 브라우저|인앱 브라우저|アプリ内ブラウザ|内置浏览器"
        "|內建瀏覽器|inbyggd webbläsare|appens webbläsare|vestavěný prohlížeč|prohlížeč v aplikaci"
    ),
    "inside an app": (
        "داخل تطبيق|جوا تطبيق|アプリ内で|アプリの中で|앱 안에서|внутри приложения|dentro de la app|dentro da app|"
        "innerhalb der app"
        "|în interiorul aplicației|az alkalmazáson belül|appon belül|μέσα στην εφαρμογή|μεσα στην εφαρμογη"
        "|בתוך האפליקציה|sovelluksen sisällä|inne i appen|inde i appen|di dalam aplikasi|di dalam app"
        "|sa loob ng app|داخل برنامه|داخل اپ|ndani ya app|ndani ya programu|dins de l'app|dins l'aplicació"
        "|vnútri aplikácie|uvnitř aplikace|unutar aplikacije|всередині застосунку|всередині додатку"
        "|app ke andar|ऐप के अंदर|ایپ کے اندر"
        "|tətbiqin içində|tetbiqin içinde|proqramın içində|proqramin içinde|қолданбаның ішінде"
        "|вътре в приложението|внатре во апликацијата|унутар апликације|ॲपच्या आत|एपभित्र|యాప్ లోపల|એપની અંદર"
        "|ಆ್ಯಪ್ ಒಳಗೆ|ആപ്പിനുള്ളിൽ|ਐਪ ਦੇ ਅੰਦਰ|جوه التطبيق|جوه البرنامج|جوا التطبيق|داخل التطبيق|داخل البرنامج"
        "|bên trong ứng dụng|ben trong ung dung|uygulamanın içinde|uygulamanin içinde|uygulama içinde"
        "|uygulama içi|앱 내에서|인앱|アプリ内|应用内|app里面|app内|應用程式內|app內"
    ),
    "link": (
        "رابط|الرابط|リンク|링크|ссылку|ссылка"
        "|linkul|link-ul|hivatkozás|linket|linkre|σύνδεσμο|συνδεσμο|λινκ|קישור|הקישור|לינק|הלינק|linkki"
        "|linkin|linkistä|lenke|lenken|länken|ลิงก์|ลิงค์|pautan|tautan|linknya|লিঙ্ক|லிங்க்|لینک|لنک|linki"
        "|enllaç|odkaz|odkazu|poveznica|poveznicu|посилання"
    ),
    "safari": "سفاري|सफारी|サファリ|사파리",
    "works fine": (
        "اشتغل عادي|يشتغل عادي|شغال عادي|اشتغل تمام|شغال تمام"
        "|merge normal|funcționează normal|rendesen működik|jól működik|λειτουργεί κανονικά"
        "|λειτουργει κανονικα|δουλεύει κανονικά|δουλευει κανονικα|עובד בסדר|עובד כרגיל|toimii hyvin"
        "|toimii normaalisti|fungerer fint|funker fint|virker fint|funkar bra|fungerar bra|funkar fint"
        "|ทำงานได้ปกติ|berfungsi dengan baik|normal aja|ayos naman|ঠিকঠাক কাজ করে|நல்லா வேலை செய்யுது"
        "|خوب کار میکنه|درست کار میکنه|درست کار می‌کنه|inafanya kazi vizuri|funguje normálně|funguje dobře"
        "|radi normalno|radi kako treba|працює нормально|нормально працює|theek chal raha|ठीक से काम कर रहा"
        "|ٹھیک کام کر رہا|ٹھیک چل رہا"
        "|normal işləyir|normal işleyir|yaxşı işləyir|yaxşi işleyir|қалыпты жұмыс істейді|жақсы жұмыс істейді"
        "|нормално работи|нормално ради|нормально работает|отлично работает|नीट चालतो|व्यवस्थित चालतो"
        "|nit chalto|राम्रोसँग चल्छ|ठिकसँग चल्छ|బాగానే పని చేస్తోంది|సరిగ్గా పని చేస్తోంది|બરાબર ચાલે છે"
        "|બરાબર કામ કરે છે|ಸರಿಯಾಗಿ ಕೆಲಸ ಮಾಡ್ತಿದೆ|നന്നായി വർക്ക് ചെയ്യുന്നുണ്ട്|ਠੀਕ ਚੱਲ ਰਿਹਾ|ਵਧੀਆ ਚੱਲ ਰਿਹਾ"
        "|المايك شغال كويس|المايك شغال منيح|المايك شغال زين|السماعة شغالة كويس|السماعة شغالة زين|كيخدم مزيان"
        "|كيخدم عادي|يخدم عادي|يخدم مريقل|vẫn hoạt động bình thường|van hoat dong binh thuong|vẫn bình thường"
        "|van binh thuong|vẫn chạy bình thường|van chay binh thuong|vẫn dùng bình thường|van dung binh thuong"
        "|normal çalışıyor|normal çalişiyor|düzgün çalışıyor|düzgün çalişiyor|gayet iyi çalışıyor"
        "|gayet iyi çalişiyor|잘 작동해|잘 작동합|정상적으로 작동해|정상적으로 작동합|정상 작동해|正常に動作しています|正常に動いています|普通に動いてます|工作正常|使用正常"
        "|funkar som den ska|fungerar som den ska|fungerar normalt|funkar normalt|jede v pohodě"
        "|funguje jak má|funguje správně|صحیح چل رہا|ٹھیک سے کام کر رہا|sahi kaam kar raha"
        "|theek kaam kar raha"
        "|me oyen perfecto|me oyen perfectamente|me oyen bien|me escuchan perfecto|me escuchan perfectamente"
        "|me escuchan bien|me ouvem bem|me ouvem perfeitamente|me escutam bem|me escutam perfeitamente"
        "|funzionano bene|funzionano benissimo|funziona benissimo|bilkul theek"
    ),
    "iphone": "الآيفون|آيفون|ايفون|आईफोन",
    "stopped asking": (
        "geen vraag meer|vraagt niet meer|fragt nicht mehr|ya no pregunta|nao pergunta mais|ne demande plus|"
        "non chiede piu|больше не спрашивает|もう聞かれない|不再询问|더 이상 묻지"
        "|nu mai întreabă|nu mai apare|már nem kérdez|δεν ρωτάει πια|δεν ρωταει πια|σταμάτησε να ρωτάει"
        "|כבר לא שואל|הפסיק לשאול|ei enää kysy|lakkasi kysymästä|spør ikke lenger|slutta å spørre"
        "|spørger ikke længere|holdt op med at spørge|frågar inte längre|slutat fråga|ไม่ถามแล้ว|ไม่ถามอีก"
        "|dah tak tanya|tak tanya lagi|udah gak nanya|gak nanya lagi|tidak bertanya lagi|hindi na nagtatanong"
        "|di na nagtatanong|hindi na lumalabas|আর জিজ্ঞেস করে না|دیگه نمیپرسه|دیگه نمی‌پرسه|haiulizi tena"
        "|ja no pregunta|už sa nepýta|už se neptá|više ne pita|ne pita više|більше не питає|вже не питає"
        "|перестав питати|ab nahi puchta|अब नहीं पूछता|اب نہیں پوچھتا"
    ),
    # Moonlight and Sunshine, the game-streaming client and host ("문라이트로 집 데스크톱에 접속해서").
    "game streaming": "문라이트|ムーンライト|선샤인",
    "never asked": (
        "не ме пита|не пита|fragt nicht|fragt gar nicht|fragt nie|nie gefragt|nicht gefragt|no pregunta|"
        "nunca pregunta|nunca me pregunta|nao pergunta|nunca pergunta|ne demande pas|ne demande jamais|non chiede|"
        "non mi chiede|vraagt niet|nie pyta|не спрашивает|не запрашивает|聞かれない|聞いてこない|没有询问|不询问|没有弹窗|묻지 않|안 물어|ไม่ถาม|"
        "ไม่มีป๊อปอัป|ไม่เด้ง|nooit de vraag|krijg de vraag niet|nooit gevraagd|vraagt nooit|mai vista|mai visto|"
        "nessuna richiesta|non ho mai visto|gak pernah muncul|ga pernah muncul|nggak pernah muncul|"
        "tidak pernah muncul|nunca apareció|nunca me salió|nunca salio|nunca apareceu|jamais apparu|kam nie|"
        "nooit verschenen|nigdy nie wyskoczyło|nigdy nie pojawiło|ни разу не спросил|ни разу не спрашивал|"
        "жодного разу не|hiç çıkmadı|hic cikmadi|hiç sormadı|chưa bao giờ hiện|chưa từng hỏi|一度も出|一度も聞かれ|从来没弹|從來沒|"
        "한 번도 안 떴|한 번도 안 물|لم يظهر|لم يسأل|kabhi nahi aaya|कभी नहीं आया|aldrig frågat|aldri spurt|geen pop up|"
        "geen popup|kein pop up|kein popup|keine abfrage|ningún pop up|ningun pop up|nenhum pop up|aucun pop up|"
        "aucune fenêtre|nessun pop up|nessun popup|nessuna finestra|żadnego okienka|zadnego okienka|никакого окна|"
        "hiç pop up|không có pop up|tidak ada pop up|ninguna ventanita|ninguna ventana|no me aparece ninguna|"
        "no aparece ninguna ventana|no sale ninguna ventana|nenhuma janela|nenhuma janelinha|não aparece nenhuma|"
        "nao aparece nenhuma|一回も出|ポップアップが出ない|ポップアップが出てこない|許可を求められない|não aparece o pedido|nem aparece o pedido|"
        "nem aparece|não pede permissão|nao pede permissao|nem pede|hiç çıkmıyor|hic cikmiyor|pencere çıkmıyor"
        "|nu m-a întrebat|nu a apărut niciodată|nu apare nicio fereastră|nu cere permisiune|nem kérdezi"
        "|nem kérdezett|soha nem jelent meg|δεν ρωτάει|δεν ρωταει|δεν εμφανίστηκε ποτέ|δεν μου ζήτησε|לא שואל"
        "|לא שאל|לא קופץ|ei kysy|ei kysynyt|ei tule mitään ikkunaa|spør ikke|dukker aldri opp|spørger ikke"
        "|aldrig spurgt|dukker aldrig op|frågar inte|frågar aldrig|dyker aldrig upp|ไม่เคยถาม|ไม่ขึ้นหน้าต่าง"
        "|tak pernah tanya|tak keluar pop up|gak nanya|nggak nanya|tidak pernah ditanya|hindi nagtatanong"
        "|di nagtatanong|hindi lumalabas|জিজ্ঞেস করে না|কখনো জিজ্ঞেস করেনি|পপআপ আসে না|கேட்கவே இல்லை"
        "|பாப்அப் வரவில்லை|نمیپرسه|نمی‌پرسه|هیچوقت نپرسید|haiulizi|haijawahi kuuliza|no em pregunta"
        "|mai no ha preguntat|no surt cap finestra|nepýta sa|nikdy sa nepýtal|neptá se|nikdy se neptal"
        "|nevyskočí okno|ne pita|nikad nije pitao|ne iskače prozor|не питає|не запитує|ніколи не питав"
        "|kabhi nahi pucha|puchta hi nahi|पूछता ही नहीं|पॉपअप नहीं आया|پوچھتا نہیں|کبھی نہیں پوچھا"
        "|soruşmur|heç vaxt soruşmadı|heç vaxt soruşmadi|pəncərə çıxmır|pencere çixmir|icazə istəmir"
        "|icaze istemir|heç nə çıxmır|heç ne çixmir|сұрамайды|ешқашан сұрамады|терезе шықпайды"
        "|не излиза прозорец|не се появява прозорец|не иска разрешение|не прашува|не ме прашува"
        "|не се појавува прозорец|не искаче прозор|никад није питао|не тражи дозволу|не появляется окно"
        "|окно не появляется|окно не всплывает|не выскакивает|не всплывает|не просит разрешения"
        "|запроса не было|никакого запроса|विचारत नाही|पॉपअप येत नाही|सोध्दैन|कहिल्यै सोधेन|पपअप आउँदैन"
        "|అడగడం లేదు|ఎప్పుడూ అడగలేదు|పాప్అప్ రావడం లేదు|પૂછતું નથી|ક્યારેય પૂછ્યું નથી|પોપઅપ નથી આવતું"
        "|ಅನುಮತಿ ಕೇಳುತ್ತಿಲ್ಲ|ಪಾಪ್ಅಪ್ ಬರುತ್ತಿಲ್ಲ|ചോദിക്കുന്നില്ല|പോപ്പ്അപ്പ് വരുന്നില്ല|ਪੁੱਛਦਾ ਨਹੀਂ"
        "|ਕਦੇ ਨਹੀਂ ਪੁੱਛਿਆ|ਪੌਪਅੱਪ ਨਹੀਂ ਆਉਂਦਾ|مش بيسألني|مبيسألش|ما بيسألش|مفيش حاجة بتطلع|ما بيسألني"
        "|ما عم يسأل|ما بيطلع شي|ما بيطلعلي شي|ما يسألني|ما يطلع لي شي|ما طلع لي شي|ابد ما يسأل|ما كيسولنيش"
        "|ما كيطلع والو|لا يطلب الإذن|لا تظهر نافذة|mesh byes2al|mabyes2alsh|ma byetla3 shi|không hỏi quyền"
        "|khong hoi quyen|không hiện thông báo|khong hien thong bao|không thấy hiện|khong thay hien"
        "|không hiện ra|khong hien ra|không thấy hỏi|khong thay hoi|sormuyor|izin istemiyor|izin sormuyor"
        "|uyarı çıkmıyor|uyari çikmiyor|hiçbir şey çıkmıyor|hiçbir şey çikmiyor|팝업이 안 떠|팝업 안 떠|창이 안 떠"
        "|권한 요청이 안|물어보지도 않|ダイアログが出ない|許可を求めてこない|許可画面が出ない|確認が出ない|不弹窗|没弹窗|没有弹出|不弹出|没提示|不彈窗|沒彈窗|沒有彈出|不彈出|沒提示|沒有詢問"
        "|不詢問|ingen ruta dyker upp|ingen popup|dyker inte upp|kommer ingen fråga|nevyskočí|nezeptá se"
        "|nezeptal se|neobjeví se okno|nechce povolení|پوچھتا ہی نہیں|پاپ اپ نہیں آتا|اجازت نہیں مانگتا"
        "|puchta nahi|popup nahi aata|popup nahi aya|chua bao gio hien|chua tung hoi"
        "|ni pregunta|ni siquiera pregunta|ya ni pregunta|nem pergunta"
        "|okienko nie wyskakuje|nie wyskakuje|nic nie wyskakuje|nie pojawia się okienko"
        "|nie pojawia sie okienko"
    ),
    "set up by the company": (
        "von der firma eingerichtet|hat die firma eingerichtet|vom arbeitgeber eingerichtet|"
        "configurado por la empresa|configurado pela empresa|configure par l entreprise|configure par mon entreprise|"
        "configurato dall azienda|настроен компанией|会社が設定|会社で設定|公司设置的|公司配置的|회사에서 설정"
        "|şirkət tərəfindən quraşdırılıb|şirket terefinden quraşdirilib|şirkət qurub|şirket qurub"
        "|компания орнатқан|компания баптаған|настроен от фирмата|настроен от компанията|фирмата го настрои"
        "|подесила фирма|фирма је подесила|поставено од фирмата|фирмата го постави|компания настроила"
        "|настроили на работе|настроено компанией|कंपनीने सेट केलेला|कंपनीने सेटअप केला|company ne setup kela"
        "|कम्पनीले सेटअप गरेको|కంపెనీ సెటప్ చేసింది|કંપનીએ સેટઅપ કર્યું|ಕಂಪನಿ ಸೆಟಪ್ ಮಾಡಿದೆ"
        "|കമ്പനി സെറ്റപ്പ് ചെയ്തത്|ਕੰਪਨੀ ਨੇ ਸੈੱਟਅਪ ਕੀਤਾ|مضبوط من الشركة|الشركة ضبطته|متظبط من الشركة"
        "|do công ty cài|công ty cài sẵn|cong ty cai san|công ty thiết lập|cong ty thiet lap"
        "|şirket tarafından kuruldu|şirket tarafindan kuruldu|şirket ayarladı|şirket ayarladi"
        "|şirketin kurduğu|şirket kurdu|회사에서 세팅|회사에서 깔아준|회사가 설정|会社がセットアップ|会社で用意|公司設定的|公司裝的|公司装的|公司弄的"
        "|satt upp av företaget|företaget har satt upp|konfigurerad av företaget|jobbet har installerat"
        "|nastavila firma|nastavené firmou|firma to nastavila|nastavil zaměstnavatel|کمپنی نے سیٹ اپ کیا"
        "|کمپنی نے سیٹ کیا|company ne set kiya|company ne setup kiya"
    ),
    "denied by system": (
        "system odmówił|system odmowil|odmowa systemu|bloqueado por el sistema|bloqueada por el sistema|"
        "denegado por el sistema|bloqueado pelo sistema|negado pelo sistema|bloque par le systeme|"
        "refuse par le systeme|vom system blockiert|vom system verweigert|durch das system blockiert|"
        "bloccato dal sistema|negato dal sistema|заблокирован системой|システムによってブロック|システムによって拒否|被系统阻止|被系统拒绝|被系统禁止|"
        "被系統封鎖|시스템에 의해 차단|시스템에 의해 거부"
        "|diblokir sistem|diblokir oleh sistem|ditolak sistem|ditolak oleh sistem|запрещён системой"
        "|запрещен системой|запрещено системой|отклонено системой"
    ),
    "no microphone found": (
        "mikrofon bulunamad|mikrofon algılanmıyor|mikrofon algilanmiyor|nie ma żadnego mikrofonu|nie ma mikrofonu|"
        "nie wykrywa mikrofonu|nie znaleziono|không tìm thấy|no encuentra|no se encuentra|nao encontra|não encontra|"
        "nicht gefunden|introuvable|не найден|не найдено|見つかりません|見つからない|找不到|未找到|찾을 수 없|ไม่พบไมค์|ไม่พบไมโครโฟน|"
        "หาไมค์ไม่เจอ"
        "|khong tim thay"
    ),
    "cannot hear me": (
        "hort mich nicht|horen mich nicht|no me oye|no me escuchan|no la escuchan|no lo escuchan|no la oyen|"
        "no lo oyen|nao me ouve|nao me escuta|ne m entend pas|не чує|не чують|non mi sente|не слышат|聞こえない|听不到|聽不到|"
        "안 들려|안들려|ไม่ได้ยินเสียงเรา|ไม่ได้ยินเสียงฉัน|ไม่ได้ยินเสียงผม|ไม่ได้ยินเรา|ne m entend plus|"
        "ne m entendent pas|ne m entendent plus|nadie me oye|nadie me escucha|ninguem me ouve|niemand hort mich|"
        "nessuno mi sente|non mi sentono|horen me niet|hoort me niet|nie słyszą mnie|nie slysza mnie|mnie nie słyszą|"
        "mnie nie slysza|hör inte mig|hor inte mig|hører meg ikke|hører mig ikke"
        "|nu mă aude|nu mă aud|nu se aude|nem hallanak|nem hallják|nem hall engem|δεν με ακούνε|δεν με ακουνε"
        "|δεν με ακούει|δεν με ακουει|δεν ακούγομαι|δεν ακουγομαι|לא שומעים אותי|לא שומע אותי|לא שומעת אותי"
        "|ei kuule minua|ei kuule mua|eivät kuule|hører ikke meg|kan ikke høre meg|kan ikke høre mig"
        "|hører ikke mig|hör mig inte|kan inte höra mig|ปลายสายไม่ได้ยิน|tak dengar saya"
        "|tak dengar suara saya|tidak mendengar saya|gak kedengeran|ga kedengeran|tidak terdengar"
        "|hindi nila ako marinig|di nila ako marinig|hindi ako marinig|শুনতে পাচ্ছে না|শুনতে পায় না"
        "|என் குரல் கேட்கவில்லை|என் குரல் கேட்கல|صدامو نمیشنون|صدامو نمیشنوه|صدام نمیره|hawanisikii|hanisikii"
        "|no em senten|no se'm sent|no em sent|nepočujú ma|nepočuje ma|neslyší mě|mě neslyší|ne čuju me"
        "|ne čuje me|не чути мене|мене не чути|awaz nahi ja rahi|awaaz nahi ja rahi|meri awaz nahi"
        "|मेरी आवाज़ नहीं|میری آواز نہیں|آواز نہیں جا رہی"
        "|məni eşitmir|meni eşitmir|səsimi eşitmir|sesimi eşitmir|meni eshitmir|beni duymuyor|sesimi duymuyor"
        "|sesim gitmiyor|sesim gelmiyor|sesimi alamıyor|sesimi alamiyor|мені естімейді|дауысым естілмейді"
        "|дауысым бармайды|не ме чуват|не ме чува|не ме слушаат|не ме слуша|не чују ме|не чује ме"
        "|не могу да ме чују|не слышит|меня не слышно|не слышно меня|голос не проходит|голос не передаётся"
        "|माझा आवाज जात नाही|माझा आवाज ऐकू येत नाही|मेरो आवाज सुनिँदैन|मेरो आवाज जाँदैन"
        "|నా వాయిస్ వినిపించడం లేదు|నా గొంతు వినిపించడం లేదు|నా వాయిస్ వెళ్ళట్లేదు|મારો અવાજ નથી જતો"
        "|મારો અવાજ સંભળાતો નથી|ನನ್ನ ಧ್ವನಿ ಕೇಳಿಸುತ್ತಿಲ್ಲ|ನನ್ನ ವಾಯ್ಸ್ ಹೋಗ್ತಿಲ್ಲ|എന്റെ ശബ്ദം കേൾക്കുന്നില്ല"
        "|എന്റെ വോയ്സ് പോകുന്നില്ല|ਮੇਰੀ ਆਵਾਜ਼ ਨਹੀਂ ਜਾ ਰਹੀ|ਮੇਰੀ ਆਵਾਜ਼ ਨਹੀਂ ਆ ਰਹੀ|مش سامعني|محدش سامعني"
        "|مش سامعيني|مش بيسمعوني|صوتي مش بيوصل|صوتي مش واصل|ما عم يسمعوني|ما حدا سامعني|صوتي ما عم يوصل"
        "|ما يسمعوني|ما يسمعني|محد يسمعني|صوتي ما يوصل|صوتي ما يطلع|ما كيسمعونيش|ما يسمعونيش|صوتي ما كيوصلش"
        "|mesh sam3ni|mesh same3ni|ma7adsh same3ni|ma 3am yesma3ouni|ma kaysm3ounich|không nghe thấy"
        "|không nghe được|không nghe tiếng|khong nghe tieng|không nghe tôi nói|bên kia không nghe"
        "|khong nghe thay|khong nghe duoc|ko nghe dc|k nghe dc|안 들린|안들린|못 들어요|목소리를 못 들|목소리가 안 가|소리가 안 가"
        "|聞こえてない|聞こえません|聞こえていない|声が届かない|声が届いてない|声が伝わらない|听不见|传不过去|听不清|聽不見|傳不過去|聽不清|ingen hör mig|de hör inte"
        "|hörs inte|není mě slyšet|nejsem slyšet|neslyšej mě|neslyší mne|آواز نہیں پہنچ رہی"
        "|مجھے کوئی نہیں سن رہا|meri awaaz nahi|awaz nhi ja rhi|koi nahi sun raha|ومحدش سامعني|ومش سامعني"
        "|وما حدا سامعني|وما عم يسمعوني|ومحد يسمعني|وما يسمعوني"
        "|ちゃんと聞こえない"
        "|no me oyen bien|no me escuchan bien|no me oyen|nao me ouvem bem|não me ouvem bem|nao me escutam bem"
        "|não me escutam bem"
    ),
    "wired headset": (
        "con cable|de cable|kabelgebunden|kabelgebundenes|kabelgebundene|mit kabel|kabel headset|kabelheadset|com fio|"
        "filaire|filaires|cablato|cablate|con filo|przewodowe|przewodowy|przewodowa|проводные|проводная|проводной|дротові|дротова|kablolu|"
        "bedraad|bedrade|met draad|kablové|kabelové|káblové|vezetékes|trådbundna|trådbundet|kablet|langallinen|"
        "ενσύρματα|ενσύρματο|ενσύρματα ακουστικά|có dây|berkabel|pakai kabel|cu fir|有线耳机|有線耳機|有线耳麦|有線イヤホン|"
        "有線ヘッドセット|유선 이어폰|유선 헤드셋|หูฟังมีสาย|वायर्ड|তারের|ওয়্যার্ড|வயர்டு|سیمی|سلكية|חוטיות"
        "|simli qulaqlıq|simli qulaqliq|сымды|с кабел|кабелни|жични|жичане|са жицом|са каблом|со кабел"
        "|проводных|проводными|с проводом|तार वाले|वायरचे|వైర్డ్|વાયર્ડ|ವೈರ್ಡ್|വയർഡ്|ਵਾਇਰਡ|ਤਾਰ ਵਾਲੇ|سلكي|بسلك"
        "|سماعة بسلك|tai nghe dây|유선|有線|有线|med sladd|trådbunden|drátová|drátové|drátový|s kabelem|وائرڈ"
        "|تار والے"
    ),
    "headset": (
        "kulaklık|kulaklik|tai nghe|kopfhorer|auriculares|audifonos|fone de ouvido|fones de ouvido|casque|ecouteurs|"
        "cuffie|auricolari|koptelefoon|sluchawki|наушники|навушники|гарнітура|гарнитура|ヘッドセット|イヤホン|ヘッドホン|耳机|耳機|헤드셋|"
        "이어폰|หูฟัง"
        "|căști|căștile|fejhallgató|fülhallgató|ακουστικά|ακουστικα|אוזניות|האוזניות|kuulokkeet|kuulokkeita"
        "|kuulokkeilla|hodetelefon|øreplugger|headsettet|hovedtelefoner|høretelefoner|hörlurar|headsetet"
        "|เฮดเซ็ต|fon kepala|fon telinga|headsetnya|earphonenya|হেডফোন|হেডসেট|ইয়ারফোন|ஹெட்செட்|ஹெட்ஃபோன்"
        "|இயர்போன்|هدست|هدفون|هندزفری|auriculars|cascos|slúchadlá|sluchátka|sluchátek|slušalice|slušalica"
        "|навушниках|гарнітуру|हेडफोन|हेडसेट|ईयरफोन|ہیڈ فون|ہیڈفون|ہیڈسیٹ"
        "|qulaqlıq|qulaqliq|qulaqlığı|qulaqliği|qulaqcıq|qulaqciq|nauşnik|kulaklığı|kulakliği|kulaklığım"
        "|kulakliğim|құлаққап|наушник|гарнитуру|гарнитуре|гарнитурой|аирподс|эйрподс|слушалки|слушалка|хедсет"
        "|слушалице|слушалица|इयरफोन|इअरफोन|హెడ్‌ఫోన్|హెడ్ఫోన్|హెడ్‌సెట్|హెడ్సెట్|ఇయర్‌ఫోన్|ఇయర్ఫోన్|હેડફોન"
        "|હેડસેટ|ઇયરફોન|ಹೆಡ್‌ಫೋನ್|ಹೆಡ್ಫೋನ್|ಹೆಡ್‌ಸೆಟ್|ಹೆಡ್ಸೆಟ್|ಇಯರ್‌ಫೋನ್|ಇಯರ್ಫೋನ್|ഹെഡ്ഫോൺ|ഹെഡ്സെറ്റ്|ഇയർഫോൺ"
        "|ਹੈੱਡਫੋਨ|ਹੈਡਫੋਨ|ਹੈੱਡਸੈੱਟ|ਈਅਰਫੋਨ|سماعة|السماعة|سماعات|السماعات|هيدفون|الهيدفون|هيدسيت|الهيدسيت"
        "|ايربودز|sma3a|sma3at|sama3a|sama3at|tai phone|헤드폰|에어팟|이어셋|ヘッドフォン|イヤフォン|耳麦|耳麥|hörlur|hörluren"
        "|öronsnäckor|sluchátky|headsetu|headsetem|ہیڈفونز|ہیڈ فونز|ایئرفون|ائیر فون|ہینڈز فری|ہینڈزفری"
    ),
    # After the headset words: "蓝牙耳机走远一点断开 ... 自动重连" is "headset ... disconnected and reconnected".
    "disconnected and reconnected": (
        "断开|重连|重新连接|再接続|接続が切れ|재연결|연결이 끊|переподключ|se desconecta|trennt sich|se deconnecte|si disconnette"
        "|se deconectează|se reconectează|s-a deconectat|lecsatlakozik|újracsatlakozik|szétkapcsol"
        "|αποσυνδέεται|αποσυνδεεται|επανασυνδέεται|επανασυνδεεται|מתנתק|מתחבר מחדש|התנתק|yhteys katkeaa"
        "|yhdistyy uudelleen|katkeilee|kobler seg fra|kobles fra|kobler til igjen|afbrydes"
        "|mister forbindelsen|genopretter forbindelsen|kopplas från|kopplar från|återansluter"
        "|tappar anslutningen|หลุด|ตัดการเชื่อมต่อ|เชื่อมต่อใหม่|terputus|sambung semula|putus sambung"
        "|putus nyambung|nyambung lagi|konek ulang|nadidisconnect|nagdidisconnect|naputol ang koneksyon"
        "|সংযোগ বিচ্ছিন্ন|ডিসকানেক্ট|துண்டிக்கப்படுகிறது|டிஸ்கனெக்ட்|قطع و وصل|قطع میشه|دوباره وصل میشه"
        "|inakatika|inaunganika tena|es desconnecta|es torna a connectar|odpojí sa|znovu sa pripojí|odpojí se"
        "|znovu se připojí|odpojuje se|odspaja se|ponovo se spaja|prekida vezu|перепідключ|від'єднується"
        "|відключається|disconnect ho jata|baar baar disconnect|ڈسکنیکٹ ہو|کنکشن ٹوٹ"
    ),
    "work profile": (
        "perfil de trabajo|perfil de trabalho|arbeitsprofil|profil professionnel|profilo di lavoro|werkprofiel|"
        "рабочий профиль|仕事用プロファイル|工作资料|업무용 프로필|werkgedeelte|werkgedeelte van de telefoon|arbeitsbereich|"
        "perfil profesional|profil pro|arbejdsprofil|jobbprofil|arbeidsprofil|arbetsprofil|työprofiili|pracovní profil|"
        "pracovný profil|profil kerja|profil de lucru|munkahelyi profil|profil de serviciu|робочий профіль|פרופיל עבודה"
    ),
    "bluetooth": (
        "ブルートゥース|蓝牙|藍牙|블루투스|блютуз|บลูทูธ"
        "|μπλουτούθ|בלוטות|بلوتوث|بلوٹوتھ|ब्लूटूथ|ব্লুটুথ|ப்ளூடூத்|блютузі|blutut|bluetoothnya|บลูทูท"
        "|blutuz|блютус|блютуза|блютузу|блютузом|блютузе|блутут|блутута|блутуту|బ్లూటూత్|બ્લૂટૂથ|બ્લુટુથ"
        "|ಬ್ಲೂಟೂತ್|ബ്ലൂടൂത്ത്|ਬਲੂਟੁੱਥ|ਬਲੂਟੂਥ|البلوتوث|بالبلوتوث|بلوتوت|بلو ٹوتھ"
    ),
    "settings": (
        "ayarlar|cài đặt|einstellungen|configuracion|ajustes|configuracoes|parametres|reglages|impostazioni|"
        "instellingen|ustawienia|настройки|налаштування|設定|设置|設置|설정|ตั้งค่า|настройках|налаштуваннях"
        "|setări|setările|beállítás|ρυθμίσεις|ρυθμισεις|ρυθμίσεων|הגדרות|בהגדרות|ההגדרות|asetukset"
        "|asetuksissa|asetuksista|innstillinger|innstillingene|indstillinger|inställningar|tetapan|pengaturan"
        "|settingan|அமைப்புகள்|செட்டிங்ஸ்|تنظیمات|mipangilio|configuració|nastavení|postavke|postavkama"
        "|podešavanja|podešavanjima|सेटिंग्स|سیٹنگز|سیٹنگس"
        "|parametrlər|parametrler|tənzimləmələr|tenzimlemeler|sazlamalar|баптаулар|параметрлер|подешавања"
        "|подешавањима|поставувања|подесувања|настройка|настройку|параметры|параметрах|सेटिंग|सेटिंग्ज|सेटिङ"
        "|సెట్టింగ్|సెట్టింగులు|સેટિંગ|ಸೆಟ್ಟಿಂಗ್|സെറ്റിംഗ്സ്|സെറ്റിങ്സ്|ക്രമീകരണങ്ങൾ|ਸੈਟਿੰਗ|الإعدادات"
        "|الاعدادات|إعدادات|اعدادات|السيتنج|السيتنغ|thiết lập|thiet lap|ayarı|ayari|ayarından|ayarindan|세팅|设定"
        "|inställning|ترتیبات میں|سیٹنگ|cai dat"
    ),
    "privacy": (
        "gizlilik|datenschutz|privatsphare|privacidad|privacidade|confidentialite|конфиденциальность|プライバシー|隐私|隱私|"
        "개인정보|ความเป็นส่วนตัว"
        "|confidențialitate|adatvédelem|adatvédelmi|απόρρητο|απορρητο|ιδιωτικότητα|פרטיות|tietosuoja"
        "|yksityisyys|personvern|privatliv|sekretess|privasi|kerahsiaan|গোপনীয়তা|தனியுரிமை|حریم خصوصی"
        "|faragha|privadesa|súkromie|súkromia|soukromí|privatnost|конфіденційність|конфіденційності"
        "|приватність|गोपनीयता|प्राइवेसी|رازداری|پرائیویسی"
        "|məxfilik|mexfilik|құпиялылық|поверителност|приватност|конфиденциальности|గోప్యత|ગોપનીયતા|ಗೌಪ್ಯತೆ"
        "|സ്വകാര്യത|ਪਰਦੇਦਾਰੀ|ਗੋਪਨੀਯਤਾ|الخصوصية|خصوصية|riêng tư|개인 정보|프라이버시"
    ),
    "error": (
        "hatası|hatasi|báo lỗi|bị lỗi|помилка|fehler|fehlermeldung|erro|erreur|errore|fout|blad|ошибка|エラー|错误|錯誤|에러|"
        "오류|ข้อผิดพลาด|เออเร่อ"
        "|eroare|eroarea|erori|hiba|hibát|hibaüzenet|σφάλμα|σφαλμα|שגיאה|הודעת שגיאה|virhe|virheen"
        "|virheilmoitus|feilmelding|fejl|fejlmeddelelse|fejlen|felmeddelande|felet|ralat|eror|erornya"
        "|errornya|nag error|এরর|எரர்|خطا|ارور|hitilafu|errada|chybu|chybová hláška|chybové hlásenie"
        "|chybové hlášení|greška|grešku|greške|помилку|помилки|एरर|ایرر|ارر"
        "|bao loi|bi loi"
        "|hata"
    ),
    "asks again every time": (
        "кожен раз|всеки път|jedes mal|cada vez|toda vez|toda hora|a chaque fois|ogni volta|elke keer|"
        "za kazdym razem|каждый раз|毎回|每次|매번"
    ),
    "allow this time only": (
        "nur dieses mal|solo esta vez|esta vez|desta vez|cette fois|solo questa volta|今回のみ|今回だけ|仅此一次|僅此一次|이번만"
    ),
    "managed by your organization": (
        "von ihrer organisation verwaltet|von deiner organisation verwaltet|administrado por tu organizacion|"
        "administrado por su organizacion|gerenciado pela sua organizacao|gestionado por tu organizacion|"
        "gestionado por su organizacion|gerido pela sua organizacao|gere par votre organisation|"
        "gestito dalla tua organizzazione|gestito dalla vostra organizzazione|beheerd door je organisatie|"
        "beheerd door uw organisatie|zarzadzana przez twoja organizacje|zarzadzana przez organizacje|"
        "управляется вашей организацией|управляется организацией|組織によって管理|组织管理|組織管理|单位管理|單位管理|조직에서 관리|"
        # The same notice as Chrome and Windows show it in the Nordic and other European languages (session 20).
        "administreres af din organisation|administreres af organisationen|administreret af din organisation|"
        "administreres av organisasjonen|administrert av organisasjonen|hanteras av din organisation|"
        "hanteras av organisationen|organisaatiosi hallinnoima|organisaatiosi hallinnoi|organisaatiosi hallinnoimia|"
        "szervezete kezeli|szervezeted kezeli|szervezete felügyeli|spravuje vaše organizace|spravováno vaší organizací|"
        "spravuje vaša organizácia|spravované vašou organizáciou|gestionat de organizația|gestionate de organizația|"
        "kuruluşunuz tarafından yönetiliyor|kuruluşunuz tarafından yönetilir|διαχειρίζεται ο οργανισμός σας|"
        "διαχειρίζεται από τον οργανισμό|מנוהל על ידי הארגון|מנוהלות על ידי הארגון|керується вашою організацією|"
        "gestite dalla tua organizzazione|gestite dalla vostra organizzazione|administrada por tu organizacion|"
        "gerenciada pela sua organizacao|gérés par votre organisation|dikelola oleh organisasi|diurus oleh organisasi|"
        "do tổ chức của bạn quản lý|จัดการโดยองค์กร|توسط سازمان شما مدیریت|تديرها مؤسستك|pinamamahalaan ng iyong organisasyon|"
        "संगठन द्वारा प्रबंधित"
        "|আপনার প্রতিষ্ঠান দ্বারা পরিচালিত|உங்கள் நிறுவனத்தால் நிர்வகிக்கப்படுகிறது"
        "|inasimamiwa na shirika lako|gestionat per la teva organització|gestionat per la vostra organització"
        "|upravlja vaša organizacija|upravlja tvoja organizacija|آپ کی تنظیم کے زیر انتظام"
        "|керує ваша організація"
        "|təşkilatınız tərəfindən idarə olunur|teşkilatiniz terefinden idare olunur"
        "|təşkilat tərəfindən idarə olunur|teşkilat terefinden idare olunur|ұйымыңыз басқарады"
        "|управлява се от организацията|управлява от организацията|управља ваша организација"
        "|управува вашата организација|управляет ваша организация|управляет организация"
        "|управляется администратором|संस्थेद्वारे व्यवस्थापित|संगठनद्वारा व्यवस्थापित"
        "|సంస్థ ద్వారా నిర్వహించబడుతోంది|સંસ્થા દ્વારા મેનેજ|ಸಂಸ್ಥೆಯಿಂದ ನಿರ್ವಹಿಸಲಾಗುತ್ತಿದೆ"
        "|ਸੰਸਥਾ ਵੱਲੋਂ ਪ੍ਰਬੰਧਿਤ|بواسطة مؤسستك|تديره مؤسستك|من قبل مؤسستك|được tổ chức quản lý"
        "|duoc to chuc quan ly|do tổ chức quản lý|do to chuc quan ly|kurumunuz tarafından yönetiliyor"
        "|kurumunuz tarafindan yönetiliyor|kuruluşunuz yönetiyor|조직이 관리|機構管理|机构管理|spravuje organizace"
        "|تنظیم کے زیر انتظام|do to chuc cua ban quan ly"
    ),
    # "IT department" before "managed" and "controls": "die IT verwaltet alles", "情シスが管理してます".
    "it department": (
        "情シス|情報システム部|it部门|it部門|信息部|전산팀|it팀|it 부서|it afdeling|it-afdeling|it abteilung|it-abteilung|"
        "departamento de ti|departamento de informatica|service informatique|reparto it|dział it|dzial it|айтишники|"
        "ит отдел|ит-отдел|отдел ит|قسم الآي تي|قسم تقنية المعلومات|bilgi işlem|bilgi islem|phòng it|bagian it|"
        "tim it|it-avdelningen|it-avdelingen|it wale|rendszergazda|rendszergazdák|sysadmin|it-osasto|it osasto|"
        "τμήμα it|departamentul it|it odjel|it отдел|מחלקת it|بخش it|আইটি বিভাগ|ஐடி துறை|ฝ่ายไอที|idara ya it|"
        "it departamento|departament d informàtica|it yang|los de sistemas|la gente de sistemas|el área de sistemas|"
        "el de sistemas|o pessoal da ti|o pessoal de ti|a ti da empresa"
        "|cei de la it|băieții de la it|it-ul|informatikus|it osztály|τεχνικό τμήμα|οι του it|מחלקת מחשוב"
        "|אנשי מחשוב|it-tuki|mikrotuki|it-støtte|it-ansvarlig|แผนกไอที|jabatan it|orang it|divisi it|anak it"
        "|taga it|واحد it|بخش آی تی|واحد آی تی|els d'informàtica|it oddelenie|it oddělení|ajťák|ajťáci"
        "|it odeljenje|it služba|informatičari|айтішники|іт відділ|it відділ|відділ іт|आईटी विभाग|आईटी टीम"
        "|it walon|آئی ٹی ڈیپارٹمنٹ|آئی ٹی والے"
        "|it şöbəsi|it şöbesi|it bölməsi|it bölmesi|sistem administratoru|it бөлімі|іт бөлімі|it отдела"
        "|ит отдела|айтито|системния администратор|ит сектор|it сектор|ит служба|систем администратор"
        "|ит одделот|it одделот|ит оддел|айтишник|сисадмин|системный администратор|आयटी विभाग|आयटी टीम"
        "|आइटी विभाग|ఐటీ టీమ్|ఐటి విభాగం|આઈટી વિભાગ|આઈટી ટીમ|ಐಟಿ ತಂಡ|ಐಟಿ ವಿಭಾಗ|ഐടി ടീം|ഐടി വിഭാഗം|ਆਈਟੀ ਵਿਭਾਗ"
        "|ਆਈਟੀ ਟੀਮ|قسم الاي تي|قسم it|ناس الآي تي|ناس الاي تي|الاي تي|الآي تي|الانفورماتيك|ناس الانفورماتيك"
        "|bộ phận it|bo phan it|bên it|admin công ty|it departmanı|it departmani|it birimi|sistem yöneticisi"
        "|전산실|전산 담당|it 담당자|システム管理者|社内se|it担当|システム部|网管|信息科|资讯部|it同事|信息中心|網管|資訊部|資訊室|it-avdelning|it-support"
        "|it-folket|it-killen|ajťáků|ajťákem|ajťákovi|ajťačka|správce sítě|správce systému|آئی ٹی ٹیم"
        "|آئی ٹی ڈپارٹمنٹ|it walay"
    ),
    "managed": (
        "verwaltet|administrado por|gerenciado pela|gerenciado por|géré par|gestito da|gestito dall|beheerd door|"
        "zarządzany|zarzadzany|управляется|керується|yönetiliyor|được quản lý|dikelola oleh|管理されて|管理して|管理下|被管理|관리되는|"
        "관리해|hanteras av|administreras av|styres av"
        "|gestionat de|administrat de|felügyelt|által kezelt|διαχειρίζεται|διαχειριζεται|מנוהל|מנוהלת"
        "|hallinnoima|hallinnoitu|administrert av|administreres av|administreret af|administreres af"
        "|จัดการโดย|diuruskan oleh|pinamamahalaan|দ্বারা পরিচালিত|நிர்வகிக்கப்படுகிறது|مدیریت میشه"
        "|مدیریت می‌شود|مدیریت شده|inasimamiwa na|gestionat per|administrat per|spravované|spravovaný"
        "|spravováno|керований|керована|द्वारा प्रबंधित|کے زیر انتظام"
        "|duoc quan ly"
    ),
    "controls": (
        "يتحكم|تتحكم|kontroliert|controla|controlla|controleert|kontroluje|контролирует|контролює|kontrol ediyor|"
        "kiểm soát|mengontrol|管控|통제|styrer|styr|irányítja|kezeli|hallinnoi|ελέγχει|controlează|kontroliše|контролира|"
        "שולט|کنترل می‌کنه|নিয়ন্ত্রণ|கட்டுப்படுத்து|ควบคุม|inadhibiti|kinokontrol|controla|jaga"
        "|kiem soat"
    ),
    "none of these": (
        "ninguno de estos|ninguna de esas|ninguno|ninguna|nenhum desses|nenhuma dessas|aucun de ces|keins davon|"
        "keine davon|nichts davon|nessuno di questi|nessuna di queste|geen van deze|geen van|żadne z nich|"
        "zadne z nich|ничего из этого|ни один из|жодне з|hiçbiri|hicbiri|không cái nào|tidak ada yang|لا شيء من|"
        "どれでもない|どれも違う|都不是|해당 없음|해당없음|inget av dem|ingen av dem|ingen av disse|inmein se koi nahi|इनमें से कोई नहीं"
    ),
    "my own": (
        "mi propio|mi propia|meu próprio|mon propre|mein eigener|mein eigenes|mein privater|mein privates|mijn eigen|"
        "mój własny|moj wlasny|мой личный|мой собственный|свій власний|kendi bilgisayarım|kendi laptopum|milik saya|"
        "punya sendiri|الشخصي|自分の|私物|我自己的|내 개인|개인 노트북|개인 컴퓨터|min egen|mitt eget|min privata|mitt privata|privado|"
        "personnel|personale|prywatny|личный|kişisel|kisisel|cá nhân|pribadi|個人の|个人的|apna khud ka|अपना खुद का|खुद का"
        "|propriul|al meu personal|saját|δικό μου|δικο μου|προσωπικό μου|האישי|הפרטי|oma kone|omalla koneella"
        "|oma läppäri|henkilökohtainen|min private|egen pc|egen maskin|ของตัวเอง|peribadi|laptop sendiri"
        "|komputer sendiri|sarili kong|sariling|আমার নিজের|என் சொந்த|சொந்த லேப்டாப்|مال خودم|لپتاپ شخصی"
        "|binafsi|el meu propi|la meva pròpia|vlastný|vlastní|súkromný|soukromý|lični|vlastiti|власний"
        "|mera personal|apna personal|ذاتی|اپنا لیپ ٹاپ"
    ),
    "changed": (
        "cambiaron|cambió|mudaram|mudou|geändert|haben geändert|ont changé|hanno cambiato|veranderd|zmienili|"
        "поменяли|изменили|değiştirdi|değiştirmiş|đã thay đổi|mengubah|変更した|変えた|改了|바꿨"
        "|au schimbat|a schimbat|megváltoztatták|megváltozott|άλλαξαν|αλλαξαν|άλλαξε|שינו|muuttivat|endret"
        "|endra|ændret|ændrede|ändrat|เปลี่ยนแล้ว|dah tukar|menukar|diubah|ngubah|diganti|binago nila"
        "|pinalitan|পরিবর্তন করেছে|চেঞ্জ করেছে|மாற்றினார்கள்|عوض کردن|تغییر دادن|تبدیل کیا|بدل دیا|बदल दिया"
        "|change kar diya|badal diya|wamebadilisha|walibadilisha|imebadilika|han canviat|ha canviat"
        "|van canviar|změnili|změnil|promijenili|promenili|promijenio|promenio|змінили|поміняли|змінив"
        "|da thay doi"
    ),
    "policies": (
        "directivas|diretivas|richtlinien|stratégies|strategie di gruppo|beleidsregels|zasady grupy|политики|ilkeler|"
        "ポリシー|策略|정책"
    ),
    "work computer": (
        "movil de la empresa|telefono de la empresa|celular de la empresa|celular da empresa|telemovel da empresa|"
        "służbowym|służbowy|służbowego|służbowa|służbowej|sluzbowym|sluzbowy|firmowym|firmowy|firmowego|firmowa|"
        "firmowej|firmenlaptop|arbeitslaptop|dienstrechner|firmenrechner|diensthandy|firmenhandy|geschaftshandy|"
        "portatil del trabajo|computadora del trabajo|ordenador del trabajo|notebook da empresa|"
        "computador da empresa|ordinateur du travail|pc aziendale|рабочий компьютер|会社のpc|会社のパソコン|公司电脑|公司電腦|회사 pc|"
        "회사 컴퓨터|คอมบริษัท|เครื่องบริษัท|جهاز الشركة|لابتوب الشركة|كمبيوتر الشركة|会社支給|支給されたpc|pc da empresa|"
        "laptop da empresa|ordinateur de la boîte|pc du boulot|laptop kantor|komputer kantor|máy công ty|"
        "laptop công ty|jobbdator|jobbdatorn|arbeidsmaskin|ofis bilgisayarı|şirket bilgisayarı|sirket bilgisayari|"
        "company ka laptop|office ka laptop|portátil de la empresa|ordenador de la empresa|computadora de la empresa|"
        "pc de la empresa|laptop de la empresa|equipo de la empresa|ordinateur de l entreprise|pc de l entreprise|"
        "portable de l entreprise|computer aziendale|portatile aziendale|laptop aziendale|laptop van de zaak|"
        "laptop van het werk|computer van de zaak|werklaptop|werktelefoon|diensttelefoon|zakelijke telefoon|"
        "telefone da empresa|téléphone pro|telefono aziendale|telefon służbowy|рабочий телефон|iş telefonu|会社のスマホ|"
        "公司手机|회사 폰|jobb pc|jobb-pc|jobbpc|jobbmaskin|céges gép|ceges gep|céges laptop|ceges laptop|laptop syarikat|"
        "komputer syarikat|firemní notebook|firemni notebook|firemný notebook|työkone|työläppäri|εταιρικό λάπτοπ|"
        "laptop de serviciu|službeni laptop|служебен лаптоп|מחשב של העבודה|لپ‌تاپ شرکت|لابتوب الشغل|অফিসের ল্যাপটপ|"
        "நிறுவன லேப்டாப்|โน้ตบุ๊กบริษัท|kompyuta ya kazi|laptop ng kumpanya|portàtil de l empresa|tablet şirketin|"
        "şirketin tableti|şirket tableti|şirketin telefonu"
        "|laptopul de serviciu|laptopul firmei|calculatorul de la serviciu|munkahelyi gép|céges számítógép"
        "|munkahelyi laptop|υπολογιστή της δουλειάς|λάπτοπ της δουλειάς|εταιρικό υπολογιστή|מחשב עבודה"
        "|מחשב חברה|לפטופ של העבודה|työkannettava|työpuhelin|jobbtelefon|jobbmobil|arbeids-pc|arbejdscomputer"
        "|arbejdstelefon|firmacomputer|arbetsdator|tjänstedator|คอมที่ทำงาน|โน๊ตบุ๊คบริษัท|คอมออฟฟิศ"
        "|laptop pejabat|komputer pejabat|laptop kerja|pc kantor|laptop ng opisina|computer sa trabaho"
        "|laptop sa trabaho|অফিসের কম্পিউটার|ஆபீஸ் லேப்டாப்|لپتاپ شرکت|کامپیوتر شرکت|لپ تاپ اداره|سیستم شرکت"
        "|laptop ya kazi|laptop ya ofisi|ordinador de la feina|ordinador de l'empresa|pracovný notebook"
        "|služobný notebook|firemný počítač|pracovní notebook|služební notebook|firemní počítač"
        "|službeni kompjuter|službeni računar|poslovni laptop|službeno računalo|робочий комп'ютер"
        "|робочий ноутбук|службовий ноутбук|ऑफिस का लैपटॉप|office wala laptop|آفس کا لیپ ٹاپ|کمپنی کا لیپ ٹاپ"
        "|iş kompüteri|iş noutbuku|şirkət kompüteri|şirket kompüteri|ofis kompüteri|жұмыс компьютері"
        "|жұмыс ноутбугы|служебен компютър|служебния компютър|служебния лаптоп|фирмен лаптоп|фирмения лаптоп"
        "|работния лаптоп|работния компютър|службени лаптоп|службени рачунар|пословни лаптоп|фирмин лаптоп"
        "|службен лаптоп|службен компјутер|работен компјутер|рабочий ноутбук|рабочем ноутбуке"
        "|рабочего ноутбука|рабочем компьютере|рабочего компьютера|служебный ноутбук|служебном ноутбуке"
        "|корпоративный ноутбук|корпоративном ноутбуке|рабочий ноут|рабочем ноуте|рабочий комп|рабочем компе"
        "|ऑफिसचा लॅपटॉप|कंपनीचा लॅपटॉप|office cha laptop|company cha laptop|अफिसको ल्यापटप|कम्पनीको ल्यापटप"
        "|ఆఫీస్ ల్యాప్‌టాప్|ఆఫీస్ ల్యాప్టాప్|కంపెనీ ల్యాప్‌టాప్|కంపెనీ ల్యాప్టాప్|ઓફિસનું લેપટોપ"
        "|કંપનીનું લેપટોપ|office nu laptop|company nu laptop|ಆಫೀಸ್ ಲ್ಯಾಪ್‌ಟಾಪ್|ಆಫೀಸ್ ಲ್ಯಾಪ್ಟಾಪ್"
        "|ಕಂಪನಿ ಲ್ಯಾಪ್‌ಟಾಪ್|ಕಂಪನಿ ಲ್ಯಾಪ್ಟಾಪ್|ഓഫീസ് ലാപ്ടോപ്പ്|കമ്പനി ലാപ്ടോപ്പ്|ਦਫ਼ਤਰ ਦਾ ਲੈਪਟਾਪ"
        "|ਕੰਪਨੀ ਦਾ ਲੈਪਟਾਪ|office da laptop|company da laptop|جهاز الشغل|كمبيوتر الشغل|لابتوب العمل|جهاز العمل"
        "|لابتوب الشركه|جهاز الشركه|لاب توب الشركة|لابتوب الدوام|جهاز الدوام|pc ديال الخدمة"
        "|لابتوب ديال الخدمة|pc dyal lkhedma|máy tính công ty|máy cơ quan|laptop cơ quan|máy tính cơ quan"
        "|iş bilgisayarı|iş bilgisayari|şirket laptopu|iş laptopu|şirketin bilgisayarı|şirketin bilgisayari"
        "|işyeri bilgisayarı|işyeri bilgisayari|회사 노트북|업무용 노트북|업무용 pc|회사 컴|회사노트북|会社のノートpc|業務用pc|業務用パソコン|社用pc"
        "|社用パソコン|会社pc|仕事用pc|仕事用のパソコン|公司的电脑|公司笔记本|办公电脑|单位电脑|工作电脑|公司配的|公司发的|公司的電腦|公司筆電|辦公電腦|單位電腦|工作電腦|公司發的"
        "|jobblaptop|företagsdator|tjänstelaptop|jobbets dator|pracovní počítač|pracovním notebooku"
        "|firemním notebooku|pracovní ntb|firemní ntb|služební počítač|firemním počítači|دفتر کا لیپ ٹاپ"
        "|آفس کا کمپیوٹر|کمپنی کا کمپیوٹر|کمپنی والا لیپ ٹاپ|office ka computer|company ka computer"
        "|cuenta de alumno|cuenta de estudiante|cuenta escolar|cuenta del colegio|cuenta de la escuela"
        "|conta de aluno|conta escolar|compte élève|compte étudiant|konto szkolne|schulkonto|schülerkonto"
    ),
    "update": (
        "güncelleme|guncelleme|aktualisierung|actualizacion|atualizacao|mise a jour|aggiornamento|обновление|アップデート|"
        "更新|업데이트|อัปเดต|อัพเดท"
        "|actualizare|actualizat|frissít|frissítés|ενημέρωση|ενημερωση|αναβάθμιση|αναβαθμιση|עדכון|עדכנתי"
        "|העדכון|päivitys|päivitin|päivityksen|päivitti|oppdater|oppdatering|opdater|opdatering|uppdatering"
        "|uppdatera|kemas kini|kemaskini|pembaruan|pembaharuan|diupdate|updatenya|nag update|আপডেট"
        "|புதுப்பிப்பு|அப்டேட்|آپدیت|بروزرسانی|به‌روزرسانی|sasisho|masasisho|actualització|actualitzar"
        "|aktualizácia|aktualizace|aktualizoval|aktualizovat|ažuriranje|ažurirao|nadogradnja|оновлення|оновив"
        "|оновила|अपडेट|اپڈیٹ|اپ ڈیٹ"
        "|yeniləmə|yenilədim|yeniləndi|güncelle|жаңарту|жаңарттым|жаңартылды|актуализация|ъпдейт|ъпдейта"
        "|обнових|ажурирање|апдејт|ажурирао сам|ажурирав|надградба|обновил|обновления|обновлений|апдейт"
        "|апдейта|అప్‌డేట్|అప్డేట్|અપડેટ|ಅಪ್‌ಡೇಟ್|ಅಪ್ಡೇಟ್|അപ്ഡേറ്റ്|ਅੱਪਡੇਟ|ਅਪਡੇਟ|تحديث|التحديث|تحديثات|ابديت"
        "|الابديت|cập nhật|cap nhat|업뎃|アプデ|升级|升級|aktualizaci|updatoval|updatnul"
    ),
    "driver": (
        "sürücü|surucu|treiber|controlador|pilote|драйвер|ドライバ|驱动|驅動|드라이버|ไดรเวอร์"
        "|driverul|driverele|illesztőprogram|drivert|πρόγραμμα οδήγησης|προγραμμα οδηγησης|ντράιβερ|דרייבר"
        "|דרייברים|מנהל התקן|ajuri|ajurit|ajurin|driveren|drivrutin|pemacu|drivernya|ড্রাইভার|டிரைவர்|درایور"
        "|ڈرائیور|ड्राइवर|ovladač|ovladače|drajver|upravljački program"
        "|drayver|драјвер|управљачки програм|дрова на звук|ड्रायव्हर|డ్రైవర్|ડ્રાઇવર|ಡ್ರೈವರ್|ഡ്രൈവർ|ਡਰਾਈਵਰ"
        "|تعريف الصوت|تعريفات الصوت|درايفر|الدرايفر|trình điều khiển|trinh dieu khien|drivery|driverů"
    ),
    "browser": (
        "tarayıcı|tarayici|trình duyệt|navegador|navigateur|браузер|ブラウザ|浏览器|瀏覽器|브라우저|เบราว์เซอร์|บราวเซอร์"
        "|browserul|böngésző|πρόγραμμα περιήγησης|προγραμμα περιηγησης|דפדפן|בדפדפן|הדפדפן|selaimessa"
        "|selaimen|selaimella|nettleser|browseren|webbläsare|pelayar|peramban|browsernya|ব্রাউজার|உலாவி"
        "|பிரவுசர்|مرورگر|kivinjari|prehliadač|prohlížeč|preglednik|pregledač|ब्राउज़र|براؤزر"
        "|brauzer|браузър|прегледач|претраживач|прелистувач|ब्राउजर|బ్రౌజర్|બ્રાઉઝર|ಬ್ರೌಸರ್|ബ്രൗസർ|ਬ੍ਰਾਊਜ਼ਰ"
        "|المتصفح|متصفح|بالمتصفح|البراوزر|براوزر|trinh duyet"
    ),
    "incognito": (
        "시크릿|シークレット|无痕|無痕|隐身|隱身|inkognito|incógnito|modo anónimo|janela anônima|navegação privada|navigation privée|"
        "privates fenster|privaten fenster|finestra anonima|navigazione in incognito|prywatne okno|приватное окно|"
        "приватном окне|инкогнито|інкогніто|gizli sekme|gizli pencere|ẩn danh|penyamaran|jendela samaran|"
        "التصفح المتخفي|وضع التخفي|ανώνυμη περιήγηση|ανώνυμο παράθυρο|navigare privată|navigare privata|"
        "anonymní okno|inkognito okno|privát ablak|yksityinen ikkuna|privatni prozor|частен прозорец|חלון גלישה בסתר|"
        "گلگشت خصوصی|ناشناس|ছদ্মবেশী|மறைநிலை|โหมดไม่ระบุตัวตน|dirisha la faragha|finestra privada"
        "|fereastră privată|privát böngészés|ανωνυμη περιηγηση|ιδιωτική περιήγηση|גלישה בסתר"
        "|yksityinen selaus|privat nettlesing|privat vindue|privat fönster|privat surfning|navegació privada"
        "|anonymné okno|súkromné okno|anonimni prozor|приватне вікно|анонімний режим|इनकॉग्निटो|انکوگنیٹو"
        "|gizli rejim|gizli pəncərə|inkoqnito|жасырын режим|приватни прозор|анонимный режим|анонимное окно"
        "|приватный режим|गुप्त मोड|అజ్ఞాత మోడ్|ఇన్‌కాగ్నిటో|ఇన్కాగ్నిటో|ಅದೃಶ್ಯ ಮೋಡ್|ಇನ್‌ಕಾಗ್ನಿಟೋ|ಇನ್ಕಾಗ್ನಿಟೋ"
        "|ഇൻകോഗ്നിറ്റോ|ઇન્કોગ્નિટો|ਇਨਕੋਗਨਿਟੋ|التصفح الخفي|وضع خفي|انكوجنيتو|التصفح الخاص|gizli mod"
        "|gizli modda|gizli sekmede|プライベートブラウズ|プライベートウィンドウ|privat läge|anonymním okně|anonymní režim"
        "|soukromé okno|anonymním režimu|پرائیویٹ ونڈو|an danh"
        "|in cognito"
    ),
    "level meter moves": (
        "полоска прыгает|полоска двигается|полоска скачет|шкала двигается|смужка рухається|la barra se mueve|"
        "la barrita se mueve|a barra se mexe|a barrinha mexe|la barre bouge|der balken bewegt|balken bewegt sich|"
        "pegel bewegt|la barra si muove|het balkje beweegt|de balk beweegt|pasek się rusza|pasek sie rusza|"
        "çubuk hareket|cubuk hareket|thanh nhảy|bar bergerak|バーが動く|メーターが動く|メーターは動|绿条在动|绿条会动|音量条在动|막대가 움직|게이지가 움직|"
        "مؤشر الصوت يتحرك|stapeln rör sig|mätaren rör sig|bar hil raha"
        "|bara se mișcă|indicatorul se mișcă|a csík mozog|η μπάρα κουνιέται|η μπαρα κουνιεται|הפס זז|המד זז"
        "|palkki liikkuu|mittari liikkuu|แถบขยับ|แถบเสียงขยับ|barnya gerak|indikatornya gerak"
        "|gumagalaw naman yung bar|نوار تکون میخوره|نوارش تکون میخوره|نوار حرکت میکنه|la barra es mou"
        "|pásik sa hýbe|ukazovateľ sa hýbe|ukazatel se hýbe|proužek se hýbe|traka se pomiče|traka se pomera"
        "|шкала рухається|індикатор рухається|बार हिल रहा"
        "|zolaq tərpənir|zolaq terpenir|жолақ қозғалады|лентата мърда|индикаторът се движи|трака се помера"
        "|трака се помиче|лентата се движи|шкала прыгает|индикатор прыгает|индикатор двигается"
        "|полоска шевелится|बार हलतो|బార్ కదులుతోంది|બાર હલે છે|ಬಾರ್ ಚಲಿಸುತ್ತಿದೆ|ബാർ അനങ്ങുന്നുണ്ട്"
        "|ਬਾਰ ਹਿੱਲ ਰਹੀ|الشريط بيتحرك|الشريط يتحرك|المؤشر يتحرك|thanh âm lượng nhảy|thanh am luong nhay"
        "|vạch nhảy|çubuk oynuyor|ses çubuğu oynuyor|بار ہل رہا"
    ),
    "nothing changed": (
        "nada cambió|no cambié nada|nada mudou|não mudei nada|nao mudei nada|nem mexi|rien changé|rien n a changé|"
        "nichts geändert|nix geändert|non ho cambiato niente|niente è cambiato|niks veranderd|niets veranderd|"
        "nic nie zmieniałem|nic nie zmienialem|nic się nie zmieniło|ничего не менял|ничего не меняла|"
        "ничего не менялось|нічого не міняли|нічого не змінювали|hiçbir şey değişmedi|hicbir sey degismedi|"
        "không đổi gì|không thay đổi gì|tidak ada yang berubah|gak ada yang berubah|何も変えて|何も変わって|什么都没改|什么都没换|"
        "아무것도 안 바꿨|아무것도 바꾸지|inget ändrat|ingenting ändrat|ingenting endret|لم أغير شيئا|कुछ नहीं बदला|"
        "kuch nahi badla|ничего не изменилось|nada cambia|nada mudou|nichts hat sich geändert|non cambia niente|"
        "không có gì thay đổi|ništa nisam dirao|ništa nisam dirala|nisam ništa dirao|nisam ništa dirala|"
        "ništa se nije promijenilo|ništa se nije promenilo|কিছুই বদলায়নি|কিছু বদলায়নি|ไม่ได้เปลี่ยนอะไร|"
        "hakuna kilichobadilika|walang binago|walang nagbago|tidak ada yang diubah|tak ada yang berubah|"
        "nic jsem neměnil|nic jsem nemenil|nič som nemenil|semmit nem változtattam|en muuttanut mitään|"
        "δεν άλλαξα τίποτα|nu am schimbat nimic|нищо не съм сменял|לא שיניתי כלום|چیزی عوض نکردم|ما غيرت شي|"
        "எதையும் மாற்றவில்லை|no he canviat res|kuch nahi badla"
        "|nimic nu s-a schimbat|n-am schimbat nimic|nu s-a schimbat nimic|semmi nem változott"
        "|nem változtattam semmit|nem változott semmi|δεν αλλαξα τιποτα|τίποτα δεν άλλαξε|δεν άλλαξε τίποτα"
        "|שום דבר לא השתנה|לא השתנה כלום|לא נגעתי בכלום|mikään ei muuttunut|ei muuttunut mitään"
        "|en ole muuttanut mitään|har ikke endret noe|ingenting har endret seg|intet ændret|ingenting ændret"
        "|har ikke ændret noget|har inte ändrat något|inget har ändrats|ingenting har ändrats"
        "|ไม่มีอะไรเปลี่ยน|ไม่ได้แก้อะไร|tak ubah apa-apa|tiada perubahan|tidak mengubah apa-apa"
        "|gak ada perubahan|tidak ada perubahan|wala akong binago|wala akong ginalaw|কিছু পরিবর্তন করিনি"
        "|எதுவும் மாறவில்லை|هیچی عوض نکردم|چیزی تغییر ندادم|هیچ تغییری ندادم|sijabadilisha kitu"
        "|sijabadilisha chochote|no ha canviat res|res no ha canviat|nič sa nezmenilo|nič som nezmenil"
        "|nič som nemenila|nic se nezměnilo|nic jsem nezměnil|nic jsem neměnila|ništa nisam mijenjao"
        "|ništa nisam menjao|nisam ništa mijenjao|нічого не змінилося|нічого не змінював|нічого не міняв"
        "|kuch change nahi kiya|कुछ भी नहीं बदला|کچھ نہیں بدلا|کچھ تبدیل نہیں کیا"
        "|khong doi gi|khong thay doi gi|khong co gi thay doi"
    ),
    # After a step ("I pick the headset, nothing changes"): the step did nothing, not "nothing changed since it worked".
    "nothing changes": (
        "нічого не міняється|нічого не змінюється|ничего не меняется|nada cambia|nada muda|rien ne change|"
        "nichts ändert sich|niente cambia|non cambia niente|er verandert niets|nic się nie zmienia|"
        "nic sie nie zmienia|hiçbir şey değişmiyor|không có gì thay đổi|何も変わらない|没有变化|沒有變化|아무 변화 없"
        "|khong co gi thay doi"
    ),
    "same headset": (
        "mismo headset|mismos auriculares|mesmo fone|même casque|dasselbe headset|gleiche headset|gleichen headset|"
        "stesse cuffie|stesso headset|dezelfde headset|te same słuchawki|та же гарнитура|те же наушники|"
        "ті самі навушники|aynı kulaklık|ayni kulaklik|tai nghe cũ|headset yang sama|同じヘッドセット|同じイヤホン|同一个耳机|还是那个耳机|"
        "같은 헤드셋|samma headset|samme headset|wahi headset|वही हेडसेट"
    ),
    "a new headset": (
        "nuevo headset|nuevos auriculares|auriculares nuevos|fone novo|novo fone|nouveau headset|nouveau casque|"
        "neues headset|neuen headset|neue kopfhörer|nuove cuffie|nuovo headset|nieuwe headset|nowe słuchawki|"
        "nowy headset|новая гарнитура|новую гарнитуру|нові навушники|нову гарнітуру|yeni kulaklık|yeni kulaklik|"
        "tai nghe mới|headset baru|新しいヘッドセット|新耳机|新しいイヤホン|새 헤드셋|nytt headset|ny headset|naya headset|नया हेडसेट|"
        "سماعة جديدة"
        "|tai nghe moi"
    ),
    "re paired": (
        "sparowałem|sparowalem|ponownie sparowa|переподключил|переподключила|повторно подключил|emparejé de nuevo|"
        "volví a emparejar|pareei de novo|neu gekoppelt|erneut gekoppelt|riaccoppiato|opnieuw gekoppeld|"
        "yeniden eşleştirdim|ghép nối lại|再ペアリング|重新配对|重新配對|다시 페어링|parkopplade om|paret på nytt|dobara pair"
        "|ghep noi lai"
    ),
    "switched to": (
        "me pasé a|cambié a|passei para|troquei para|troquei por|je suis passé à|passé sur|gewechselt|umgestiegen|"
        "sono passato a|overgestapt|przesiadłem się|przeszedłem na|перешел на|перешёл на|перейшов на|geçtim|gectim|"
        "chuyển sang|ganti ke|pindah ke|に変えた|に替えた|换成|換成|换了|換了|바꿨|bytte till|bytt til|switch kiya"
        "|am trecut pe|am trecut la|am schimbat pe|átváltottam|átálltam|άλλαξα σε|αλλαξα σε|πέρασα σε"
        "|vaihdoin|siirryin|byttet til|bytta til|skiftede til|skiftet til|bytt till|gick över till"
        "|เปลี่ยนไปใช้|tukar ke|beralih ke|lumipat sa|nag switch sa|سوییچ کردم|سوئیچ کردم|nilihamia|nimehamia"
        "|vaig canviar a|he canviat a|prepol som na|prešiel som na|přepnul jsem na|přešel jsem na"
        "|prebacio sam na|prešao sam na|prebacila sam na|перейшла на|переключився на|switch kar liya"
        "|स्विच किया|سوئچ کیا"
        "|keçdim|ауыстым|ауыстырдым|преминах на|смених на|пребацио сам на|прешао сам на|префрлив на"
        "|преминав на|переключился на|переключилась на|поменял на|сменил на|स्विच केलं|स्विच गरें"
        "|స్విచ్ చేశాను|સ્વિચ કર્યું|ಸ್ವಿಚ್ ಮಾಡಿದೆ|സ്വിച്ച് ചെയ്തു|ਸਵਿੱਚ ਕੀਤਾ|حولت على|غيرت على|بدلت على"
        "|انتقلت الى|انتقلت إلى|đổi sang|doi sang|chuyển qua|chuyen qua|đổi qua|doi qua|geçiş yaptım"
        "|geçiş yaptim|전환했|に切り替え|切换到|改用|切換到|växlade till|bytte över till|přepnula jsem na|přepnul na"
        "|změnil jsem na|přehodil jsem na|سوئچ کر لیا|chuyen sang"
    ),
    "authorization error": (
        "errore di autorizzazione|error de autorización|erro de autorização|erreur d autorisation|"
        "autorisierungsfehler|fehler bei der autorisierung|ошибка авторизации|помилка авторизації|"
        "yetkilendirme hatası|yetkilendirme hatasi|lỗi ủy quyền|kesalahan otorisasi|خطأ في التفويض|خطأ التفويض|認証エラー|"
        "授权错误|授權錯誤|인증 오류|권한 부여 오류|behörighetsfel|autorisasjonsfeil|autorisatiefout|błąd autoryzacji|blad autoryzacji"
        "|loi uy quyen"
    ),
    "nothing": (
        "niente|nada|rien|nichts|nix|ничего|нічого|hiçbir şey|hicbir sey|không có gì|何も|什么都没有|什麼都沒有|아무것도|ingenting|"
        "niets|لا شيء|τίποτα|tipota|nimic|ništa|nista|ništo|ništo|nic|semmi|ei mitään|mitään|hakuna kitu|wala|"
        "tiada apa|hiçbir şey|כלום|هیچی|هیچ چیز|لا شيء|কিছুই না|ஒன்றுமில்லை|ไม่มีอะไร"
        "|nimica|semmit|τιποτα|τίποτε|τιποτε|שום דבר|takde apa-apa|tak ada apa-apa|tidak ada apa-apa"
        "|gak ada apa-apa|walang nangyari|hakuna chochote|no passa res|ničega|kuch nahi|kuch bhi nahi"
        "|कुछ नहीं|कुछ भी नहीं|کچھ نہیں|کچھ بھی نہیں"
    ),
    # "Ne radi nigde": it works nowhere, the microphone fails in every app.
    "nowhere": (
        "nigde|nigdje|nirgends|nirgendwo|en ningún lado|en ninguna parte|em lugar nenhum|nulle part|da nessuna parte|"
        "nergens|nigdzie|нигде|ніде|hiçbir yerde|không ở đâu|どこでも使えない|哪里都不行|어디서도|ingenstans|ingen steder|ei missään|"
        "sehol|sehol sem|πουθενά|nicăieri|nicaieri|nikde|никъде|בשום מקום|هیچ جا|কোথাও না|எங்கும் இல்லை|ไม่มีที่ไหน|"
        "popote|kahit saan|enlloc"
        "|khong o dau"
    ),
    "tried": (
        "geprobeerd|probiert|ausprobiert|probado|intentado|testado|tentei|testei|essayé|provato|provata|próbowałem|"
        "probowałem|probowalem|пробовал|пробувала|пробував|denedim|đã thử|dicoba|試した|试过|試過|해봤|prøvd|provat|kokeillut|"
        "kipróbáltam|δοκίμασα|am încercat|am incercat|probao|probala|пробвах|ניסיתי|امتحان کردم|جربت|চেষ্টা করেছি|"
        "முயற்சித்தேன்|ลองแล้ว|nimejaribu|sinubukan|he provat"
        "|am testat|încercat|próbáltam|megpróbáltam|δοκιμασα|προσπάθησα|προσπαθησα|ניסינו|kokeilin|yritin"
        "|testasin|prøvde|testet|prøvet|prøvede|försökt|testat|försökte|provade|ลองดูแล้ว|ลองทำแล้ว|dah cuba"
        "|sudah cuba|dah try|sudah coba|udah coba|udah nyoba|mencoba|tinry ko|tinry|ট্রাই করেছি|try korechi"
        "|ட்ரை பண்ணேன்|try pannen|تست کردم|امتحانش کردم|سعی کردم|nilijaribu|nimetry|vaig provar|he intentat"
        "|skúšal som|skúsil som|vyskúšal|zkoušel jsem|zkusil jsem|vyzkoušel|pokušao|pokušala|isprobao"
        "|спробував|спробувала|намагався|try kiya|try kar liya|कोशिश की|ट्राई किया|کوشش کی|ٹرائی کیا"
        "|da thu"
    ),
    "sounds far away": (
        "声が遠い|遠くに聞こえる|声音很远|聲音很遠|목소리가 멀게|me oye lejos|me escuchan lejos|me oyen lejos|me escucha lejos|me ouvem longe|"
        "me escutam longe|klinge weit weg|klingt weit weg|sembro lontano|sembra lontano|on m entend de loin|"
        "klink ver weg|brzmię daleko|brzmie daleko|звучу далеко|слышат издалека|sesim uzaktan|nghe xa"
    ),
    "level meter does not move": (
        "バーが全然動かない|バーが動かない|メーターが動かない|绿条不动|條不動|막대가 안 움직|la barra no se mueve|a barra não mexe|a barra nao mexe|"
        "la barre ne bouge pas|der balken bewegt sich nicht|balken bewegt sich nicht|la barra non si muove|"
        "het balkje beweegt niet|pasek się nie rusza|pasek sie nie rusza|полоска не двигается|полоска не прыгает|"
        "смужка не рухається|ukazatel se nehýbe|ukazatel se nehybe|ukazovatel sa nehýbe|wskaźnik się nie rusza"
        "|bara nu se mișcă|nu se mișcă bara|nem mozog a csík|a csík nem mozog|η μπάρα δεν κουνιέται"
        "|η μπαρα δεν κουνιεται|δεν κουνιέται η μπάρα|הפס לא זז|palkki ei liiku|mittari ei liiku"
        "|måleren står stille|stapeln står still|mätaren står still|แถบไม่ขยับ|แถบเสียงไม่ขยับ"
        "|bar tidak bergerak|bar tak bergerak|barnya gak gerak|hindi gumagalaw yung bar"
        "|hindi gumagalaw ang bar|نوار تکون نمیخوره|نوار حرکت نمیکنه|la barra no es mou|pásik sa nehýbe"
        "|proužek se nehýbe|traka se ne pomiče|traka se ne pomera|шкала не рухається|індикатор не рухається"
        "|bar nahi hil raha|बार नहीं हिल रहा"
        "|zolaq tərpənmir|zolaq terpenmir|жолақ қозғалмайды|лентата не мърда|индикаторът не се движи"
        "|трака се не помера|трака се не помиче|лентата не се движи|шкала не двигается|индикатор не двигается"
        "|шкала не прыгает|полоска не шевелится|बार हलत नाही|బార్ కదలడం లేదు|બાર હલતો નથી|ಬಾರ್ ಚಲಿಸುತ್ತಿಲ್ಲ"
        "|ബാർ അനങ്ങുന്നില്ല|ਬਾਰ ਨਹੀਂ ਹਿੱਲ ਰਹੀ|الشريط مش بيتحرك|الشريط ما يتحرك|الشريط ما بيتحرك"
        "|المؤشر ما يتحرك|المؤشر مش بيتحرك|مؤشر الصوت لا يتحرك|thanh không nhảy|thanh không chạy"
        "|vạch không nhảy|çubuk hareket etmiyor|çubuk oynamıyor|çubuk oynamiyor|ses çubuğu oynamıyor"
        "|ses çubuğu oynamiyor|音量条不动|بار نہیں ہل رہا"
        "|막대가 움직이지 않"
    ),
    "several microphones": (
        "マイクっぽいのが3つ|マイクが3つ|マイクが2つ|マイクが複数|几个麦克风|好几个麦克风|여러 개의 마이크|마이크가 여러|varios micrófonos|varios microfonos|"
        "vários microfones|plusieurs micros|mehrere mikrofone|più microfoni|meerdere microfoons|kilka mikrofonów|"
        "несколько микрофонов|birkaç mikrofon|3 microfones|2 microfones|três microfones|dois microfones|3 micrófonos|"
        "2 micrófonos|tres micrófonos|dos micrófonos|3 mikrofone|drei mikrofone|zwei mikrofone|3 micros|trois micros|"
        "deux micros|3 microfoni|tre microfoni|3 microfoons|3 mikrofony|trzy mikrofony|3 микрофона|три микрофона|"
        "два микрофона"
        "|mai multe microfoane|două microfoane|trei microfoane|több mikrofon|két mikrofon|három mikrofon"
        "|πολλά μικρόφωνα|δύο μικρόφωνα|τρία μικρόφωνα|כמה מיקרופונים|שני מיקרופונים|שלושה מיקרופונים"
        "|useita mikrofoneja|kaksi mikrofonia|kolme mikrofonia|flere mikrofoner|to mikrofoner|tre mikrofoner"
        "|flera mikrofoner|två mikrofoner|ไมค์หลายตัว|beberapa mikrofon|banyak mikrofon|dua mikrofon"
        "|tiga mikrofon|maraming mikropono|dalawang mikropono|একাধিক মাইক|பல மைக்|چند تا میکروفون"
        "|چند میکروفون|کئی مائیک|कई माइक|maikrofoni kadhaa|maikrofoni mbili|diversos micròfons|dos micròfons"
        "|tres micròfons|viac mikrofónov|dva mikrofóny|tri mikrofóny|několik mikrofonů|více mikrofonů"
        "|više mikrofona|dva mikrofona|tri mikrofona|кілька мікрофонів|два мікрофони|три мікрофони"
        "|bir neçə mikrofon|bir neçe mikrofon|iki mikrofon|üç mikrofon|бірнеше микрофон|екі микрофон"
        "|үш микрофон|няколко микрофона|неколико микрофона|више микрофона|неколку микрофони|два микрофони"
        "|три микрофони|2 микрофона|много микрофонов|куча микрофонов|अनेक माइक|दोन माइक|तीन माइक|धेरै माइक"
        "|दुईवटा माइक|రెండు మైక్|చాలా మైక్|ઘણા માઈક|બે માઈક|ಎರಡು ಮೈಕ್|ಹಲವು ಮೈಕ್|രണ്ട് മൈക്ക്|ഒരുപാട് മൈക്ക്"
        "|ਦੋ ਮਾਈਕ|ਕਈ ਮਾਈਕ|اكثر من مايك|أكثر من مايك|مايكين|كذا مايك|تلات مايكات|ثلاث مايكات|عدة ميكروفونات"
        "|nhiều micro|nhieu micro|hai micro|ba micro|mấy cái mic|may cai mic|nhiều mic|nhieu mic"
        "|birden fazla mikrofon|bir sürü mikrofon|마이크가 두 개|마이크가 세 개|마이크 여러 개|マイクがいくつも|複数のマイク|多个麦克风|两个麦克风"
        "|三个麦克风|多個麥克風|兩個麥克風|好幾個麥克風|víc mikrofonů|دو مائیک|تین مائیک"
    ),
    "not sure which": (
        "どれがどれか|どれかわからない|不知道是哪个|不知道哪个|어떤 게 어떤 건지|no sé cuál|no se cual|não sei qual|nao sei qual|"
        "je ne sais pas lequel|weiß nicht welches|weiss nicht welches|non so quale|weet niet welke|nie wiem który|"
        "nie wiem ktory|не знаю какой"
        "|hansı olduğunu bilmirəm|hansi olduğunu bilmirem|hansı bilmirəm|hansi bilmirem"
        "|қайсысы екенін білмеймін|не знам кой|не знам кое|не знам кој|не знам који|не знам које"
        "|не знаю который|не понимаю какой|не знаю какую|कोणता ते माहीत नाही|कुठला ते कळत नाही"
        "|पता नहीं कौन सा|kaun sa pata nahi|pata nahi kaun sa|pta nhi konsa|कुन हो थाहा छैन|ఏది అని తెలియదు"
        "|કયો છે ખબર નથી|ಯಾವುದು ಅಂತ ಗೊತ್ತಿಲ್ಲ|ഏതാണെന്ന് അറിയില്ല|ਪਤਾ ਨਹੀਂ ਕਿਹੜਾ|مش عارف انهي|ما بعرف اي واحد"
        "|ما اعرف اي واحد|ما أعرف أي واحد|ما عرفتش شمن واحد|không biết cái nào|khong biet cai nao"
        "|hangisi bilmiyorum|hangisi olduğunu bilmiyorum|뭐가 뭔지|어떤 건지 모르|どれを選べば|不知道是哪個|不知道哪個|vet inte vilken"
        "|vet inte vilket|nevím který|nevím kterej|nevím jaký|پتہ نہیں کون سا|معلوم نہیں کون سا"
    ),
    "green check": (
        "check verde|checkzinho verde|visto verde|tick verde|grüner haken|grünen haken|coche verte|spunta verde|"
        "groen vinkje|zielony znaczek|зелёная галочка|зеленая галочка|yeşil tik|緑のチェック|绿色对勾|초록색 체크"
    ),
    "address bar": (
        "adressleiste|barra de direcciones|barra de enderecos|barre d adresse|barra degli indirizzi|адресная строка|"
        "アドレスバー|地址栏|網址列|주소창"
        "|bara de adrese|bara de adresă|címsor|címsorban|γραμμή διευθύνσεων|γραμμη διευθυνσεων|שורת הכתובת"
        "|שורת הכתובות|osoiterivi|osoitepalkki|adressefeltet|adresselinjen|adressfältet|แถบที่อยู่"
        "|ช่องที่อยู่|bar alamat|bilah alamat|kolom url|ঠিকানা বার|முகவரிப் பட்டி|نوار آدرس|ایڈریس بار"
        "|एड्रेस बार|upau wa anwani|barra d'adreces|adresný riadok|adresní řádek|adresním řádku|adresna traka"
        "|adresnoj traci|адресний рядок|адресному рядку"
    ),
    # "Not any" before the icon words: "non c'è nessuna icona barrata" reads "not any crossed out icon" (a plain "no"
    # would read "clicked no" after "clicked").
    "not any": (
        "nessuna|nessun|ningún|nenhuma|nenhum|aucune|keine|keinen|kein|geen|żadnej|zadnej|żadnego|zadnego|никакой|"
        "никакого|жодної|жодного|hiç|gak ada|nggak ada|tidak ada|نیست|هم نیست|אין|hakuna|walang|δεν υπάρχει|nincs|"
        "ei ole|nu e|nu este|nema|nie ma"
    ),
    "red cross": (
        "cruz roja|cruz vermelha|croix rouge|rotes kreuz|rotes x|rotem x|croce rossa|czerwony krzyżyk|"
        "czerwony krzyzyk|красный крестик|красным крестиком|червоний хрестик|kırmızı çarpı|kirmizi carpi|dấu x đỏ|"
        "x merah|silang merah|红叉|紅叉|빨간 x|빨간 엑스|rött kryss|rødt kryss|rood kruis|rood kruisje|איקס אדום|x אדום|"
        "x rouge|linie rosie|linie roșie|pangkah merah|berpangkah merah|tanda silang|علامة قرمز|علامت قرمز|লাল ক্রস|"
        "சிவப்பு குறி|กากบาทสีแดง|pulang ekis|alama nyekundu|κόκκινο x|κόκκινο σταυρό|piros x|punainen rasti|"
        "červený křížek|cerveny krizek|červené x|creu vermella|crvenim x|crveni x"
        "|dau x do"
    ),
    "crossed out icon": (
        "durchgestrichen|tachado|riscado|barree|barrato|赤いバツ|バツ|斜線|划线|barrata|barrati|rayé|przekreślon|przekreslon|"
        "перечеркнут|перечёркнут|закреслен|üstü çizili|ustu cizili|gạch chéo|dicoret|取り消し線|划掉|劃掉|줄 그어|taiat|tăiat|"
        "preškrtnut|preskrtnut|přeškrtnut|preskrtnuty|áthúzott|athuzott|yliviivattu|διαγραμμένο|precrtan|прецртан|"
        "קו חוצה|خط خورده|কাটা দাগ|ขีดฆ่า|ratsada|ekis"
        "|tăiată|cu linie peste|át van húzva|áthúzva|διαγραμμενο|διαγραμμένη|διαγραμμενη|מחוק|עם קו עליו"
        "|viiva yli|viiva päällä|gjennomstreket|overstreket|strek over|overstreget|gennemstreget|streg over"
        "|överstruken|överstruket|streck över|dipangkah|coretan|குறுக்கு கோடு|خط روشه|ina mstari|ratllat"
        "|prečiarknutý|prečiarknuté|prekrižen|перекреслен|कटा हुआ|cross laga|کٹا ہوا"
    ),
    # The work profile's badge on Android ("de chrome met dat koffertje-icoontje").
    "briefcase icon": (
        "koffertje|aktentasche|maletín|maletin|maletinha|mallette|valigetta|teczka|портфель|çanta simgesi|ブリーフケース|"
        "鞄のアイコン|公文包|서류 가방"
    ),
    # The icon Chrome and Edge show beside a setting a policy locked ("microfoon grijs met zo'n gebouwtje ernaast").
    "building icon": (
        "gebouwtje|gebouw icoon|gebouwicoon|gebäudesymbol|gebäude symbol|gebäude icon|icono de edificio|"
        "icono del edificio|ícone de prédio|icone de predio|icône de bâtiment|icone de batiment|icona dell edificio|"
        "icona edificio|ikona budynku|значок здания|иконка здания|建物のアイコン|建物アイコン|大楼图标|建筑图标|建築圖示|건물 아이콘"
    ),
    "camera": (
        "kamera|camara|fotocamera|камера|カメラ|摄像头|相机|카메라|กล้อง"
        "|κάμερα|καμερα|מצלמה|המצלמה|دوربین|وبکم|کیمرہ|کیمرا|कैमरा|ক্যামেরা|கேமரா|камеру|камері|вебкамера"
        "|kameraa|kameran|kamerát|kameru|kamery|kameraet|kameranya|webkamera"
    ),
    "input device": (
        "aufnahmegerat|aufnahmegerate|aufnahme|dispositivo de entrada|peripherique d entree|dispositivo di ingresso|"
        "устройство ввода|入力デバイス|录音设备|输入设备|입력 장치"
        "|dispozitiv de intrare|dispozitivul de intrare|bemeneti eszköz|bemenet|συσκευή εισόδου"
        "|συσκευη εισοδου|התקן קלט|התקן הקלט|syöttölaite|tulolaite|inndataenhet|inngangsenhet|inputenhed"
        "|indgangsenhed|indataenhet|ingångsenhet|อุปกรณ์อินพุต|peranti input|peranti masukan|perangkat input"
        "|perangkat masukan|ইনপুট ডিভাইস|உள்ளீட்டு சாதனம்|دستگاه ورودی|ان پٹ ڈیوائس|इनपुट डिवाइस"
        "|kifaa cha kuingiza|dispositiu d'entrada|vstupné zariadenie|vstupní zařízení|ulazni uređaj"
        "|ulazni uređaji|пристрій введення|пристрій вводу"
        "|giriş cihazı|giriş cihazi|giriş aygıtı|giriş aygiti|енгізу құрылғысы|входно устройство"
        "|устройство за въвеждане|улазни уређај|влезен уред|устройства ввода|устройство записи"
        "|записывающее устройство|записывающие устройства|इनपुट डिव्हाइस|इनपुट उपकरण|ఇన్‌పుట్ పరికరం"
        "|ఇన్పుట్ పరికరం|ઇનપુટ ડિવાઇસ|ಇನ್‌ಪುಟ್ ಸಾಧನ|ಇನ್ಪುಟ್ ಸಾಧನ|ഇൻപുട്ട് ഉപകരണം|ਇਨਪੁਟ ਡਿਵਾਈਸ|جهاز الإدخال"
        "|جهاز الادخال|أجهزة الإدخال|اجهزة الادخال|thiết bị đầu vào|thiet bi dau vao|thiết bị nhập"
        "|thiet bi nhap|입력장치|입력 디바이스|入力装置|録音デバイス|輸入裝置|錄音裝置|inspelningsenhet|nahrávací zařízení"
        "|záznamové zařízení|ان پٹ ڈیوائسز"
    ),
    "disabled greyed out": (
        "deaktiviert|ausgegraut|desactivado|desativado|desactive|disattivato|отключен|無効|灰色|禁用|비활성|grijs|uitgegrijsd|"
        "grisé|grise|in grigio|wyszarzone|wyszarzony|グレー|グレーアウト|회색|gris|grisado|cinza|acinzentado|grau|grigio|szare|"
        "серый|серая|gri"
    ),
    # After "disabled greyed out": "グレーで変更できない" reads "disabled greyed out cant change", a setting someone else locked.
    "cant change": (
        "değiştiremiyoruz|değiştiremiyorum|dokununca açılmıyor|変更できない|无法更改|無法變更|변경할 수 없|no puedo cambiar|"
        "no lo puedo cambiar|não consigo mudar|nao consigo mudar|kann ich nicht ändern|lässt sich nicht ändern|"
        "je ne peux pas changer|impossible de modifier|non posso cambiare|kan ik niet aanpassen|"
        "ik kan er niks aan veranderen|nie mogę zmienić|nie moge zmienic|не могу изменить|не можу змінити|"
        "không thể thay đổi|tidak bisa diubah"
        "|khong the thay doi"
    ),
    "phone": (
        "điện thoại|celular|movil|telemovel|cellulare|телефон|スマホ|携帯|手机|手機|핸드폰|휴대폰|มือถือ"
        "|mobil|mobilul|mobiltelefon|puhelimella|puhelimessa|kännykkä|κινητό|κινητο|פלאפון|סלולרי|ponsel|hape"
        "|telefon bimbit|selpon|মোবাইল|گوشی|موبایل|موبائل|मोबाइल|смартфон|мобільний|mobitel|simu ya mkononi"
        "|dien thoai"
    ),
    "remote desktop": (
        "remotedesktop|escritorio remoto|area de trabalho remota|bureau a distance|desktop remoto|"
        "удаленный рабочий стол|リモートデスクトップ|远程桌面|遠端桌面|원격 데스크톱|รีโมทเดสก์ท็อป|удалённый рабочий стол|"
        "удалённому рабочему столу|віддалений робочий стіл|віддаленому робочому столі|skrivebord på serveren|"
        "eksternt skrivebord|fjernskrivebord|fjärrskrivbord|extern bureaublad|bureaublad op afstand|externer desktop|"
        "zdalny pulpit|vzdálená plocha|uzak masaüstü|máy tính từ xa|desktop jarak jauh|سطح المكتب البعيد"
        "|desktop la distanță|távoli asztal|απομακρυσμένη επιφάνεια|απομακρυσμενη επιφανεια|שולחן עבודה מרוחק"
        "|etätyöpöytä|desktop jauh|রিমোট ডেস্কটপ|ریموت دسکتاپ|دسکتاپ از راه دور|ریموٹ ڈیسک ٹاپ|रिमोट डेस्कटॉप"
        "|escriptori remot|vzdialená plocha|vzdialenej ploche|vzdálené ploše|udaljena radna površina"
        "|udaljeni desktop"
        "|uzaq masaüstü|uzaqdan qoşulma|қашықтағы жұмыс үстелі|отдалечен работен плот|отдалечен достъп"
        "|удаљена радна површина|удаљени десктоп|удаљени приступ|оддалечена работна површина"
        "|далечински пристап|удалённый доступ|удаленный доступ|удаленном рабочем столе"
        "|удалённом рабочем столе|энидеск|тимвьювер|रिमोट डेस्कटप|రిమోట్ డెస్క్‌టాప్|రిమోట్ డెస్క్టాప్"
        "|રિમોટ ડેસ્કટોપ|ರಿಮೋಟ್ ಡೆಸ್ಕ್‌ಟಾಪ್|ರಿಮೋಟ್ ಡೆಸ್ಕ್ಟಾಪ್|റിമോട്ട് ഡെസ്ക്ടോപ്പ്|ਰਿਮੋਟ ਡੈਸਕਟਾਪ"
        "|الريموت ديسكتوب|ريموت ديسكتوب|سطح مكتب بعيد|اتصال عن بعد|điều khiển từ xa|dieu khien tu xa"
        "|truy cập từ xa|truy cap tu xa|uzaktan bağlantı|uzaktan bağlanti|uzaktan masaüstü|원격 데스크탑|원격 접속|원격접속"
        "|リモート接続|远程连接|远程控制|遠端連線|遠程桌面|fjärranslutning|vzdálenou plochu|vzdálený přístup|ریموٹ ڈیسکٹاپ"
        "|ریموٹ کنکشن|may tinh tu xa"
    ),
    "antivirus security software": (
        "antivirüs|güvenlik yazılımı|guvenlik yazilimi|virenschutz|sicherheitspaket|sicherheitssoftware|"
        "antivirenprogramm|антивирус|杀毒|殺毒|安全软件|安全軟體|セキュリティソフト|ウイルス対策|백신|보안 프로그램|แอนตี้ไวรัส|โปรแกรมป้องกันไวรัส"
        "|antivirusul|vírusirtó|αντιικό|אנטי וירוס|אנטיוירוס|virustorjunta|tietoturvaohjelma|antivirusprogram"
        "|sikkerhetsprogram|sikkerhedsprogram|säkerhetsprogram|antivirusnya|অ্যান্টিভাইরাস|ஆன்டிவைரஸ்"
        "|آنتی ویروس|انتی ویروس|اینٹی وائرس|एंटीवायरस|antivír|antivirový|antivirák|antivirusni|антивірус"
        "|antivirus proqramı|antivirus proqrami|təhlükəsizlik proqramı|tehlükesizlik proqrami"
        "|қауіпсіздік бағдарламасы|касперский|касперского|अँटीव्हायरस|एन्टिभाइरस|యాంటీవైరస్|એન્ટિવાયરસ"
        "|ಆಂಟಿವೈರಸ್|ആന്റിവൈറസ്|ਐਂਟੀਵਾਇਰਸ|مضاد الفيروسات|مضاد فيروسات|الانتي فايروس|انتي فايروس|انتي فيروس"
        "|برنامج الحماية|diệt virus|diet virus|diệt vi rút|diet vi rut|phần mềm bảo mật|phan mem bao mat"
        "|virüs programı|virüs programi|güvenlik programı|güvenlik programi|안티바이러스|ウィルス対策|ウイルスバスター|アンチウイルス|防毒"
        "|杀软|安全卫士|电脑管家|電腦管家|virusskydd|bezpečnostní software|bezpečnostní program|سیکیورٹی سافٹ ویئر"
    ),
    "extension": (
        "πρόσθετο|πρόσθετα|επέκταση|επεκτάσεις|erweiterung|extensao|extensoes|extensiones|estensione|estensioni|"
        "extensies|rozszerzenia|расширение|расширения|拡張機能|アドオン|扩展程序|浏览器扩展|扩展插件|扩展功能|擴充|插件|外掛|확장 프로그램|애드온|ส่วนขยาย"
        "|extensie|extensii|bővítmény|προσθετο|επεκταση|תוסף|תוספים|התוסף|laajennus|laajennukset|lisäosa"
        "|utvidelse|udvidelse|tillägg|ekstensi|এক্সটেনশন|நீட்டிப்பு|افزونه|اکستنشن|ایکسٹینشن|एक्सटेंशन"
        "|kiendelezi|viendelezi|rozšíření|doplněk|proširenje|proširenja|розширення"
        "|genişlənmə|genişlenme|uzantı|uzanti|uzantılar|uzantilar|eklenti|кеңейтім|разширение|разширения"
        "|проширење|проширења|екстензија|екстензии|расширений|расширению|плагин|плагины|एक्स्टेंशन|एक्सटेन्सन"
        "|ఎక్స్‌టెన్షన్|ఎక్స్టెన్షన్|పొడిగింపు|એક્સટેન્શન|ಎಕ್ಸ್‌ಟೆನ್ಶನ್|ಎಕ್ಸ್ಟೆನ್ಶನ್|ವಿಸ್ತರಣೆ|എക്സ്റ്റൻഷൻ"
        "|ਐਕਸਟੈਂਸ਼ਨ|الإضافات|الاضافات|اضافات المتصفح|إضافات المتصفح|اضافات كروم|اكستنشن|الاكستنشن"
        "|tiện ích mở rộng|tien ich mo rong|확장프로그램|익스텐션|플러그인|エクステンション|プラグイン|webbläsartillägg|doplňky|doplňku"
        "|ایکسٹنشن"
        "|extensión"
    ),
    "ad blocker": (
        "werbeblocker|bloqueador de anuncios|bloqueador de anuncio|bloqueur de pub|广告拦截|廣告攔截|広告ブロック|광고 차단"
        "|adblock|blocare reclame|reklámblokkoló|αποκλεισμός διαφημίσεων|חוסם פרסומות|mainosesto"
        "|mainosten esto|reklameblokker|annonceblokering|annonsblockerare|reklamblockerare|บล็อกโฆษณา"
        "|penyekat iklan|pemblokir iklan|অ্যাড ব্লকার|ادبلاک|bloquejador d'anuncis|blokovač reklám"
        "|blokátor reklam|blokator reklama|блокувальник реклами|ऐड ब्लॉकर"
        "|reklam blokeri|reklam bloklayıcı|reklam bloklayici|reklam engelleyici|жарнама бұғаттағыш"
        "|блокер за реклами|рекламен блокер|блокатор реклама|блокатор на реклами|блокировщик рекламы|адблок"
        "|блокировщик|యాడ్ బ్లాకర్|ആഡ് ബ്ലോക്കർ|مانع الإعلانات|مانع الاعلانات|حاجب الإعلانات|حاجب الاعلانات"
        "|ادبلوك|اد بلوك|chặn quảng cáo|chan quang cao|애드블록|광고차단|アドブロック|去广告|广告屏蔽|廣告封鎖|reklamblock"
        "|blokování reklam|ایڈ بلاکر|اشتہار بلاکر"
    ),
    "voice changer": (
        "음성 변조|보이스 체인저|変声|ボイスチェンジャー|变声器|變聲器|cambiador de voz|modificador de voz|modulador de voz|stimmverzerrer|"
        "stimmenverzerrer|changeur de voix|modificatore vocale|stemvervormer|zmieniacz głosu|изменитель голоса|"
        "ses değiştirici"
    ),
    "default communications device": (
        "기본 통신 장치|既定の通信デバイス|既定の通信機器|默认通信设备|默認通訊裝置|dispositivo de comunicación predeterminado|"
        "dispositivo de comunicações padrão|périphérique de communication par défaut|standardkommunikationsgerät|"
        "dispositivo di comunicazione predefinito|standaardcommunicatieapparaat|domyślne urządzenie komunikacyjne|"
        "устройство связи по умолчанию"
        "|устройство за комуникация по подразбиране|подразумевани комуникациони уређај"
        "|varsayılan iletişim cihazı|varsayilan iletişim cihazi|預設通訊裝置|thiết bị liên lạc mặc định"
        "|thiet bi lien lac mac dinh|standardenhet för kommunikation|výchozí komunikační zařízení"
        "|جهاز الاتصالات الافتراضي"
    ),
    "loopback": "内录|录到电脑里的声音|录到电脑声音|录电脑声音|录制系统声音|录制电脑声音|錄製系統聲音|内部録音|パソコンの音を録音|내부 녹음|pc 소리 녹음",
    "audio routing tool": (
        "音频小工具|音频工具|声音工具|音频路由|音訊路由|オーディオルーティング|오디오 라우팅"
        "|маршрутизация звука|маршрутизация аудио|音訊工具|音声ルーティング|ses yönlendirme|định tuyến âm thanh"
        "|dinh tuyen am thanh|ljudroutning|směrování zvuku"
    ),
    "default": (
        "standard|predeterminado|predeterminada|padrão|padrao|par défaut|predefinito|predefinita|standaard|domyślny|"
        "domyślne|domyslny|по умолчанию|за замовчуванням|varsayılan|varsayilan|mặc định|既定|默认|默認|기본값"
        "|prestabilit|alapértelmezett|προεπιλογή|προεπιλογη|προεπιλεγμένο|ברירת מחדל|כברירת מחדל|oletus"
        "|oletuslaite|oletukseksi|ค่าเริ่มต้น|peranti lalai|sebagai lalai|defaultnya|ডিফল্ট|இயல்புநிலை"
        "|پیش‌فرض|پیشفرض|ڈیفالٹ|डिफ़ॉल्ट|chaguo-msingi|predeterminat|predvolený|predvolené|výchozí"
        "|podrazumevani|podrazumijevani|zadani uređaj|типовий пристрій"
        "|defolt|susmaya görə|susmaya göre|әдепкі|по подразбиране|подразумевани|подразумијевани|подразумевано"
        "|стандарден|дефолтный|дефолтное|основное устройство|डिफॉल्ट|डीफॉल्ट|पूर्वनिर्धारित|డిఫాల్ట్|ડિફોલ્ટ"
        "|ಡೀಫಾಲ್ಟ್|ഡിഫോൾട്ട്|ਡਿਫੌਲਟ|الجهاز الافتراضي|كافتراضي|ديفولت|الديفولت|기본 장치|기본으로 설정|기본 마이크|デフォルト|預設"
        "|预设|mac dinh"
    ),
    "real name": (
        "riktiga namn|riktige navn|echten namen|richtigen namen|nombre real|nome real|vrai nom|nome vero|echte naam|"
        "prawdziwą nazwą|prawdziwa nazwa|настоящим названием|настоящее название|gerçek adı|gercek adi|tên thật|本当の名前|"
        "本来の名前|真实名称|真正的名字|실제 이름"
    ),
    "dictation": (
        "ditado por voz|dictado por voz|spracheingabe|diktierfunktion|dictée vocale|dettatura vocale|dicteerfunctie|"
        "dyktowanie|голосовой ввод|диктовка|sesli yazma|nhập bằng giọng nói|音声入力|语音输入|語音輸入|음성 입력"
        "|səsli yazma|səsli daxiletmə|sesli daxiletme|дауыспен енгізу|гласово въвеждане|гласовни унос"
        "|диктирање|гласовно внесување|голосовой набор|голосовым вводом|диктовку|वॉइस टाइपिंग|व्हॉइस टायपिंग"
        "|వాయిస్ టైపింగ్|વોઇસ ટાઇપિંગ|ವಾಯ್ಸ್ ಟೈಪಿಂಗ್|വോയ്സ് ടൈപ്പിംഗ്|ਵੌਇਸ ਟਾਈਪਿੰਗ|الكتابة بالصوت"
        "|الإملاء الصوتي|الاملاء الصوتي|الكتابة الصوتية|الإدخال الصوتي|الادخال الصوتي|gõ bằng giọng nói"
        "|go bang giong noi|nhập liệu bằng giọng nói|nhap lieu bang giong noi|đọc chính tả|doc chinh ta"
        "|sesle yazma|sesli yazım|sesli yazim|음성입력|받아쓰기|ディクテーション|听写|语音转文字|聽寫|語音轉文字|diktering|röstinmatning"
        "|talinmatning|diktování|hlasové zadávání|hlasový vstup|آواز سے ٹائپنگ|وائس ٹائپنگ"
        "|nhap bang giong noi"
    ),
    "virtual audio": (
        "virtuelles mikrofon|virtuelle soundkarte|microfono virtual|microfone virtual|виртуальный микрофон|虚拟声卡|"
        "虛擬音效卡|虚拟麦克风|仮想マイク|仮想オーディオ|가상 마이크|가상 오디오"
        "|виртуальная звуковая карта|виртуальный кабель|виртуальное аудио|виртуален микрофон|виртуален кабел"
        "|виртуелни микрофон|виртуелен микрофон|виртуалды микрофон|sanal mikrofon|sanal ses kartı"
        "|sanal ses karti|sanal kablo|virtual mikrofon|micro ảo|mic ảo|card âm thanh ảo|가상 케이블|가상 사운드카드"
        "|仮想ケーブル|仮想サウンドカード|虚拟音频|虛擬音訊|虛擬麥克風|virtuell mikrofon|virtuellt ljudkort|virtuell kabel"
        "|virtuální mikrofon|virtuální zvuková karta|virtuální kabel|مايك وهمي|كرت صوت وهمي|वर्चुअल माइक"
        "|ورچوئل مائیک"
        "|virtuelles mikro|virtuelle mikro"
    ),
}
"""English gloss: the forms that call for it, separated by "|". Latin and Cyrillic forms are matched as whole words, without accents
("micrófono" and "microfono" both match "microfono"); Chinese, Japanese, Korean and Thai forms anywhere in the text."""

UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
"""Thai, Japanese kana, the CJK ideographs and Korean syllables: scripts written without spaces between words."""
UNSPACED_LETTER = re.compile(f"[{UNSPACED}]")


def _ranges(codes: list[int]) -> str:
    """Code points as a regular-expression class body of ranges ("\\u0900-\\u0903...")."""
    spans: list[list[int]] = []
    for code in codes:
        if spans and code == spans[-1][1] + 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    return "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in spans)


MARKS = _ranges([c for c in range(0x300, 0x10000) if unicodedata.category(chr(c)).startswith("M")])
"""Combining marks of every script. `\\w` leaves them out, but a Hindi, Bengali, Tamil or Thai vowel sign is part of
its word: "माइक्रोफोन" is one word, not "म इक र फ न"."""
WORD = re.compile(rf"[\w{MARKS}]+")
"""A word in any script."""
MAX_GLOSSED = 2000
"""Only this much of a text is glossed (a wall of text is not a question about one word)."""
LONG = 7
"""Forms of this many letters or more match at the start of a word."""
INDIC_LETTER = re.compile("[\u0900-\u0dff]")
"""Devanagari to Sinhala: their words take case endings attached ("মাইকের", the mic's), so every form of theirs matches at
the start of a word."""


def _matches_inflected(word: str) -> bool:
    return len(word) >= LONG or INDIC_LETTER.search(word) is not None


def _fold(text: str) -> str:
    """Lower case, accents dropped, punctuation to spaces ("Ne m'entend pas" -> "ne m entend pas")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    # Only accents on Latin letters go: a Japanese voicing mark or a Korean syllable's parts are part of the word.
    kept = [c for i, c in enumerate(decomposed) if not (unicodedata.combining(c) and i and decomposed[i - 1].isascii())]
    plain = unicodedata.normalize("NFC", "".join(kept))
    return " " + " ".join(WORD.findall(plain)) + " "


@dataclass(frozen=True)
class _Forms:
    """The glossary arranged for one pass over a text: plain lookups and substring tests, no regular expressions."""

    words: dict[str, tuple[str, ...]]
    """A short one-word form (matched whole: "micro" is not "microsoft") -> its glosses."""
    prefixes: tuple[tuple[str, str], ...]
    """(a long one-word form, its gloss): it also matches its inflections ("mikrofon" in "mikrofone")."""
    phrases: dict[str, tuple[tuple[str, str], ...]]
    """First word -> (a form to find as written in the folded text, its gloss): several words (" geht nicht ",
    space-bounded, and a long last word may go on: " durchgestrichen"). Only the phrases that start with one of the
    text's words are tested (the glossary holds thousands)."""
    unspaced: tuple[tuple[str, str], ...]
    """(a Chinese, Japanese, Korean or Thai form, found anywhere, its gloss): tested only in a text with such letters."""
    order: dict[str, int]
    """Each gloss's place in GLOSSES: the glosses are appended in that order."""
    starts: tuple[str, ...]
    """The long forms alone, for one `str.startswith` test per word."""


@lru_cache(maxsize=1)
def _forms() -> _Forms:
    words: dict[str, list[str]] = {}
    phrases: dict[str, list[tuple[str, str]]] = {}
    prefixes, unspaced = [], []
    for gloss, forms in GLOSSES.items():
        for form in (_fold(f).strip() for f in forms.split("|")):
            if is_unspaced(form):
                unspaced.append((form, gloss))
            elif " " in form:
                phrase = f" {form}" if _matches_inflected(form.rsplit(" ", 1)[-1]) else f" {form} "
                phrases.setdefault(form.split(" ", 1)[0], []).append((phrase, gloss))
            elif _matches_inflected(form):
                prefixes.append((form, gloss))
            else:
                words.setdefault(form, []).append(gloss)
    order = {gloss: i for i, gloss in enumerate(GLOSSES)}
    starts = tuple(form for form, _ in prefixes)
    return _Forms(
        {w: tuple(g) for w, g in words.items()},
        tuple(prefixes),
        {w: tuple(p) for w, p in phrases.items()},
        tuple(unspaced),
        order,
        starts,
    )


def is_unspaced(form: str) -> bool:
    return UNSPACED_LETTER.search(form) is not None


def forms(gloss: str) -> tuple[str, ...]:
    """The forms of one gloss as written (accents kept), for patterns that run on `plain_words`."""
    return tuple(GLOSSES[gloss].split("|"))


POSITIVE = frozenset({"works", "works now", "works fine", "level meter moves", "allow", "allowed"})
NEGATIVE = frozenset(
    {
        "not working",
        "same problem",
        "no app works",
        "cannot hear me",
        "no sound",
        "level meter does not move",
        "dont allow",
        "denied",
        "blocked",
        "never asked",
        "stopped asking",
        "nothing changed",
        "not either",
    }
)
"""A positive form inside a negative one is not said: "能用了" (works now) in "不能用了" (not working any more),
"заработал" in "так и не заработал", "çubuk hareket" in "çubuk hareket etmiyor"."""


@lru_cache(maxsize=256)
def with_glosses(text: str) -> str:
    """`text` with the English gloss of every foreign word it uses appended (unchanged when there are none). Cached:
    a knowledge answer glosses the same question to search it and again to judge the best result."""
    folded = _fold(text[:MAX_GLOSSED])
    forms = _forms()
    found: dict[str, list[str]] = {}  # gloss -> the forms that matched, as found in `folded`
    for word in dict.fromkeys(folded.split()):
        for gloss in forms.words.get(word, ()):
            found.setdefault(gloss, []).append(f" {word} ")
        if word.startswith(forms.starts):
            for form, gloss in forms.prefixes:
                if word.startswith(form):
                    found.setdefault(gloss, []).append(f" {form}")
        for form, gloss in forms.phrases.get(word, ()):
            if form in folded:
                found.setdefault(gloss, []).append(form)
    if UNSPACED_LETTER.search(folded):
        for form, gloss in forms.unspaced:
            if form in folded:
                found.setdefault(gloss, []).append(form)
    negative = [form for gloss in NEGATIVE & found.keys() for form in found[gloss]]
    for gloss in POSITIVE & found.keys() if negative else ():
        if all(_only_inside(folded, form, negative) for form in found[gloss]):
            del found[gloss]
    glosses = sorted(found, key=forms.order.__getitem__)
    return f"{text} {' '.join(glosses)}" if glosses else text


def _only_inside(folded: str, form: str, longer: list[str]) -> bool:
    """Every place `form` is found in `folded` lies within a place one of the `longer` forms is."""
    spans = [(at, at + len(other)) for other in longer for at in _places(folded, other)]
    return all(any(a <= at and at + len(form) <= b for a, b in spans) for at in _places(folded, form))


def _places(folded: str, form: str) -> list[int]:
    places, at = [], folded.find(form)
    while at >= 0:
        places.append(at)
        at = folded.find(form, at + 1)
    return places


CLAUSE_END = re.compile(r"([.!?;,\n。！？，、；]+)(?!\d)")
"""What ends a clause (not the dot of "3.5" or "v2.1"): each clause's glosses go before it, so readers that go by word
order ("zoom app geht ohne probleme" -> "zoom ... works") find them beside the words they translate."""


def with_glosses_by_clause(text: str) -> str:
    """`text` with each clause's English glosses appended to that clause (`with_glosses` for each one); the statement
    readers use it, the knowledge search the whole-text form."""
    if len(text) > MAX_GLOSSED:
        return with_glosses(text)
    parts = CLAUSE_END.split(text)
    bodies, ends = parts[::2], [*parts[1::2], ""]
    return "".join(with_glosses(body) + end for body, end in zip(bodies, ends, strict=True))
