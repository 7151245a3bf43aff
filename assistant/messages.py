"""Every user-facing Chinese string, as named constants (``str.format`` fields in braces)."""

ABSTAIN = "抱歉，现有文件（{sources}）没有涉及这个问题，我不能凭猜测回答。如需帮助，请致电咨询：{phones}。"
ABSTAIN_INJECTION = (
    "我只能依据2023年度技术经纪专业职称评审的通知和评价标准回答问题，不能执行其他指令。如需帮助，请致电咨询：{phones}。"
)
ABSTAIN_FOREIGN = "现有文件只涉及北京市工程技术系列技术经纪专业的职称评审，没有关于“{terms}”的内容，我无法回答。如需帮助，请致电咨询：{phones}。"
ABSTAIN_OTHER_YEAR = (
    "现有文件只载有{years}年度的安排，没有{asked}年度的信息，我不能推测。请以最新发布的通知为准，或致电咨询：{phones}。"
)
ABSTAIN_EMPTY = "请输入一个问题，例如“个人网上申报什么时候截止？”。"
ABSTAIN_BAD_ROW = "这一行无法读取（应为一个问题，或带 question 字段的 JSON 对象），未作回答。"  # ask --batch: a bad row

LEAD_CONTACT = "咨询电话：{phones}{cite}。"
LEAD_DATE = "{year}年度{activity}时间为{year}年{span}{cite}"
# how to apply, as a whole (answer/process.py)
PROCESS_STEPS = "{year}年度的申报按以下环节进行：{steps}{cite}。"
PROCESS_LEVELS = "其中“{quote}”{cite}。"
PROCESS_RULE = "{name}：“{quote}”{cite}。"
PROCESS_NOT_DESCRIBED = "文件没有写明系统注册、填报、缴费等具体操作办法；如需了解，请致电咨询：{phones}。"
LEAD_DATE_ALL = "{year}年度的时间安排：{items}{cite}。"
# the order of two dated steps ("哪个先截止"): which comes first, then both dates
ORDER_EARLIER = "{early}{basis}早于{late}。"
ORDER_DAYS = "两者相差{n}天。"
STEP_DAYS = "{year}年度{activity}为{span}，按日历日计共{n}天（含首尾两天）{cite}。"
ORDER_SAME = "{a}和{b}{basis}相同。"
ORDER_BASIS = {"end": "的截止时间", "start": "的开始时间", "": "的时间"}
MAY_APPLY = "{who}能申报{grade}吗？"
MAY_APPLY_STILL = "，能申报吗？"  # a workplace stated mid-check ("我在上海工作"): asked whether they may apply  # "中专可以吗" after a question on that grade
OF_GRADE_AS = "{of}，{question}"  # a follow-up about a part of the conditions, of the grade (and part) discussed
OF_GRADE_PART = "申报{grade}的{part}"
OF_GRADE_ONLY = "申报{grade}"
OF_THING = "中的{thing}"
THEN_OF = "那{what}呢"  # "我报的是助工" after a question: that question, of 助工
OF_GRADE = "申报{grade}，{question}"  # a question naming a title held, asked of the grade under discussion
COUNT_OF = "{grade}的{part}须{quote}{cite}"
# "副高就是高级工程师吗": two names of one title level, or of two
SAME_TITLE = (
    "“{a}”和“{b}”指同一级别：{level_a}职称即评价标准中的{grade_a}（本次通知按级别列为副高级、中级、初级）{cite}。"
)
TITLE_NAMED = "{level}职称在评价标准中即{grade}（本次通知按级别列为副高级、中级、初级）{cite}。"
OTHER_TITLE = "“{a}”是{level_a}（{grade_a}），“{b}”是{level_b}（{grade_b}），不是同一级别{cite}。"
PART_OF = "{grade}的{part}：{quote}{cite}"  # two grades' clauses for one part, side by side
NEXT_STEP = "按{year}年度的时间安排，{a}（{span_a}）之后是{b}（{span_b}）{cite}。"
# a dated step asked of a level the clause leaves out ("答辩是几月" then "初级呢")
STEP_NOT_FOR_LEVEL = "{level}不需要参加{activity}：通知规定“{quote}”{cite}，只列了{listed}，没有{level}。（{year}年度{activity}时间为{span}。）"
ORDER_STEPS = "{year}年度{a}：{span_a}；{b}：{span_b}{cite}。"
LEAD_YEARS = "申报{grade}：{route}{cite}"
FIELD_WORK_YES = "算。"  # the work is among the activities a direction's definition lists
MISSING_FIELD_WORK = "这项工作是否算本专业技术工作（文件只列了两个方向的工作内容，没有逐项界定）"
WHICH_KIND = "按你说的工作内容，属于“{name}”：“{quote}”{cite}"
ABBREVIATION = "其中{short}所指的文件见：“{quote}”{cite}"
LEAD_BREAKTHROUGH = "另可破格申报：{quote}{cite}。"
LEAD_YEARS_NO_LIMIT = "（未规定年限）"
# "为什么", "依据是哪条" after an answer: the clauses it rests on
BASIS_LEAD = "上面的回答依据以下条款（文件只规定条件，不另说明理由）："
BASIS_ITEM = "《{source}》“{section}”：“{quote}”{cite}"
LEAD_QUOTE = "根据《{source}》“{section}”：{quote}{cite}"
LEAD_LIST = "根据《{source}》“{section}”，共{n}项：{quote}{cite}"
LEAD_HEADING_ITEMS = "《{source}》“{section}”下共{n}项：{items}。"

