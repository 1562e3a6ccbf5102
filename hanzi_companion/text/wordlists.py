"""Language knowledge of the text layer in one place: the closed word lists its rules use
(which language a text is in is told by a language identifier, in text/language.py).

Each list is small, closed-class and general (grammatical words, not topic words); the rules
that read them live beside the concern they serve (finding terms, slide English, romanisation).
"""

from __future__ import annotations

# Syllables pinyin writes without a tone mark because their tone is neutral (的 de, 了 le,
# 吗 ma, 们 men...): an unmarked one among marked syllables is still pinyin (wǒ de péngyou).
_NEUTRAL_SYLLABLES_TEXT = "de le ma ne ba a ya wa la men zi zhe guo me ge shang li tou mian r"
NEUTRAL_SYLLABLES = frozenset(_NEUTRAL_SYLLABLES_TEXT.split())

# The commonest Chinese surnames (single characters), simplified and traditional: about nine
# people in ten carry one. A rare surname is still found when a slide writes the name's
# romanisation beside it; this list only lets a bare name in a sentence be recognised.
_SURNAMES_TEXT = """
王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾
肖 田 董 袁 潘 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏
韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 钱 严 覃 武 戴
莫 孔 汤 温 康 施 牛 樊 葛 邢 安 乔 伍 庞 颜 倪 庄 聂 章 鲁 岳 翟 殷 詹 申 欧
耿 兰 焦 俞 左 柳 祝 符 舒 阮 柯 纪 梅 童 凌 季 裴 霍 涂 苗 谷 盛 翁
冉 骆 蓝 辛 靳 柴 蒙 鲍 华 喻 祁 蒲 房 滕 屈 饶 牟 艾 尤 穆 卓 吉 缪
簡 張 劉 陳 楊 黃 趙 吳 孫 馬 羅 鄭 謝 許 韓 馮 鄧 蕭 葉 蘇 呂 盧 鍾 譚 陸 賈 韋 鄒 閆 龍 賀 顧
龔 錢 嚴 湯 溫 顏 莊 聶 魯 歐 蘭 紀 駱 藍 靳 鮑 華 饒 繆 孔 許 喬 龐 蔣 嶽
"""
SURNAMES = frozenset(_SURNAMES_TEXT.split())

# Characters a given name does not end with or hold in running text: grammatical words
# (和, 也, 是, 的, 了) and the commonest verbs of motion and speech (去, 来, 说), so that
# 张明和李华 is 张明 and 李华, and 王去北京 is no person called 王去.
_NOT_IN_GIVEN_NAMES_TEXT = """
的 了 吗 呢 吧 啊 呀 着 过 是 在 我 你 他 她 它 们 这 那 就 都 也 很 不 没 要 会 能 把 被 给
让 对 从 但 而 还 又 才 再 说 有 得 地 么 和 与 跟 同 或 及 去 来 到 叫 姓 想 看 个 些 里 上 下
這 們 沒 會 給 讓 對 從 還 說 麼 個 裡 來 與 為 为 吃 喝 买 買 做 在 等 向 往 被
嗎 著 過 妳 牠
"""
NOT_IN_GIVEN_NAMES = frozenset(_NOT_IN_GIVEN_NAMES_TEXT.split())

# Characters that count or point (一张纸, 这张, 每李): a surname never follows them.
NUMERALS_AND_DEMONSTRATIVES = frozenset(
    "一二三四五六七八九十百千万两几这那每某哪半多个這那兩幾個萬"
)

# Names English still spells in older romanisations (Wade-Giles, postal, Cantonese, Latin;
# not the official English names of today, Hong Kong or Taipei, which are English words),
# with their pinyin, toneless: what the general Wade-Giles reading (text/syllables.py) cannot
# reach. Keys are lowercase, hyphens and apostrophes written as spaces.
WESTERN_SPELLINGS = {
    "chiang kai shek": "jiang jie shi",
    "sun yat sen": "sun yi xian",
    "peking": "bei jing",
    "nanking": "nan jing",
    "canton": "guang zhou",
    "kuomintang": "guo min dang",
    "tsingtao": "qing dao",
    "tientsin": "tian jin",
    "chungking": "chong qing",
    "szechuan": "si chuan",
    "szechwan": "si chuan",
    "amoy": "xia men",
    "yangtze": "chang jiang",
    "confucius": "kong zi",
    "mencius": "meng zi",
    "lao tzu": "lao zi",
    "lao tse": "lao zi",
    "laotze": "lao zi",
    "chuang tzu": "zhuang zi",
    "sun tzu": "sun zi",
    "i ching": "yi jing",
    "tao te ching": "dao de jing",
    "kung fu": "gong fu",
    "tai chi": "tai ji",
    "tao": "dao",
    "tsinghua": "qing hua",
    "mao tse tung": "mao ze dong",
    "chou en lai": "zhou en lai",
    "teng hsiao ping": "deng xiao ping",
}


