from types import SimpleNamespace

from framsteg.steering.document_text import mark_text, paragraph_ranges


def version(text: str, pk: int = 1) -> SimpleNamespace:
    return SimpleNamespace(pk=pk, text=text)


def commitment(pk: int, start: int, end: int, version_id: int = 1) -> SimpleNamespace:
    return SimpleNamespace(
        pk=pk,
        source_start=start,
        source_end=end,
        source_version_id=version_id,
        reference=f"1.{pk}",
        get_absolute_url=lambda: f"/atagande/{pk}/",
    )


def target(start: int, end: int, version_id: int = 1) -> SimpleNamespace:
    return SimpleNamespace(source_start=start, source_end=end, version_id=version_id)


def test_paragraphs_are_blocks_separated_by_blank_lines_keeping_their_indent():
    text = "\n\nRubrik\n\n • Första punkten\n • andra \n \n\nSista\n"
    assert [text[s:e] for s, e in paragraph_ranges(text)] == [
        "Rubrik",
        " • Första punkten\n • andra",
        "Sista",
    ]


def test_it_wraps_a_commitment_in_a_mark_with_an_anchor_and_a_link():
    text = "Inledning\n\n • Bygga 500 bostäder"
    start = text.index("Bygga")
    marked = mark_text(version(text), [commitment(7, start, len(text))])
    assert marked.paragraphs[1] == (
        ' • <mark class="commitment-mark" id="c-7"><a href="/atagande/7/" title="Åtagande 1.7">'
        "Bygga 500 bostäder</a></mark>"
    )


def test_it_escapes_the_document_text():
    marked = mark_text(version("<script>alert(1)</script>"), [])
    assert marked.paragraphs == ["&lt;script&gt;alert(1)&lt;/script&gt;"]


def test_it_skips_overlapping_out_of_range_and_other_version_spans():
    text = "Ett två tre fyra"
    first, overlapping = commitment(1, 0, 7), commitment(2, 4, 11)
    beyond, older = commitment(3, 10, 99), commitment(4, 12, 16, version_id=2)
    marked = mark_text(version(text), [first, overlapping, beyond, older])
    assert [c.pk for c in marked.marked] == [1]
    assert [c.pk for c in marked.unmarked] == [2, 3, 4]
    assert marked.paragraphs[0].count("<mark") == 1


def test_a_quantity_inside_a_commitment_is_nested_and_one_crossing_its_edge_is_skipped():
    text = "Bygga ca 500 bostäder per år"
    inside = target(text.index("ca 500"), text.index(" per"))
    crossing = target(0, 8)
    marked = mark_text(version(text), [commitment(1, 6, len(text))], [inside, crossing])
    html = marked.paragraphs[0]
    assert (
        '<a href="/atagande/1/" title="Åtagande 1.1"><mark class="quantity-mark">ca 500 bostäder</mark>'
        in html
    )
    assert html.count("quantity-mark") == 1


def test_a_commitment_across_paragraphs_is_marked_in_each_with_one_anchor():
    text = "Första delen\n\nandra delen"
    marked = mark_text(version(text), [commitment(1, 0, len(text))])
    assert len(marked.paragraphs) == 2
    assert all("commitment-mark" in paragraph for paragraph in marked.paragraphs)
    assert "".join(marked.paragraphs).count('id="c-1"') == 1