# ---- answer shapes: overview of a grade, yes/no, not stated ----------------------------------------
OVERVIEW_LEAD = "申报{grade}须同时符合以下{n}方面的条件（各项原文见所引条款）："
PART_ROUTES = "学历和专业工作经历"
PART_PERFORMANCE = "业绩条件"
PART_ACHIEVEMENTS = "成果条件"
PART_BREAKTHROUGH = "破格"
PART_BASIC = "基本条件"
OVERVIEW_ROUTES = "· 学历和专业工作经历（符合其中一项即可）：{routes}{cite}"
OVERVIEW_PERFORMANCE = "· 业绩条件：{quote}：{options}{cite}"
OVERVIEW_ACHIEVEMENTS = "· 成果条件：{head}，{count}（成果的种类见所引条款）{cite}"
OVERVIEW_BREAKTHROUGH = "· 破格（具备其中一项，可不受学历和专业工作经历限制）：{items}{cite}"
OVERVIEW_BASIC = "· 基本条件：{basic}等{cite}；{ability}{cite2}"
YES_THERE_IS = "有。"
YES_BY_ROUTES = "能。按评价标准，可以这样申报："
YESNO_QUOTE = "{word}。根据《{source}》“{section}”：“{quote}”{cite}"
WORKS_ELSEWHERE = "申报人须在本市所属机构工作；{place}的单位不在本市，文件未规定其人员可以申报。"
# "工程师一定要先有初级职称吗": whether a grade's routes all need the title
TITLE_NOT_REQUIRED = (
    "{word}。{title}职称不是申报{grade}的必要条件，没有{title}职称也可以按学历和专业工作经历申报：{routes}。"
)
NEEDED, NOT_NEEDED = "需要", "不需要"
TITLE_REQUIRED = "{word}。申报{grade}的学历和专业工作经历条件都要求先取得职称：{routes}。"
TITLE_REQUIRED_FOR = "{word}。{education}学历申报{grade}，学历和专业工作经历条件要求先取得职称：{routes}。"
CAN, CANNOT = "可以", "不可以"
YES_WORD, NO_WORD = "是", "不是"
YESNO_NEGATED_QUESTION = "{asked}，{word}。根据《{source}》“{section}”：“{quote}”{cite}"
YESNO_LEFT_OUT = "该条只列了{listed}，没有{level}。"
YESNO_NOT_EVERY = "不是每个级别都{word}"
YESNO_HAS_PART = "{word}。{grade}的条件中有{part}：{quote}{cite}"
ONE_OF_SEVERAL = "该条用“或”列出几种情形，具备其中之一即可，所问的只是其中一种。"
HAS_WORD, HAS_NOT_WORD = "有", "没有"  # a part asked of a grade, not as a yes/no question ("助工的成果条件")
YESNO_NO_PART = "{word}。评价标准中{grade}的条件只有{parts}，没有{part}{cite}。"
YESNO_NOT_LISTED = "{word}。{grade}的{part}（{quote}）所列各项中没有提到“{terms}”{cite}。"
YESNO_NOT_LISTED_ANY = "{word}。各级别的{part}所列各项中都没有提到“{terms}”{cites}。"
YESNO_ONLY_GRADE = "{word}。{part}只在{grades}的条件中规定：{quote}{cite}"
ASKED_YES = "是的"
ASKED_NO = "不是"
NOT_STATED = "文件没有载明{missing}。{context}如需了解，请致电咨询：{phones}。"
MISSING_RESULT_TIME = "评审结果公示的具体时间"
MISSING_CONCURRENT = "能否同时申报两个级别或两个专业（系列）"
MISSING_REFERRED = "技工院校毕业生的具体年限（标准只写明按{doc}有关规定申报，该办法不在现有文件中）"
NOT_IN_ROUND = "{year}年度这一轮只评审{grades}，不包括{grade}（{level}），现有文件没有{grade}的评审时间。"
CALL = "如需了解，请致电咨询：{phones}。"
MISSING_REFERRED_CONTENT = "{doc}的具体内容（现有文件只提到它，没有收录其内容）"
MISSING_WHEN = "“{what}”的具体时间或日期"
MISSING_DAY = "具体日期（文件只写到月份）"
NOT_STATED_CONTEXT = "相关的规定是：“{quote}”{cite}。"
NOT_STATED_TERMS = "文件没有提到“{terms}”。{context}如需了解，请致电咨询：{phones}。"