# Grammatical words that make a run of Han characters read as a sentence, not a term.
# Closed-class Mandarin function words (particles, pronouns, auxiliaries, conjunctions,
# prepositions, adverbs of degree: a term names a thing, a sentence says how much of it).
_FUNCTION_WORDS_TEXT = """
的 了 吗 呢 吧 啊 呀 着 过 是 在 我 你 他 她 它 我们 你们 他们 她们 咱们 这 那 这个 那个 这些 那些
这里 那里 就 都 也 很 不 没 没有 要 会 能 可以 把 被 给 让 对 从 但 但是 因为 所以 如果 而 还 又 才
再 说 有 得 地 么 什么 怎么 为什么 已经 正在 应该 一个 自己 和 与 或 或者 还是 以及 及
們 我們 你們 他們 她們 咱們 這 這個 那個 這些 那些 這裡 那裡 沒 沒有 會 給 讓 對 從 因為 還 說 麼
什麼 怎麼 為什麼 已經 應該 一個 與 嗎 著 過 還是 這裏 那裏 妳 妳們 牠 牠們
们 按 按照 根据 通过 向 往 跟 比 非常 太 更 挺 比较 特别
根據 通過 非常 比較 特別
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())


# Words of English or French prose that lead into a term rather than translate it: a bare
# phrase starting or ending with one is a clause, not a gloss ("la politique du 单位").
CLAUSE_WORDS_TEXT = """
    the a an of and or to in on for with by as at from is are was were be been this that these
    those which who it its their his her our your my we you they he she i not no also very so
    le la les l de du des d et ou en au aux un une est sont dans par pour sur avec ce cette ces
    qui que il elle ils elles nous vous on se sa son ses leur leurs ne pas plus entre comme
    chez sans vers selon mais donc car où puis avant après contre sous
"""
CLAUSE_WORDS = frozenset(CLAUSE_WORDS_TEXT.split())

# Personal pronouns: a sentence's word opening with one may be the pronoun and its verb.
PRONOUNS = frozenset("我你他她它您妳牠")

# "What", asking for a name or a thing: 你叫什么名字 "what are you called".
WHAT_WORDS = frozenset(["什么", "什麼", "啥"])


# Particles only a sentence has (structure, aspect, mood): a clause holding one is no slogan.
PARTICLES = frozenset(
    ["的", "了", "吗", "呢", "吧", "着", "过", "啊", "呀", "么", "嗎", "麼", "著", "過"]
)


# Nouns that name the term as a piece of language ("the character 拆", "the word 城中村"):
# the phrase points at the term, it does not translate it.
_META_WORDS_TEXT = """
    character characters word words term terms expression phrase slogan idiom name sign
    caractère caractères mot mots terme termes
