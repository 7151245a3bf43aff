from pathlib import Path

from assistant.ingest.clauses import parse_clauses
from assistant.ingest.corpus import Corpus
from assistant.ingest.documents import Document
from assistant.ingest.documents import load_documents as load_corpus
from assistant.settings import PROJECT_CORPUS


def _records():
    return Corpus.load(PROJECT_CORPUS).clauses


def test_corpus_has_both_documents_verbatim():
    docs = {d.id: d for d in load_corpus(PROJECT_CORPUS)}
    assert set(docs) == {"notice", "standards"}
    assert docs["notice"].year == 2023 and docs["notice"].round_grades == ("副高级", "中级", "初级")
    assert "正高级工程师" in docs["standards"].grades
    assert "联系电话：010—88828948，010—88827905" in docs["notice"].text


def test_contract_clause_id_and_section():
    rec = _records()["notice-2-1"]
    assert rec.section == "二、时间安排及流程 > （一）时间安排"
    assert rec.text.startswith(
        "（一）时间安排。工程技术系列技术经纪专业副高级、中级、初级职称：个人网上申报，7月4日（周二）-7月17日（周一）；"
    )


def test_short_clause_carries_its_grade_in_the_heading_path():
    recs = _records()
    rec = recs["standards-1-2-3"]
    assert rec.text == "（3）大学专科毕业后，从事本专业技术工作满3年；"
    assert rec.section.startswith("一、助理工程师 > 2.学历和专业工作经历")
    assert "一、助理工程师" in rec.search_text
    assert recs["standards-3-1-2-3"].section.startswith("三、高级工程师 > （一）基本条件 > 2.")


def test_every_clause_is_verbatim_corpus_text_and_no_clause_is_cut():
    docs = {d.id: d.text for d in load_corpus(PROJECT_CORPUS)}
    recs = _records()
    for rec in recs.values():
        for line in rec.text.splitlines():
            assert line in docs[rec.doc_id], rec.id
        assert docs[rec.doc_id][rec.start : rec.start + len(rec.text)] == rec.text  # its place in the document
    # the clauses, in order, give back every body line of each document: nothing lost, nothing cut
    for doc in load_corpus(PROJECT_CORPUS):
        lines = [ln.strip() for r in recs.values() if r.doc_id == doc.id for ln in r.text.splitlines()]
        body = [ln.strip() for ln in doc.text.splitlines() if ln.strip()]
        assert body[-len(lines) :] == lines
        assert "".join(body[: -len(lines)]).replace(" ", "") == doc.title.replace(" ", "")


def test_continuation_paragraph_stays_with_its_clause():
    rec = _records()["standards-2-3"]
    assert rec.text.splitlines()[1].startswith("作为参与人在公开发行的学术刊物上发表")
    assert rec.text.endswith("2项及以上。")


def test_list_intro_indexes_the_whole_clause_and_headings_are_not_units():
    recs = _records()
    intro = recs["standards-3-4"]
    assert intro.indexed and "破格申报高级工程师" in intro.full_text and "媒体宣传报道" in intro.full_text
    assert not recs["standards-1"].indexed  # "一、助理工程师" alone says nothing


def test_title_spanning_two_lines_is_skipped_and_preamble_kept():
    recs = _records()
    assert recs["standards-0"].text.startswith("申报工程技术系列（技术经纪）职称人员")
    assert recs["notice-0"].text.startswith("根据市人力资源社会保障局")


def test_parser_on_a_new_document_needs_no_code():
    doc = Document(
        id="faq-2024",
        title="常见问题",
        text="常见问题\n一、报名\n（一）时间。8月1日-8月9日。\n1.说明：\n（1）本科；\n（2）专科。\n补充一句。\n二、其他",
    )
    clauses = parse_clauses(doc)
    assert [c.id for c in clauses] == [
        "faq-2024-1",
        "faq-2024-1-1",
        "faq-2024-1-1-1",
        "faq-2024-1-1-1-1",
        "faq-2024-1-1-1-2",
        "faq-2024-2",
    ]
    assert clauses[4].text == "（2）专科。\n补充一句。"


def test_load_corpus_picks_up_any_new_document(tmp_path: Path):
    for p in PROJECT_CORPUS.iterdir():
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "faq.txt").write_text("FAQ\n一、问\n（一）答。\n", encoding="utf-8")
    (tmp_path / "faq.yaml").write_text("id: faq\ntitle: FAQ\nyear: 2024\n", encoding="utf-8")
    assert [d.id for d in load_corpus(tmp_path)] == ["faq", "notice", "standards"]