STATUS_PAST = "（按今天{today}计，已于{end}结束）"
STATUS_OPEN = "（按今天{today}计，正在进行，{end}结束）"
STATUS_UPCOMING = "（按今天{today}计，尚未开始，{start}开始）"
NOTE_PAST_ROUND = (
    "注意：以上是{year}年度的安排，今天（{today}）已经过去。文件没有载明之后年度的时间，"
    "请以最新发布的通知为准，或致电咨询：{phones}。"
)
NOTE_ROUND_GRADES = "注意：{year}年度这一轮只评审{grades}，不包括{grade}（{level}）；以上是评价标准中的条件。"
SOURCES_HEADER = "依据："
SOURCE_LINE = "[{n}] 《{source}》{section}：“{quote}”"
PHONE_SEP = "，"

# ---- eligibility (rules in rules.yaml; the reasons quote the standard) -------------------------
ELIG_EDU_BELOW = "你的学历（{edu}）低于所列各项的最低学历：最低一项为“{quote}”"
ELIG_NOT_GRADUATED = "你尚未毕业，而“{quote}”要求毕业后从事本专业技术工作"
ELIG_EDU_LOW = "你的学历（{edu}）不符合“{quote}”"
ELIG_ASSUME_HIGHER_EDU = "你的学历（{edu}）高于“{route_edu}”，标准对该级别没有单列{edu}的条件，这里按{route_edu}的条件核对（学历高于要求视为满足）。"
ELIG_ROUTE_NO_YEARS = "符合“{quote}”（未规定年限）"
ELIG_YEARS_SHORT = "需“{quote}”，你目前{have}，尚不满足"
ELIG_YEARS_OK = "符合“{quote}”（你已{have}）"
ELIG_TITLE_YEARS_SHORT = "需“{quote}”，你毕业后从事本专业工作共{have}，取得职称后的年限不可能已满"
ELIG_NO_TITLE = "需“{quote}”，你未持有相应职称"
ELIG_ASSUME_OTHER_SERIES = (
    "标准此处只写“取得……职称后”，未写明是否须为本系列（专业）；这里把你持有的非本系列（专业）职称计入。请致电咨询确认。"
)
ELIG_REFER = "技工院校毕业生不按本标准的学历条件，而是按{doc}有关规定申报"
ELIG_EDU_UNKNOWN = "学历和专业工作经历须符合下列条件之一，尚缺你的情况"
ELIG_EDU_LIFTED = "常规学历和专业工作经历条件未满足，但你具备破格条件，可不受学历和专业工作经历限制"
ELIG_BREAK_UNKNOWN = "如{quote}，尚不清楚你是否具备"
ELIG_BREAK_NONE = "你不具备破格申报的三项条件"
ELIG_BREAK_MET = "具备破格条件：{short}"
ELIG_PERF_UNKNOWN = "{quote}，尚不清楚你是否具备"
ELIG_PERF_MET = "{quote}：你已具备"
ELIG_PERF_NOT = "{quote}：你尚不具备"
ELIG_ACH_UNKNOWN = "取得{since}职称以来，成果须{need}项及以上，尚不清楚你有几项"
ELIG_ACH = "取得{since}职称以来，成果须{need}项及以上（你有{have}项）"
ELIG_BASIC = "遵守宪法和法律法规，从事技术转移转化工作，具有良好的职业道德，按要求参加继续教育等基本要求"
ELIG_ABILITY = "{grade}的专业理论、能力等基本条件（由评审委员会评价）"
ELIG_CONFIRMED = "：你已确认具备"
ELIG_DENIED = "：你表示尚不具备"
ELIG_ASSUME_SINCE = (
    "标准把业绩、成果条件写作“取得{since}职称以来”，但你按学历和年限申报、未说明持有{since}职称；"
    "文件没有写明这种情况从何时起算，这里按你说明的业绩、成果核对。请致电咨询确认。"
)
ELIG_NOT_IN_ROUND = (
    "注意：2023年度这一轮只评审{grades}，不包括{grade}；以下只是按评价标准核对的结果，今年能否申报请以当年通知为准。"
)