"""
META_WORDS = frozenset(_META_WORDS_TEXT.split())

# Small words inside an English name (Bank of China, Drum and Bell Towers).
NAME_CONNECTORS = frozenset(["of", "and", "for", "de", "du", "des", "on"])


# Syllables a written word never is in running pinyin (interjections, the erhua r).
NOT_IN_PROSE = frozenset(["r", "m", "n", "ng", "hm", "hng", "ê"])


# Words of a sentence never worth listing from running text: particles, linking words,
# adverbs of degree and scope, measure-word glue. Other words of a sentence are listed, single
# characters too (狗, 水, 搬): a beginner's example sentence teaches each of them, the first
# verbs a course teaches among them (说 to speak, 给 to give), though they are common, and so
# are the small words that carry a meaning a student learns: 是 to be, 也 also, 还 still,
# 又 again, 都 all, 让 to let, 或 or, 会 will, 为 for.
_SENTENCE_GLUE_TEXT = """
的 了 吗 呢 吧 啊 呀 着 过 地 得 么 嗎 麼 和 与 與 及 而 之 就 只 很 才 再
并 並 把 被 对 對 从 從 这 這 那 个 個 些 一 不 没 沒 有 在 能 要 一个 一個 以 著 過
"""
SENTENCE_GLUE = frozenset(_SENTENCE_GLUE_TEXT.split())

# Characters that follow a verb as its result (带到, 包好, 吃完, 记住): the verb and its
# complement are two words of a sentence, though jieba's corpus counts some pairs as one.
RESULT_COMPLEMENTS = frozenset("到好完住给成见給見")
# Characters that follow a verb as its direction (放起, 走进, 拿出): two words of a sentence.
DIRECTION_COMPLEMENTS = frozenset("起来去上下出进回开过來進開過")


# Adverbs that stand before a verb (都 all, 也 also, 还 still ...) and modal verbs (会 will,
# 要 want to, 能 can ...): jieba and the dictionaries join some pairs (都会 "metropolis").
ADVERBS_BEFORE_VERBS = frozenset("都也就还又才只再還")
MODAL_VERBS = frozenset("会要能想该會該")

# Results a verb takes in its potential form with 不 (包不住 cannot hold, 吃不完, 看不见).
POTENTIAL_RESULTS = frozenset("住了完到好动起下开懂见清動開見")
# What such a result adds to the verb, for results whose own first sense is another (住 "to
# live", 下 "down"): 包不住 cannot wrap (firmly), 吃不完 cannot eat (to the end).
RESULT_MEANINGS = {
    "住": "firmly",
    "了": "to the end",
    "完": "to the end",
    "到": "successfully",
    "好": "properly",
    "动": "so it moves",
    "動": "so it moves",
    "起": "afford",
    "下": "fit in",
    "开": "apart",
    "開": "apart",
    "懂": "understand",
    "见": "perceive",
    "見": "perceive",
    "清": "clearly",
}

# Endings of the names of streets, lanes and roads, with their English (南锣鼓巷 Nanluogu Lane).
STREET_ENDINGS = {
    "街": "Street",
    "大街": "Avenue",
    "巷": "Lane",
    "路": "Road",
    "大道": "Avenue",
    "胡同": "Hutong",
    "道": "Road",  # Hong Kong's roads: 軒尼詩道 Hennessy Road, 彌敦道 Nathan Road
}

# Endings of place names after a name (荔枝灣, 春園街, 軒尼斯道, 春園大廈): streets and roads,
# bays, villages, bridges, buildings and squares. Said after a word of the language they are
# words (大街, 小路); said after a name, the name of a place.
PLACE_ENDINGS = frozenset(
    [*STREET_ENDINGS, "灣", "湾", "村", "邨", "橋", "桥", "大廈", "大厦", "廣場", "广场"]
)

# Number characters, and the units of time a number counts (十分钟, 两个小时, 一点钟): a number
# before one is its count, not the start of another word (十分 "very"). (个月: 个 is glue.)
NUMERALS = frozenset("一二三四五六七八九十百千万两几半萬兩幾")
# The classifier any noun may take (两个): a number with it is an amount, no word to learn.
GENERAL_CLASSIFIERS = frozenset("个個")
_TIME_UNITS_TEXT = "分钟 小时 秒钟 钟头 点钟 星期 礼拜 分鐘 小時 秒鐘 鐘頭 點鐘 禮拜"
TIME_UNITS = frozenset(_TIME_UNITS_TEXT.split())

# Localisers after a noun (项目中 in the project, 家里 at home, 桌上 on the table): in a clause
# the noun and its localiser are two words, not a compound.
LOCALIZERS = frozenset("中里裡内內上外")
# Localisers of time after an event or a stretch of time (三年前 three years ago, 入夜后 after
# nightfall): the time and its localiser are two words of a sentence.
TIME_LOCALIZERS = frozenset("前后後")

# Particles and pronouns of classical Chinese, each a word of its own in a quotation (學而時習之,
# 勿施於人, 吾日三省吾身, 己所不欲), those that close one (不亦說乎, 是知也); today's particles
# and pronouns, which a classical quotation does not hold (the old texts write 其, 之, 彼 where
# today writes 他).
CLASSICAL_PARTICLES = frozenset("之乎者矣焉哉兮曰於于亦勿弗吾汝爾其而所己")
CLASSICAL_ENDINGS = frozenset("之乎也矣焉哉兮")
MODERN_PARTICLES = frozenset("的了吗嗎呢吧着著们們这這那很都没沒么麼个個他她你您它妳牠")

# Particles of aspect that only follow a verb (包着 wrapping, 吃了 ate, 去过 have been).
ASPECT_PARTICLES = frozenset("着著")

# Verbs a short answer negates with 不 (我不要, 我不是, 我不会): the answer's two words.
NEGATED_VERBS = MODAL_VERBS | frozenset("是")

# Words of size and degree before a one-character word (大碗 a big bowl, 很重 very heavy): two
# words of a sentence, unless what follows is a quantity (很多 many, 太少 too few: used as one).
SIZE_AND_DEGREE = frozenset("大小很太挺极極")
QUANTITIES = frozenset("多少")
# Degree adverbs, standing as words of their own before an adjective or a verb of feeling (好
# 鍾意 "so fond of", 很想): what follows them is no person's name.
DEGREE_ADVERBS = frozenset("很好太挺极極最真超")

# Titles of address after a surname (王先生 Mr Wang, 李老師 Teacher Li), with their English:
# the surname and its title are one person's name.
TITLES = {
    "先生": "Mr",
    "小姐": "Miss",
    "太太": "Mrs",
    "女士": "Ms",
    "老师": "Teacher",
    "老師": "Teacher",
    "教授": "Professor",
    "医生": "Dr",
    "醫生": "Dr",
    "博士": "Dr",
}

# Before a surname, how friends and colleagues are called: 小王 (Xiǎo Wáng), 老李 (Lǎo Lǐ).
FAMILIAR_PREFIXES = frozenset("小老")

# Where a word stands in its sentence (hanzi_companion/grammar.py): what marks a list (苹果、
# 香蕉和橙子等), the particles after which a noun comes (原来的工作, 山寨之都), the second
# halves of frames (既…又, 又…又, 不但…而且; 越…越 repeats the word itself), and the words
# closing a "when" clause (当…时, 当…的时候).
LIST_MARKS = frozenset("、和与與及等")
ATTRIBUTIVE_PARTICLES = frozenset("的之")
FRAME_ENDS = frozenset("又也且")
TIME_CLAUSE_ENDS = frozenset("时時")


# Field names a vocabulary record (a flashcard in front matter, a row of a YAML word list)
# gives its meaning under, as words of the name (``meaning``, ``exTrans`` -> ex, trans,
# ``meaningVi`` -> meaning, vi): the words for "meaning" and "translation" in the languages
# learners write in, those languages' names and their ISO 639-1 codes ("it", "vi", not "id").
_GLOSS_FIELD_WORDS_TEXT = """
    english eng en meaning meanings gloss glosses definition definitions def defn sense
    translation translations trans tr back significato traduzione signification sens
    traduction bedeutung übersetzung uebersetzung significado traducción traduccion tradução
    nghĩa nghia dịch dich betekenis vertaling znaczenie tłumaczenie perevod
    it italian italiano fr french français francais de german deutsch es spanish español
    espanol pt portuguese português portugues vi vietnamese nl dutch pl polish ru russian
    sv swedish cs czech tr turkish ita fra fre ger deu spa esp por vie
    definizione définition definicion definición definição
    意思 释义 釋義 解释 解釋 含义 含義 词义 詞義 意义 意義 英文 英语 英語 翻译 翻譯 译文 譯文
