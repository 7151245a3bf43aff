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

LEAD_CONTACT = "咨询电话：{phones}{cite}。"
LEAD_DATE = "{year}年度{activity}时间为{year}年{span}{cite}"
LEAD_DATE_ALL = "{year}年度的时间安排：{items}{cite}。"
LEAD_YEARS = "申报{grade}：{route}{cite}"
LEAD_YEARS_NO_LIMIT = "（未规定年限）"
LEAD_QUOTE = "根据《{source}》“{section}”：{quote}{cite}"

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