# "能报什么级别": each grade of the round on the education/experience condition
WHICH_GRADE_MET = (
    "按你提供的学历和工作年限，学历和专业工作经历条件符合申报{grades}；能否申报还要看业绩、成果等其余条件。"
)
WHICH_GRADE_NONE = "按你提供的情况，还不能确定可以申报哪个级别：各级别的学历和专业工作经历条件见下。"
WHICH_GRADE_LINE = "· {grade}：学历和专业工作经历（{status}）：{reason}{cite}"
ASK_GRADE = "请问你想申报哪个级别：助理工程师、工程师还是高级工程师？"
ASK_TITLE = "请问你是否已取得{level}职称？如已取得，取得后从事本专业技术工作多少年？"
ASK_TITLE_YEARS = "请问你取得{level}职称后，从事本专业技术工作多少年了？"
ASK_BREAKTHROUGH = "按常规学历和年限条件尚不满足。你是否具备下列破格条件之一：{items}？"
ASK_ACHIEVEMENTS = "请问取得{since}职称以来，你有几项成果（论文、专著、技术合同、研究报告等）？需要{need}项及以上。"
ASK_PERFORMANCE = (
    "请问取得{since}职称以来，你是否具备业绩条件之一（从事技术转移转化研究工作，或运营服务工作，见所引条款）？"
)
ASK_FACT = {
    "education": "请问你的最高学历是什么（博士、硕士、本科、大专、中专或技工院校）？",
    "years_in_field": "请问你毕业后从事技术转移转化（本专业技术）工作多少年了？",
    "titles": "请问你目前持有什么职称（系列、级别），取得后从事本专业技术工作多少年？没有职称也请告诉我。",
    "title_years": "请问你取得现有职称后，从事本专业技术工作多少年了？",
    "basic": "最后确认一下：你是否从事技术转移转化工作、遵守法律法规和职业道德，并按要求参加了继续教育？",
}