"""
GLOSS_FIELD_WORDS = frozenset(_GLOSS_FIELD_WORDS_TEXT.split())

# Of those, the words that say "translation": in a record holding an example sentence, the
# field so named is the sentence's translation, not the term's meaning.
_TRANSLATION_FIELD_WORDS_TEXT = """
    translation translations trans tr traduzione traduction übersetzung uebersetzung
    traducción traduccion tradução dịch dich vertaling tłumaczenie perevod 翻译 翻譯 译文 譯文
"""
TRANSLATION_FIELD_WORDS = frozenset(_TRANSLATION_FIELD_WORDS_TEXT.split())

# Field names under which a record gives the romanisation of its Chinese.
_READING_FIELD_WORDS_TEXT = """
    pinyin py pīnyīn reading readings romanization romanisation pronunciation transcription
    phonetic phonetics 拼音 读音 讀音 发音 發音
"""
READING_FIELD_WORDS = frozenset(_READING_FIELD_WORDS_TEXT.split())

# Chinese field names of such records (a teacher's YAML written in Chinese: ``词语: 朋友``,
# ``拼音: péngyou``): names of fields, not terms of the lesson.
_CHINESE_FIELD_NAMES_TEXT = """
    词 詞 词语 詞語 单词 單詞 生词 生詞 汉字 漢字 中文 例句 例子 句子 对话 對話 课文 課文 词汇 詞彙
    词表 詞表 标题 標題 名称 名稱
"""
CHINESE_FIELD_NAMES = (
    frozenset(_CHINESE_FIELD_NAMES_TEXT.split())
    | READING_FIELD_WORDS
    | frozenset(word for word in GLOSS_FIELD_WORDS if not word.isascii())
)
