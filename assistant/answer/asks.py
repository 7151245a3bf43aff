"""What a question asks for, as a type of answer — and whether a clause holds a span of that type.

A question asking for a time of day, a number of days, a count, an address, a format, a form,
a fee or a person is answerable only by a clause about the thing asked that holds such a span;
otherwise the documents leave it open and the answer says so. General patterns, no question lists.

    >>> [answer_type(q) for q in ("答辩每人多长时间", "申报材料要盖章吗", "补充说明最多写多少字？", "咨询电话是多少")]
    ['duration', 'format', 'count', 'phone']
    >>> answer_type("佐证材料交给谁"), holds("recipient", "所有业绩成果都需有相应佐证材料")
    ('recipient', False)
    >>> answer_type("有没有咨询邮箱"), holds("email", "联系电话：010—88828948")
    ('email', False)
    >>> answer_type("技术经纪属于哪个系列"), holds("series", "本市工程技术系列技术经纪专业")
    ('series', True)
    >>> answer_type("为什么硕士要求的年限比本科少"), holds("reason", "硕士研究生毕业后，从事本专业技术工作满2年")
    ('reason', False)
    >>> answer_type("咨询电话一直打不通怎么办"), holds("unreachable", "联系电话：010—88828948")
    ('unreachable', False)
    >>> holds("count", "…等，2项及以上。"), holds("duration", "答辩评审，11月。")
    (True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import NUMERAL as NUM
from ..text import PHONE

# 几 that counts rather than asks ("手头有几个项目", "好几年", "其中几个", "几个同事都报了"), "…什么的" (etc.),
# and a wh-word after 不管/无论 ("不管报哪一级，都要…": whichever, asked of nothing)
SOME = re.compile(
    r"(?:^|(?<=[，,。\s好这那前近过了头上中里位司门他]))几(?:[个项次年位家件篇份条]|十|百)|什么的|(?:啥|什么|哪样)都"
    r"|(?:不管|无论|不论|甭管)[^，,。；;？?！!\s]{0,8}?(?:哪|什么|啥|谁|多少|几)"
)  # "啥都算上": everything, asked of nothing


# "能直接算中级职称吗", "可以抵成果吗": whether one thing counts as another (after the modal that asks it)
COUNTS_AS = r"(?:直接|就)?(?:算|抵|当作?|顶|视为|等同|等于|代替|替代)"


@dataclass(frozen=True)
class AnswerType:
    name: str
    cue: re.Pattern[str]  # the question asks for this
    span: re.Pattern[str]  # a clause holds an answer of this type
    missing: str  # what the documents do not state, for the not-in-documents answer


TYPES: tuple[AnswerType, ...] = (
    AnswerType(  # the reason for a rule: "为什么硕士要求的年限比本科少" (the documents state rules, not reasons)
        "reason",
        re.compile(r"为什么|为啥|为何|凭什么|什么原因|啥原因|原因是|理由是|什么理由|出于什么|\bwhy\b", re.I),
        re.compile(r"根据[^。；]{0,40}《[^》]+》[^。；]{0,30}要求|因为|由于|为了|旨在|目的是"),  # a document's demand
        "这样规定的原因（文件只写了规定本身）",
    ),
    AnswerType(
        "fee",
        re.compile(r"多少钱|费用|收费|缴费标准|交多少|价格|评审费|报名费|fee|cost|how much", re.I),
        re.compile(r"\d+(?:\.\d+)?\s*(?:元|块|万元)|[¥￥]\s*\d"),
        "费用金额",
    ),
    AnswerType(  # the series a specialty belongs to: "技术经纪属于哪个系列"
        "series",
        re.compile(r"(?:哪个|哪一?个?|什么|啥)(?:职称)?系列|属于\S{0,3}(?:哪|什么|啥)(?:一类|类|个系列)"),
        re.compile(r"[\u4e00-\u9fff]{2,6}(?<!非本)系列"),
        "所属系列",
    ),
    AnswerType(  # an age limit: "超过55岁还能报吗", "对年龄有要求吗"
        "age",
        re.compile(r"\d+\s*(?:周)?岁|岁数|年龄|年纪|超龄|退休|\bage\b", re.I),
        re.compile(r"\d+\s*(?:周)?岁|年龄"),
        "年龄要求",
    ),
    AnswerType(  # an amount of money other than a fee: 合同金额, 经济效益, 工资
        "amount",
        re.compile(r"金额|多少万|几万|营收|收入|产值|工资|薪资|薪水|待遇|奖金|补贴|津贴|奖励多少|涨多少|salary", re.I),
        re.compile(r"\d+(?:\.\d+)?\s*(?:元|万元|万|亿元|亿)"),
        "具体金额",
    ),
    AnswerType(  # how to change, undo or redo something: 怎么修改, 如何撤回, 能补报吗
        "procedure",
        re.compile(
            r"(?:怎么|怎样|如何|能不能|能否|可以|可不可以|还能)\S{0,4}(?:修改|更改|变更|更换|更正|撤回|撤销|退回|补报|补交|补充提交|删除|重新提交|重报"
            r"|改成|改为|换成|改一下|换绑|重新绑定)|"
            r"(?:没通过|不通过|未通过|没过|不过|没评上|落选|被退回|失败|挂了)\S{0,8}(?:再报|重新申报|重报|再申报|再次申报|下次|明年|还能报)|"
            r"(?:修改|更改|变更|更换|更正|撤回|撤销|补报|补交)\S{0,2}(?:吗|么|流程|手续|办法)"
        ),
        re.compile(r"修改|更改|变更|更正|撤回|撤销|退回|补报|补交|重新提交"),
        "修改、撤回或补报的办法",
    ),
    AnswerType(  # how to operate the system or pay: "怎么注册申报系统账号", "申报系统怎么登录", "缴费怎么交"
        "howto",
        re.compile(
            r"(?:怎么|怎样|如何|咋)\S{0,3}(?:注册|登录|登陆|缴费|缴纳|交费|付款|支付|打开|下载|上传|找回|绑定|进入|进系统)"
            r"|(?:注册|登录|登陆|缴费|交费|付款|支付|上传|下载)\S{0,4}(?:怎么|怎样|如何|咋|流程|步骤|方式|入口)"
            r"|(?:缴费|费用|评审费)\S{0,2}(?:怎么|如何|咋)\S{0,2}(?:交|缴|付)"
        ),
        re.compile(r"(?:登录|注册|缴纳|支付|上传|下载)[^。；]{0,20}(?:网址|网站|平台|方式|步骤|流程|入口)"),
        "具体操作办法（注册、登录、缴费等）",
    ),
    AnswerType(  # what to do when something goes wrong: "短信没收到怎么办", "系统打不开怎么办"
        "contingency",
        re.compile(
            r"(?:没收到|未收到|收不到|打不开|进不去|登不上|登录不了|上传不了|上传失败|忘了|忘记|丢了|错过了?|出错|报错|卡住)"
            r"\S{0,8}(?:怎么办|咋办|怎么处理|如何处理|怎么弄|找谁)"
        ),
        re.compile(r"(?:如|若|如果|未能|无法)[^。；]{0,20}(?:可|请|须|应)[^。；]{0,10}(?:联系|咨询|补|重新)"),
        "出现该情况时的处理办法",
    ),
    AnswerType(  # what to bring: "答辩要带什么材料"
        "bring",
        re.compile(r"(?:带|携带)\S{0,2}(?:什么|哪些|啥)"),
        re.compile(r"携带|带上|自带"),
        "需要携带的材料",
    ),
    AnswerType(  # 证件: a permit or certificate the documents name ("持有外国人来华工作许可证")
        "certificate",
        re.compile(r"什么证件|哪些证件|哪种证件|什么证(?![明书])|哪些证(?![明书])|要带.{0,4}证|证件"),
        re.compile(r"[\u4e00-\u9fff]{2,12}证(?![明书])"),
        "所需证件",
    ),
    AnswerType(
        "url",
        re.compile(r"网址|链接|域名|url|网页地址|登录地址|登录网站|系统入口|website|link", re.I),
        re.compile(r"https?://|www\.|\.(?:cn|com|org|gov)\b", re.I),
        "网址",
    ),
    AnswerType(
        "time_of_day",
        re.compile(
            r"几点|上午|下午|晚上|中午|工作时间|办公时间|上班时间|接听时间|时段|周末|节假日|休息日|双休|what time", re.I
        ),
        re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*点|上午|下午|工作日|\d+\s*时"),
        "具体时间（几点）",
    ),
    AnswerType(
        "duration",
        re.compile(
            r"(?<!哪)几天|多少天|多长时间|多久|持续|期限|公示期|几个工作日|几个小时|多少小时|几分钟|多少分钟|学时|课时|时长|how long",
            re.I,
        ),
        re.compile(rf"{NUM}\s*(?:天|个工作日|个?小时|学时|课时|周|个月|分钟)"),
        "时长（多少天、多长时间）",
    ),
    AnswerType(
        "count",
        # "哪几项" asks for the items, not how many
        re.compile(
            r"多少字|字数|(?<!哪)几页|页数|(?<!哪)几篇|多少篇|(?<!哪)几项|多少项|多少人|名额|比例|通过率|百分之|(?<!哪)几次|多少次|多少分"
            r"|(?<!哪)几个?(?:字|人|名(?!称)|分(?!钟|之))"
        ),
        re.compile(rf"{NUM}\s*(?:项|篇|个|人|字|页|次|分|名)|%|百分之|排名前"),
        "具体数量",
    ),
    AnswerType(
        "place",
        re.compile(
            r"地址|地点|什么地方|哪个地方|何处|(?:在|去|到)哪[里儿]?(?:举行|举办|进行|开展|办理|提交|交|寄|答|考|面试|现场|办)|"
            r"哪个(?:办公室|窗口|楼)|现场(?:咨询|办理|提交)?|寄到|邮寄|where is"
            r"|(?:答辩|面试|考试|评审会|会场)\S{0,4}在哪(?!个月|一?天|年|月|个时间|段时间)"
        ),
        re.compile(r"[路街巷]\S{0,6}号|号楼|大厦|\d+室|办公室|窗口"),
        "地点或地址",
    ),
    AnswerType(
        "format",
        re.compile(
            r"格式|pdf|word|模板|线上还是线下|线下|纸质|电子版|原件|复印件|扫描件|盖章|公章|印章|签字|签名|照片|尺寸|大小|字体|装订|format"
            r"|线上(?:进行|举行|答辩|评审|考试|面试)|远程|视频(?:答辩|会议|面试)|现场答辩",
            re.I,
        ),
        re.compile(r"格式|pdf|word|模板|线上|线下|纸质|电子版|原件|复印件|扫描|盖章|公章|印章|签字|照片|装订", re.I),
        "格式或形式要求",
    ),
    AnswerType(
        "document",
        re.compile(
            r"哪个文件|哪份文件|什么文件|哪个通知|依据.{0,6}文件|根据.{0,6}文件|文号|发文字号|政策依据|哪个政策|"
            r"以(?:哪|什么)\S{0,6}为准|哪个目录|什么目录|哪个名录|什么名录"
        ),
        re.compile(r"《[^》]+》|〔\d{4}〕\d+号"),
        "文件名称",
    ),
    AnswerType(
        "form",
        re.compile(r"表格|申报表|推荐表|什么表|哪张表|哪些表|登记表"),
        re.compile(r"\S{1,10}表(?![示达彰现])"),
        "需要填写的表格",
    ),
    AnswerType(  # who issued a document: "那个通知是哪个部门发的" (an organisation named before its 《title》)
        "issuer",
        re.compile(
            r"(?:哪个|什么|哪家|哪一个)(?:部门|单位|机构|机关)\S{0,3}(?:发|制定|印发|出台|下发|发布|出的)"
            r"|谁\S{0,2}(?:发的|发布|制定|印发|出台|下发)|发文(?:单位|机关|部门)|由谁(?:发|制定|印发)"
        ),
        re.compile(r"[\u4e00-\u9fff]{2,14}(?:局|委|厅|部|委员会|管委会|政府|办公室)(?=《)"),
        "发文单位",
    ),
    AnswerType(  # a contact other than the phone: "有没有咨询邮箱", "有微信群吗"
        "email",
        re.compile(
            r"^(?!.*(?:电话|热线|phone|call|通知|notif|发|send))(?:.*?)(?:邮箱|e-?mail|电子邮件|邮件地址|微信群|QQ|在线客服)",
            re.I,
        ),
        re.compile(r"[\w.-]+@[\w-]+\.[\w.]+|微信|公众号"),
        "电子邮箱等电话以外的联系方式",
    ),
    AnswerType(  # what to do when the helpline does not answer: "电话打不通怎么办", "一直占线"
        "unreachable",
        re.compile(r"打不通|打不进|没人接|无人接|接不通|占线|联系不上|一直忙|不接电话"),
        re.compile(r"[\w.-]+@[\w-]+\.[\w.]+|微信|公众号|留言|其他联系方式"),
        "电话无法接通时的其他联系办法",
    ),
    AnswerType(  # to whom or where something is handed in: "佐证材料交给谁", "材料寄到哪"
        "recipient",
        re.compile(r"(?:交|提交|报|送|寄|递|上交)(?:给|到|至)(?:谁|哪)|找谁交|交哪儿|交到什么地方"),
        re.compile(
            r"(?:向|交给|提交至|提交到|报送至?|送至|寄至|寄到)[\u4e00-\u9fff]{2,12}(?:局|委|单位|机构|部门|中心|办公室)"
        ),
        "材料交给谁（接收单位）",
    ),
    AnswerType(
        "person",
        re.compile(r"哪些专家|哪位专家|评委是谁|专家是谁|评审专家|谁来评|评委|负责人是谁|联系人"),
        re.compile(r"[\u4e00-\u9fff]{2,3}(?:老师|同志|先生|女士|主任|处长)|专家名单"),
        "具体人员",
    ),
    AnswerType(
        "phone",
        re.compile(r"电话|热线|联系方式|咨询方式|phone|call|hotline|contact", re.I),
        PHONE,
        "电话",
    ),
)
BY_NAME = {t.name: t for t in TYPES}


def answer_type(text: str) -> str | None:
    """The kind of span the question asks for (first cue that matches), or None; "几" that counts
    asks for nothing ("好几项业绩没有合同，还能算吗")."""
    text = SOME.sub("", text)
    for t in TYPES:
        if t.cue.search(text):
            return t.name
    return None


# a count asked in a unit of its own is answered only by a number in that unit ("论文要多少字": not
# "3项及以上"); papers and items (篇, 项) are counted alike: the standard counts 论文 among its 项
UNITS = (
    (re.compile(r"字"), "字"),
    (re.compile(r"页"), "页"),
    (re.compile(r"人|名额"), "[人名]"),
    (re.compile(r"次"), "次"),
    (re.compile(r"分"), "分"),
    (re.compile(r"比例|通过率|百分之"), "%|百分之"),
)


def span_of(name: str, asked: str = "") -> re.Pattern[str]:
    """The span that answers type ``name``; for a count, in the unit ``asked`` uses.

    >>> bool(span_of("count", "论文要多少字").search("3项及以上")), bool(span_of("count", "要几项").search("3项及以上"))
    (False, True)
    """
    t = BY_NAME[name]
    cue = t.cue.search(SOME.sub("", asked)) if name == "count" else None
    unit = next((u for pat, u in UNITS if cue and pat.search(cue[0])), None)
    return re.compile(rf"{NUM}\s*(?:{unit})" if unit and "%" not in unit else unit) if unit else t.span


def holds(name: str, text: str, asked: str = "") -> bool:
    """Does ``text`` hold a span of answer type ``name`` (in the unit ``asked`` counts in)?"""
    return bool(span_of(name, asked).search(text))