VERDICT_ELIGIBLE = "可以申报{grade}：按你提供的情况，各项条件都符合。"
VERDICT_NOT_ELIGIBLE = "目前还不能申报{grade}：按你提供的情况，有条件不符合。"
VERDICT_CATEGORY = "可以申报{grade}，须“{route}”；你本人能否申报还不能确定，要看下列各项条件。"
VERDICT_ROUTE_MET = "学历和专业工作经历符合申报{grade}的条件（“{route}”）；能否申报还不能确定，要看下列其余条件。"
VERDICT_BREAK_MET = "你具备破格条件，可不受学历和专业工作经历限制申报{grade}；能否申报还不能确定，要看下列其余条件。"
VERDICT_NEED_MORE = "还不能确定你能否申报{grade}，需要再了解你的一些情况。"
VERDICT_REFER = (
    "技工院校毕业生申报{grade}，不按本标准的学历条件，而是按{doc}有关规定申报；请查阅该办法或致电咨询：{phones}。"
)
# the facts a grade check used, right after the verdict, so a misreading can be caught
UNDERSTOOD = "我理解的情况：{items}。"
UNDERSTOOD_NOTHING = "我理解的情况：尚未说明学历、工作年限和职称。"
UNDERSTOOD_SEP = "，"
UNDERSTOOD_GRADE = "申报{grade}"
UNDERSTOOD_EDU = "学历{edu}"
UNDERSTOOD_YEARS = "毕业后从事本专业技术工作{years}"
UNDERSTOOD_JUST_GRADUATED = "刚毕业"
UNDERSTOOD_STUDYING = "尚未毕业（在读）"
UNDERSTOOD_TITLE = "已取得{series}{level}职称"
UNDERSTOOD_TITLE_YEARS = "（取得后从事本专业技术工作{years}）"
UNDERSTOOD_AT_MOST = "至多{years}"  # "2022年毕业": the years since graduating, an upper bound
UNDERSTOOD_UNDER = "不满{years}"  # "快5年", "将近5年", "差一个月满5年"
UNDERSTOOD_SERIES = {"this": "", "other": "非本系列（专业）"}
UNDERSTOOD_NO_TITLE = "未取得职称"
UNDERSTOOD_DIRECTION = {"research": "从事技术转移转化研究工作", "operations": "从事技术转移转化运营服务工作"}
UNDERSTOOD_PERF = {True: "具备业绩条件", False: "不具备业绩条件"}
UNDERSTOOD_ACH = "成果{n}项"
UNDERSTOOD_BREAK = "具备破格条件第{items}项"
UNDERSTOOD_NO_BREAK = "不具备破格条件"
UNDERSTOOD_BASIC = {True: "符合基本条件", False: "不符合基本条件"}
GAP_ITEM = "按第{item}项还差{years}"
GAP_LINE = "{items}。"
GAP_SEP = "；"
CONDITION_LINE = "· {kind}（{status}）：{reason}{cite}"
KIND_LABEL = {
    "education_experience": "学历和专业工作经历",
    "breakthrough": "破格条件",
    "performance": "业绩条件",
    "achievements": "成果条件",
    "basic": "基本条件",
}
STATUS_LABEL = {"met": "符合", "not_met": "不符合", "unknown": "待确认", "refer": "另按规定"}
ASSUMPTION_LINE = "说明：{text}"
ELIG_HELPLINE = "以上按评价标准逐条核对，最终以评审为准；如有疑问请致电咨询：{phones}。"
NOTE_WINDOW_PAST = "注意：依据的是{year}年度的通知和标准；{year}年度的个人网上申报已于{end}结束（今天{today}），之后年度的时间请以最新通知为准。"
NOTE_WINDOW_OPEN = "{year}年度的个人网上申报正在进行，{end}截止（今天{today}）。"
NOTE_WINDOW_UPCOMING = "{year}年度的个人网上申报将于{start}开始（今天{today}）。"

