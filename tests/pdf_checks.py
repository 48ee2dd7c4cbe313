"""Checks that a PDF the system makes is an accessible document (tagged PDF/UA-1), read with
pikepdf, as the Danish public sector's accessibility rules ask of documents on the web."""

import io

import pikepdf


def assert_accessible_pdf(content: bytes, *, title: str, lang: str, tagged=("/H1",)) -> None:
    """A tagged PDF/UA-1 file whose title is `title` (shown instead of the file name) in `lang`,
    with the structure elements `tagged` (headings, tables, figures) among its tags."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root, "not tagged: no structure tree"
        assert root.MarkInfo.Marked is True, "not tagged: MarkInfo /Marked is not true"
        assert str(root.Lang).lower().startswith(lang), f"language is {root.get('/Lang')}"
        assert root.ViewerPreferences.DisplayDocTitle is True, "the title is not displayed"
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1", "no PDF/UA-1 identifier"
        assert title in str(meta.get("dc:title")), f"title is {meta.get('dc:title')!r}"
        assert title in str(pdf.docinfo.get("/Title")), "document information has no title"
        kinds = _structure_kinds(root.StructTreeRoot)
        missing = set(tagged) - kinds
        assert not missing, f"not tagged: {sorted(missing)} (tags: {sorted(kinds)})"


def _structure_kinds(node, seen=None) -> set[str]:
    seen = set() if seen is None else seen
    kids = node.get("/K")
    if kids is None:
        return seen
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            if "/S" in kid:
                seen.add(str(kid.S))
            _structure_kinds(kid, seen)
    return seen
