"""compare's readers on real files made by real tools (Chromium print-to-PDF, python-docx,
pypdf's encryption), and every kind of bad input. No build needed."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from compare.errors import UnreadableDocumentError, UnsupportedFormatError
from compare.read import blocks_to_passages, Block, read_document, split_long
from compare.settings import CompareSettings

FIXTURES = Path(__file__).parent / "fixtures" / "compare"
_spec = importlib.util.spec_from_file_location("make_files", FIXTURES / "make_files.py")
make_files = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_files)

POLICY_MD = (FIXTURES / "policy_en.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("compare-files")
    html = make_files.markdown_html(POLICY_MD, title="National Strategy 2025-2030", page_breaks_before_h2=True)
    (d / "policy.html").write_text(html, encoding="utf-8")
    make_files.print_pdf(html, d / "policy.pdf")
    make_files.write_docx(POLICY_MD, d / "policy.docx")
    return d


def test_pdf_printed_by_chromium_has_pages_headings_and_paragraphs(files):
    doc = read_document(files / "policy.pdf")
    assert doc.format == "pdf" and doc.pages >= 8          # a page break before each of 8 sections
    hours = next(p for p in doc.passages if "21:00" in p.text)
    assert hours.heading.endswith("2. Where care is provided")
    assert hours.page == 3                                  # title + purpose on 1, section 1 on 2
    assert "p. 3" in hours.location and "2. Where care is provided" in hours.location
    # the wrapped lines of one paragraph are one passage, the next paragraph another
    assert hours.text.startswith("Clinics stay open until 21:00") and "Consultations" not in hours.text
    assert doc.title == "National Strategy 2025-2030"      # the PDF's metadata title


def test_a_numbered_paragraph_in_a_pdf_keeps_its_first_line(tmp_path):
    """A numbered provision whose first line wraps is one paragraph, not a heading (its
    first line) over the rest: the quote keeps its subject."""
    provision = ("4.3. Prisoners demonstrating positive toxicological examinations repeatedly throughout "
                 "consecutive semesters shall be offered a place in the treatment unit, and the health unit "
                 "shall explain the programme to them.")
    md = "# Prison health policy\n\n## 4. Treatment in prison\n\n" + "\n\n".join(
        [provision, "4.4. Pregnant women shall be offered opioid agonist treatment and antenatal care "
                    "in the mother and baby unit of the prison, with follow-up after release."] * 3)
    make_files.print_pdf(make_files.markdown_html(md, title="Prison health policy"), tmp_path / "p.pdf")
    doc = read_document(tmp_path / "p.pdf")
    assert any(p.text.startswith("4.3. Prisoners demonstrating") and "health unit shall explain" in p.text
               for p in doc.passages)
    assert all(p.heading.endswith("4. Treatment in prison") for p in doc.passages)


def test_passages_offered_early_while_a_pdf_is_read_are_its_final_passages(files):
    """The workers start embedding the pages read so far; none of that work is wasted
    and the document read is the same as without it."""
    offered = []
    doc = read_document(files / "policy.pdf", CompareSettings(early_passages_every_pages=2), early=offered.append)
    assert len(offered) >= 3 and all(offered)            # a call every two pages of 8+
    final = [p.text for p in doc.passages]
    assert all(t in final for batch in offered for t in batch)
    assert len(set(t for batch in offered for t in batch)) >= len(final) // 2
    assert doc == read_document(files / "policy.pdf")


def test_docx_written_by_python_docx_keeps_heading_styles(files):
    doc = read_document(files / "policy.docx")
    assert doc.format == "docx" and doc.pages is None
    assert doc.title.startswith("National Strategy for the Treatment of Drug Dependence")
    prisons = next(p for p in doc.passages if p.text.startswith("Prisons will offer"))
    assert prisons.heading == "5. People in contact with the justice system"
    assert prisons.location.startswith("5. People in contact")


def test_docx_table_rows_become_passages(tmp_path):
    import docx
    d = docx.Document()
    d.add_heading("Services by level", level=1)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "District hospital", "specialised addiction unit with inpatient withdrawal beds"
    t.cell(1, 0).text, t.cell(1, 1).text = "Community centre", "screening, brief counselling and referral to the district unit"
    d.save(str(tmp_path / "t.docx"))
    doc = read_document(tmp_path / "t.docx")
    assert any("District hospital | specialised addiction unit" in p.text for p in doc.passages)


def test_html_markdown_and_text_read_the_same_sections(files, tmp_path):
    html = read_document(files / "policy.html")
    md = read_document(FIXTURES / "policy_en.md")
    text_file = tmp_path / "policy.txt"
    text_file.write_text(POLICY_MD.replace("## ", "").replace("# ", "").replace("*", ""), encoding="utf-8")
    txt = read_document(text_file)
    for doc in (html, md, txt):
        hours = next(p for p in doc.passages if "21:00" in p.text)
        assert "Where care is provided" in hours.heading, doc.format
    assert md.title == "National Strategy for the Treatment of Drug Dependence 2025–2030"
    assert html.title == "National Strategy 2025-2030"


def test_plain_text_pages_from_form_feeds_and_list_lead_ins(tmp_path):
    f = tmp_path / "law.txt"
    f.write_text("TREATMENT ACT\n\nArticle 1\nTreatment of drug dependence is a health service provided by the "
                 "Ministry of Health in every district.\n\fArticle 2\nEvery treatment centre shall provide:\n"
                 "- opioid agonist treatment\n- counselling\n", encoding="utf-8")
    doc = read_document(f)
    assert [p.page for p in doc.passages] == [1, 2]
    assert doc.passages[1].heading.endswith("Article 2")
    # the short items are read with their lead-in, not alone
    assert "shall provide:" in doc.passages[1].text and "counselling" in doc.passages[1].text


def test_long_paragraphs_are_cut_at_sentence_ends():
    text = " ".join(f"Sentence number {i} says something about treatment services." for i in range(60))
    pieces = split_long(text, 100)
    assert all(len(p.split()) <= 100 for p in pieces) and len(pieces) > 3
    assert all(p.endswith(".") for p in pieces)
    passages = blocks_to_passages([Block("heading", "Intro", 1), Block("text", text)], CompareSettings())
    assert len(passages) == len(split_long(text, CompareSettings().max_passage_words))


# -- bad input ----------------------------------------------------------------------------

def test_scanned_pdf_without_text_layer(tmp_path):
    html = "<html><body><div style='width:500px;height:700px;background:repeating-linear-gradient(" \
           "0deg,#999 0 2px,#fff 2px 14px)'></div></body></html>"
    make_files.print_pdf(html, tmp_path / "scan.pdf")
    with pytest.raises(UnreadableDocumentError, match="no text layer.*OCR"):
        read_document(tmp_path / "scan.pdf")


def test_encrypted_pdf(files, tmp_path):
    import pypdf
    writer = pypdf.PdfWriter(clone_from=str(files / "policy.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    writer.write(str(tmp_path / "locked.pdf"))
    with pytest.raises(UnreadableDocumentError, match="encrypted with a password"):
        read_document(tmp_path / "locked.pdf")


def test_pdf_with_owner_password_only_is_read(files, tmp_path):
    # Restrictions without a user password: any reader opens it, and so do we.
    import pypdf
    writer = pypdf.PdfWriter(clone_from=str(files / "policy.pdf"))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    writer.write(str(tmp_path / "restricted.pdf"))
    assert any("21:00" in p.text for p in read_document(tmp_path / "restricted.pdf").passages)


def test_corrupt_files(files, tmp_path):
    data = (files / "policy.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 3])
    (tmp_path / "fake.pdf").write_bytes(b"this is not a PDF at all")
    (tmp_path / "fake.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    for name, pattern in (("cut.pdf", "damaged|no text layer"), ("fake.pdf", "not a PDF"),
                          ("fake.docx", "not a DOCX|damaged"), ("binary.txt", "binary file")):
        with pytest.raises(UnreadableDocumentError, match=pattern) as info:
            read_document(tmp_path / name)
        assert name in str(info.value) and "\n" not in str(info.value)


def test_encrypted_or_old_word_file(tmp_path):
    (tmp_path / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(UnreadableDocumentError, match="encrypted .*old-format Word"):
        read_document(tmp_path / "locked.docx")


def test_a_folder_is_refused_in_one_line(tmp_path):
    with pytest.raises(UnreadableDocumentError, match="is a folder; give one document in it"):
        read_document(tmp_path)


def test_empty_and_unsupported_files(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "blank.md").write_text("\n\n   \n", encoding="utf-8")
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(UnreadableDocumentError, match="the file is empty"):
        read_document(tmp_path / "empty.pdf")
    with pytest.raises(UnreadableDocumentError, match="no text found"):
        read_document(tmp_path / "blank.md")
    with pytest.raises(UnsupportedFormatError, match=r"cannot read '\.xlsx' files.*PDF.*DOCX"):
        read_document(tmp_path / "sheet.xlsx")
    with pytest.raises(UnreadableDocumentError, match="no such file"):
        read_document(tmp_path / "missing.pdf")


def test_page_limit_and_progress(tmp_path):
    """A 300-page PDF reports its progress page by page; past the page limit it is
    refused at once, with what to do."""
    html = make_files.markdown_html(make_files.long_policy_markdown(300), page_breaks_before_h2=True)
    pdf = make_files.print_pdf(html, tmp_path / "long.pdf")
    seen = []
    doc = read_document(pdf, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert doc.pages >= 300
    assert seen[-1] == ("reading pages", doc.pages, doc.pages) and len(seen) >= 30
    assert [d for _, d, _ in seen] == sorted(d for _, d, _ in seen)
    with pytest.raises(UnreadableDocumentError, match=r"more than the 100-page limit; split"):
        read_document(pdf, CompareSettings(max_pages=100))


def test_short_numbered_provisions_are_each_a_passage_with_their_number(tmp_path):
    # a national policy's clauses, however short, are what a reader cites: never joined
    # to the one before as a bullet is to its lead-in (Markdown drops the numbers; kept)
    clauses = ["El tratamiento será voluntario.", "La policía llevará un registro de consumidores.",
               "Los centros abrirán hasta las 21:00.", "Las embarazadas tendrán acceso prioritario."]
    for name, text in (("politica.md", "# Política\n\n## Disposiciones\n\n"),
                       ("politica.txt", "Política\n\nDisposiciones\n\n")):
        path = tmp_path / name
        path.write_text(text + "\n".join(f"{i}. {c}" for i, c in enumerate(clauses, start=1)) + "\n",
                        encoding="utf-8")
        doc = read_document(path)
        assert [p.text for p in doc.passages] == [f"{i}. {c}" for i, c in enumerate(clauses, start=1)], name