# ---- web (assistant serve) ----------------------------------------------------------------------
WEB_TITLE = "技术经纪职称政策问答助手"
WEB_STAFF_TITLE = "技术经纪职称政策问答助手 · 工作人员"
WEB_BANNER = "依据《关于开展2023年度北京市工程技术系列技术经纪专业职称评审申报工作的通知》和评价标准作答。{window}"
WEB_TAB_CHAT = "政策问答"
WEB_TAB_CHECK = "申报资格自测"
WEB_TAB_LOOKUP = "条款查询"
WEB_TAB_OPEN = "未解答的问题"
WEB_INPUT_LABEL = "你的问题"
WEB_INPUT_PLACEHOLDER = "例如：个人网上申报什么时候截止？（按回车或点“发送”）"
WEB_PRIVACY = "请不要输入身份证号、手机号、邮箱等个人信息。"
WEB_SEND = "发送"
WEB_NEW_CHAT = "开始新的咨询"
WEB_EXAMPLES = "常见问题（点击提问）"
WEB_COUNTER = "{n} / {limit} 字"
WEB_TOO_LONG = "问题有{n}字，超过了{limit}字的上限，没有处理。请删减后再发送（原文仍在输入框中）。"
WEB_EMPTY_CHAT = (
    "你好！请在下方输入关于2023年度技术经纪专业职称申报的问题。每条回答都注明所依据的条款，点 [1]、[2] 可查看原文。"
)
WEB_PENDING = "正在查找……"
WEB_BUSY = "现在排队的长问题较多，这条没有处理。请稍后再发送，或把问题写短一些。"
WEB_BAD_QUESTION = "无法处理这个问题：{why}"
WEB_FAILED = "这条问题处理时出错了，请稍后再试，或致电咨询：{phones}。"
WEB_VERDICT_BADGE = {
    "eligible": "可以申报",
    "not_eligible": "还不能申报",
    "need_more_info": "需要补充信息",
    "refer_elsewhere": "请按其他规定",
}
WEB_NEXT_QUESTION = "请回答："
WEB_DETAILS = "逐条核对（{n}项）"
WEB_MORE = "更多说明"
WEB_SOURCES = "依据的条款（{n}条）"
WEB_SOURCE_ITEMS = "本条所列各项："
WEB_BACK = "↩ 回到这条回答"
WEB_RATE_UP = "👍 有帮助"
WEB_RATE_DOWN = "👎 没帮助"
WEB_COMMENT_PLACEHOLDER = "意见（可选，点 👍/👎 时一并提交；请勿填写个人信息）"
WEB_RATED = {1: "已记录：有帮助。谢谢！", -1: "已记录：没帮助。谢谢，我们会改进。"}
WEB_RATED_COMMENT = "（意见已提交）"
WEB_F_INTRO = "填写你知道的情况，不确定的留空或选“不确定”。结果与问答中的资格核对相同。"
WEB_F_GRADE = "申报级别"
WEB_F_EDU = "最高学历"
WEB_F_YEARS = "毕业后从事本专业技术工作年限（年）"
WEB_F_TITLE = "已取得的职称"
WEB_F_SERIES = "职称系列"
WEB_F_TITLE_YEARS = "取得该职称后从事本专业工作年限（年）"
WEB_F_PERF = "是否具备业绩条件"
WEB_F_ACH = "成果项数"
WEB_F_BREAK = "破格条件（高级工程师）"
WEB_F_BASIC = "是否符合基本条件（遵纪守法、职业道德、继续教育等）"
WEB_F_RANGE = "“{field}”应填0到{high}之间的{kind}（收到 {value}），请修改后再核对。"
WEB_F_WHOLE = "整数"
WEB_F_BLANK = "不确定可留空"
WEB_F_NUMBER = "数字"
WEB_UNKNOWN = "不确定"
WEB_NO_TITLE = "没有职称"
WEB_THIS_SERIES = "本系列"
WEB_OTHER_SERIES = "其他系列"
WEB_YES = "是"
WEB_NO = "否"
WEB_NONE = "都不具备"
WEB_BREAK_ITEMS = ["1 政策法规被采纳", "2 国家重大科技项目转化", "3 典型案例获报道"]
WEB_CHECK = "核对"
WEB_CHECK_EMPTY = "填写后点“核对”，结果会显示在这里。"
WEB_JSON = "结果（JSON，供核对）"
WEB_BAD_FACTS = "填写有误：{why}"
WEB_LOOKUP_LABEL = "查找条款（关键词或来电人的问题）"
WEB_LOOKUP = "查找"
WEB_LOOKUP_EMPTY = "输入关键词或问题后点“查找”：按匹配程度列出条款原文，并给出可直接复制的简要答复。"
WEB_STRENGTH = {"high": "高", "medium": "中", "low": "低"}
WEB_STRENGTH_LABEL = "匹配度：{level}"
WEB_STRENGTH_HELP = "匹配度按评测题校准：“高”的条款多数就是答案所在条款，“低”的很少是。"
WEB_SHORT_ANSWER = "可直接复制的简要答复（含出处）"
WEB_SHORT_SOURCES = "出处："
WEB_SHORT_SOURCE = "[{n}] 《{source}》{section}（条款 {id}）"
WEB_OPEN_INTRO = (
    "申请人问过、但文件没有答案（助手拒答）或被评为“没帮助”的问题，按相近措辞合并，最新的在前；个人信息已遮盖。"
)
WEB_OPEN_REFRESH = "刷新"
WEB_OPEN_HEADERS = ["问题（最新措辞）", "次数", "其中拒答", "其中👎", "最近一次（UTC）", "意见"]
WEB_OPEN_NONE = "还没有未解答或被评为“没帮助”的问题。"
WEB_EXPORT_OPEN = "导出未解答问题（CSV）"
WEB_EXPORT_ALL = "导出全部反馈（CSV）"
WEB_EXPORT_HEADERS = ["question", "count", "abstained", "disliked", "last_at", "comments"]
WEB_RATE_LIMITED = "提问太频繁了，请{seconds}秒后再试（每个网络地址最多{limit}）。"
WEB_TOO_MANY_AT_ONCE = "同时处理中的问题太多了（上限{n}个），请等前面的回答出来后再问。"
WEB_BODY_TOO_LARGE = "请求内容过大（上限{limit}字节），没有处理。问题请不要超过2000字。"
WEB_NOT_FOUND = "没有这个地址。"
WEB_API_BAD = '请求应为 JSON：{"question": "问题", "session": "可选的会话编号"}。'
WEB_STAFF_LOGIN = "工作人员页面需要密码（用户名任意，密码为 ASSISTANT_STAFF_PASSWORD）。"
WEB_STAFF_LINK = "工作人员入口"
WEB_PORT_BUSY = "端口 {port} 已被占用（{host}）：请换一个端口，例如 --port {other}，或先停止占用它的程序。"
WEB_HOST_BAD = "无法在 {host}:{port} 上监听：{why}"
WEB_PUBLIC_NO_PASSWORD = (
    "在非本机地址 {host} 上提供服务，但没有设置 ASSISTANT_STAFF_PASSWORD：只开放申报人问答和资格自测，"
    "工作人员条款查询和反馈导出已关闭。设置该密码后重启即可开放。"
)
WEB_LISTENING = "网页：http://{host}:{port}/  （工作人员：{staff}）"
WEB_STAFF_OFF = "已关闭"

# ---- LLM mode (optional; see llm.py) -------------------------------------------------------------
LLM_SYSTEM = """你是北京市工程技术系列（技术经纪）职称政策问答助手。今天是{today}。下面的条款来自{year}年度的申报通知和评价标准，按[1]、[2]……编号。
规则：
1. 只能依据这些条款回答，不得使用条款以外的知识，不得推测。
2. 每句话末尾用[n]标注它所依据的条款编号；日期、数字、电话、职称级别必须与所引条款原文一致。
3. 条款没有写明的内容，直接说“文件没有规定”，不要编造。
4. 问到能否申报某个级别时，调用工具 check_eligibility，不要自己判断。
5. 用简体中文，简洁作答。

条款：
{clauses}"""
LLM_REWRITE = "把用户的追问改写成一个完整、独立的问题，只输出改写后的问题本身，不要回答，不要解释。"
LLM_REWRITE_INPUT = "上一个问题：{previous}\n追问：{follow_up}"
NOTE_LLM_FALLBACK = "（大模型服务暂不可用，以下为条款原文摘录的答案。）"

# ---- ingest progress (stderr; see ingest/index.py) ------------------------------------------------
INGEST_PARSED = "解析完成：{docs} 份文件，{clauses} 个条款，{units} 个检索单元"
INGEST_EMBEDDING = "向量化 {done}/{total}（{percent}%）"
INGEST_STORING = "写入向量库：{units} 个检索单元"
INGEST_TOKENIZING = "分词（BM25）：{units} 个检索单元"
INGEST_WRITTEN = "索引已写入 {path}（{seconds:.1f} 秒）"
INGEST_DAMAGED = "索引已损坏，重新构建（{why}）"
NOTE_TITLE_YEARS_COUNTED = "说明：取得职称后的年限按{year}年7月取得、算到{until}计。"
NOTE_WORKS_ELSEWHERE = (
    "注意：申报范围是在本市所属单位从事科技成果转移转化工作的专业技术人才（《申报通知》一、申报人员范围）；"
    "你说在{place}工作，按这一条可能不在申报范围内，以下只是按评价标准核对的结果，请先致电确认：{phones}。"
)
NOTE_AHEAD = "说明：按你说的再过{n}计算，专业工作年限和取得职称后的年限都加上{n}；其他条件按现在的情况核对。"
UNTIL_TODAY = "今天（{date}）"
UNTIL_ROUND = "{year}年度个人网上申报截止日（{date}；文件没有写明年限算到哪一天）"
NOTE_YEARS_AT_MOST = (
    "说明：你{year}年毕业，毕业后的专业工作年限至多{years}年（按{when}毕业算到{until}），不够按学历直接申报所需的年限。"
)
NOTE_YEARS_COUNTED = "说明：专业工作年限按{when}毕业、此后一直从事本专业工作，算到{until}；实际年限以单位审核为准。"
