"""One PDF written from several WeasyPrint documents laid out one after another (the parts of a long
transcript, parts.py), holding one layout in memory at a time.

This is WeasyPrint's own ``weasyprint.pdf.generate_pdf`` (70.x, pinned) made to take its pages from a
sequence of documents: each page is painted, tagged and bookmarked as soon as its document arrives, then
the document is dropped; fonts, images and resources are shared by every page, and the metadata, the
document-level tags and the PDF variant (PDF/UA-1, PDF/A-3b) come from the first document. Apart from the
order of its objects, the file is the one WeasyPrint would write for all the pages in one document.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any


def write_parts(
    documents: Iterator[tuple[Any, int, list[Any]]],
    *,
    variant: str,
    identifier: bytes,
    skip_anchors: tuple[str, ...] = (),
) -> tuple[bytes, int]:
    """The PDF of the pages of ``documents`` and its page count.

    Each item: a WeasyPrint Document laid out without its page margins, how many leading pages to leave
    out, and for each of its pages what its margin boxes need (parts.py ``_margins_later``); the margins are
    laid out and drawn once the whole file's page count is known. Options as ``Document.write_pdf(
    pdf_variant=variant, pdf_identifier=identifier, pdf_tags=True)``; ``skip_anchors``: ids that get no
    named destination."""
    import pydyf
    from tinycss2.color5 import D50, D65
    from weasyprint import DEFAULT_OPTIONS, VERSION
    from weasyprint.anchors import make_page_bookmark_tree
    from weasyprint.draw import draw_stacking_context
    from weasyprint.layout.background import layout_box_backgrounds
    from weasyprint.layout.page import make_margin_boxes
    from weasyprint.matrix import Matrix
    from weasyprint.pdf import VARIANTS, _use_references, _w3c_date_to_pdf
    from weasyprint.pdf.anchors import (
        add_annotations,
        add_forms,
        add_links,
        add_outlines,
        resolve_links,
    )
    from weasyprint.pdf.fonts import build_fonts_dictionary
    from weasyprint.pdf.stream import Stream
    from weasyprint.pdf.tags import _build_box_tree
    from weasyprint.stacking import StackingContext

    options = {**DEFAULT_OPTIONS, "pdf_variant": variant, "pdf_identifier": identifier}
    variant_function, properties = VARIANTS[variant]
    for key, value in properties.items():
        if options.get(key) is None:
            options[key] = value
    compress, scale = True, 0.75

    class Written(pydyf.Object):
        """A finished PDF object held as its serialized bytes (what pydyf writes for it)."""

        def __init__(self, source: Any, *, compressible: bool) -> None:  # noqa: ANN401 - pydyf's
            super().__init__()
            self.number, self.generation = source.number, source.generation
            self._data = source.data
            self._compressible = compressible

        @property
        def data(self) -> bytes:
            return self._data

        @property
        def compressible(self) -> bool:
            return self._compressible and not self.generation

    first, first_lead, first_margins = next(documents)
    metadata = first.metadata
    color_profiles = first.color_profiles
    output_intent = first.output_intent
    if options["output_intent"] == "srgb":
        from importlib.resources import files

        from weasyprint.css import ColorProfile

        color_profiles["srgb"] = ColorProfile(
            (files("weasyprint.pdf") / "sRGB2014.icc").open("rb"),
            "sRGB2014.icc",
            "relative-colorimetric",
            (["r"], ["g"], ["b"]),
        )

    class PDF(pydyf.PDF):
        """pydyf's PDF, with the pages' references kept as pages are added: pydyf builds the list anew at
        each reading, and the tags read it for every structure element (quadratic in the pages)."""

        def __init__(self) -> None:
            self._references: list[bytes] = []
            super().__init__()

        def add_page(self, page: Any) -> None:  # noqa: ANN401 - a pydyf Dictionary
            super().add_page(page)
            self._references.append(f"{page.number} 0 R".encode("ascii"))

        @property
        def page_references(self) -> list[bytes]:
            return self._references

    pdf = PDF()
    images: dict[str, Any] = {}
    color_space = pydyf.Dictionary(
        {
            "lab-d50": pydyf.Array(
                (
                    "/Lab",
                    pydyf.Dictionary(
                        {"WhitePoint": pydyf.Array(D50), "Range": pydyf.Array(_RANGE)}
                    ),
                )
            ),
            "lab-d65": pydyf.Array(
                (
                    "/Lab",
                    pydyf.Dictionary(
                        {"WhitePoint": pydyf.Array(D65), "Range": pydyf.Array(_RANGE)}
                    ),
                )
            ),
        }
    )
    for key, color_profile in color_profiles.items():
        profile = pydyf.Stream(
            [color_profile.content],
            pydyf.Dictionary({"N": len(color_profile.components)}),
            compress=compress,
        )
        pdf.add_object(profile)
        color_profile.pdf_reference = profile.reference
        color_space[key] = pydyf.Array(("/ICCBased", profile.reference))
    pdf.add_object(color_space)
    resources = pydyf.Dictionary(
        {
            "ExtGState": pydyf.Dictionary(),
            "XObject": pydyf.Dictionary(),
            "Pattern": pydyf.Dictionary(),
            "Shading": pydyf.Dictionary(),
            "ColorSpace": color_space.reference,
        }
    )
    pdf.add_object(resources)

    # The structure tree's root, as weasyprint.pdf.tags.add_tags makes it.
    content_mapping = pydyf.Dictionary({"Nums": pydyf.Array()})
    pdf.add_object(content_mapping)
    structure_root = pydyf.Dictionary(
        {"Type": "/StructTreeRoot", "ParentTree": content_mapping.reference}
    )
    pdf.add_object(structure_root)
    structure_document = pydyf.Dictionary(
        {"Type": "/StructElem", "S": "/Document", "K": pydyf.Array(), "P": structure_root.reference}
    )
    pdf.add_object(structure_document)
    structure_root["K"] = pydyf.Array([structure_document.reference])
    pdf.catalog["StructTreeRoot"] = structure_root.reference

    fonts: dict[Any, Any] = {}
    names: dict[str, Any] = {}  # anchors: the first of each name, as WeasyPrint keeps
    annotations: list[Any] = []
    annot_files: dict[Any, Any] = {}
    bookmarks: list[Any] = []
    skipped_levels: list[int] = []
    last_by_depth: list[Any] = [bookmarks]
    previous_level = 0
    number = 0  # pages written so far
    later: list[tuple[Any, ...]] = []  # pages whose margins are drawn at the end

    def new_stream(rectangle: tuple[float, ...], tags: dict[Any, Any]) -> Any:  # noqa: ANN401
        """A page's content stream, drawing with the file's shared fonts and resources."""
        return Stream(
            fonts,
            rectangle,
            resources,
            images,
            tags,
            color_profiles,
            output_intent,
            compress=compress,
        )

    def pages_of(document: Any, lead: int, margins: list[Any]) -> None:  # noqa: ANN401
        nonlocal number, previous_level
        pages = document.pages[lead:]
        assert len(margins) == len(document.pages), "a page's margins were not deferred"
        document.fonts = fonts  # shared: one subset of each font for the whole file
        for page, links_and_anchors, margin in zip(
            pages, resolve_links(pages), margins[lead:], strict=True
        ):
            tags: dict[Any, Any] = {}
            matrix = Matrix(scale, 0, 0, -scale, 0, page.height * scale)
            bleed = page.bleed
            left, top = -scale * bleed["left"], -scale * bleed["top"]
            right = left + scale * (page.width + bleed["left"] + bleed["right"])
            bottom = top + scale * (page.height + bleed["top"] + bleed["bottom"])
            rectangle = (left / scale, top / scale, (right - left) / scale, (bottom - top) / scale)
            stream = new_stream(rectangle, tags)
            stream.transform(d=-1, f=(page.height * scale))
            pdf.add_object(stream)
            pdf_page = pydyf.Dictionary(
                {
                    "Type": "/Page",
                    "Parent": pdf.pages.reference,
                    "MediaBox": pydyf.Array([left, top, right, bottom]),
                    "Contents": pydyf.Array([stream.reference]),  # then the margins' stream
                    "Resources": resources.reference,
                    "Tabs": "/S",
                    "StructParents": number,
                }
            )
            pdf.add_page(pdf_page)
            found: list[Any] = []
            add_links(links_and_anchors, matrix, pdf, pdf_page, found, tags)
            for name, destination in found:
                if name not in skip_anchors:
                    names.setdefault(name, destination)
            add_annotations(
                links_and_anchors[0], matrix, document, pdf, pdf_page, annot_files, compress
            )
            add_forms(
                page.forms, matrix, pdf, pdf_page, resources, stream, document.font_config.font_map
            )
            page.paint(stream, scale)
            trim = {key: value * 0.75 for key, value in bleed.items()}
            trim_box = [left + trim["left"], top + trim["top"]]
            trim_box += [right - trim["right"], bottom - trim["bottom"]]
            pdf_page["TrimBox"] = pydyf.Array(trim_box)
            pdf_page["BleedBox"] = pydyf.Array(
                [
                    trim_box[0] - min(10, trim["left"]),
                    trim_box[1] - min(10, trim["top"]),
                    trim_box[2] + min(10, trim["right"]),
                    trim_box[3] + min(10, trim["bottom"]),
                ]
            )
            # Tags of this page (weasyprint.pdf.tags.add_tags's loop), while its boxes are in memory.
            content_mapping["Nums"].append(number)
            content_mapping["Nums"].append(pydyf.Array())
            page_nums: dict[int, Any] = {}
            tagged_from = len(pdf.objects)
            for element in _build_box_tree(
                page._page_box,
                structure_document,
                pdf,
                number,
                page_nums,
                annotations,
                tags,
            ):
                structure_document["K"].append(element.reference)
            content_mapping["Nums"][-1].extend(ref for _, ref in sorted(page_nums.items()))
            # Bookmarks (Document.make_bookmark_tree), numbered in the whole file.
            previous_level = make_page_bookmark_tree(
                page,
                skipped_levels,
                last_by_depth,
                previous_level,
                number,
                Matrix(a=scale, d=-scale, f=page.height * scale),
            )
            # The drawing is wrapped in q … Q, so that the margins' stream starts from the same state.
            stream.stream = [b"q", *stream.stream, b"Q"]
            freeze(tagged_from, stream)
            page._page_box.children = ()  # the body's boxes are drawn: free them now
            later.append(
                (pdf_page, page._page_box, margin, rectangle, page.height, len(page_nums), number)
            )
            number += 1

    def freeze(tagged_from: int, stream: Any) -> None:  # noqa: ANN401 - a pydyf Stream
        """The page's drawing and its new structure elements are final: kept as their bytes, far less
        memory than WeasyPrint's lists of operators and dictionaries."""
        for index in range(tagged_from, len(pdf.objects)):
            found = pdf.objects[index]
            if isinstance(found, dict) and found.get("Type") == "/StructElem":
                pdf.objects[index] = Written(found, compressible=True)
        pdf.objects[stream.number] = Written(stream, compressible=False)

    def margins_of(page_entry: tuple[Any, ...], total: int) -> None:
        """Lay out and draw one page's margin boxes, now that the file's page count is ``total``."""
        pdf_page, page_box, margin, rectangle, height, marked, index = page_entry
        context, _, state, local_number = margin
        counters = {**state[1], "pages": [total]}
        context.current_page = local_number
        boxes = list(make_margin_boxes(context, page_box, (state[0], counters, *state[2:])))
        for box in boxes:
            layout_box_backgrounds(page_box, box, context.get_image_from_uri)
        page_box.children = tuple(boxes)
        # Marked-content ids go on from the body's: its ``marked`` ids are taken by placeholders.
        placeholders = [object() for _ in range(marked)]
        tags: dict[Any, Any] = dict.fromkeys(placeholders)
        stream = new_stream(rectangle, tags)
        pdf.add_object(stream)
        with stream.stacked():
            stream.transform(d=-1, f=(height * scale))
            with stream.stacked():
                stream.transform(a=scale, d=scale)
                draw_stacking_context(stream, StackingContext.from_page(page_box))
        tagged_from = len(pdf.objects)
        page_nums: dict[int, Any] = {}
        for _ in _build_box_tree(
            page_box, structure_document, pdf, index, page_nums, annotations, tags
        ):
            pass  # margin boxes are tagged outside the tree, as WeasyPrint does
        assert set(tags) == set(placeholders), "a margin box was drawn but not tagged"
        nums = content_mapping["Nums"][2 * index + 1]
        nums.extend(ref for _, ref in sorted(page_nums.items()))
        pdf_page["Contents"].append(stream.reference)
        freeze(tagged_from, stream)
        page_box.children = ()

    pages_of(first, first_lead, first_margins)
    del first, first_margins
    for document, lead, margins in documents:
        pages_of(document, lead, margins)
        del document, margins  # before the next part is laid out
    for entry in later:
        margins_of(entry, number)
    later.clear()

    # Links' annotations in the structure tree (add_tags), then the document-level entries.
    for key, (reference, annotation) in enumerate(annotations, start=number):
        content_mapping["Nums"].append(key)
        content_mapping["Nums"].append(reference)
        annotation["StructParent"] = key
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    pdf.catalog["MarkInfo"] = pydyf.Dictionary({"Marked": "true"})
    add_outlines(pdf, bookmarks)
    pdf.info["Producer"] = pydyf.String(f"WeasyPrint {VERSION}")
    for field, value in (
        ("Title", metadata.title),
        ("Author", ", ".join(metadata.authors) if metadata.authors else None),
        ("Subject", metadata.description),
        ("Keywords", ", ".join(metadata.keywords) if metadata.keywords else None),
        ("Creator", metadata.generator),
        ("CreationDate", _w3c_date_to_pdf(metadata.created, "created")),
        ("ModDate", _w3c_date_to_pdf(metadata.modified, "modified")),
    ):
        if value:
            pdf.info[field] = pydyf.String(value)
    pdf.catalog["Lang"] = pydyf.String(metadata.lang or "")
    pdf_fonts = build_fonts_dictionary(pdf, fonts, compress, True, options)
    pdf.add_object(pdf_fonts)
    resources["Font"] = pdf_fonts.reference
    _use_references(pdf, resources, images, color_profiles)
    if names:
        array = pydyf.Array()
        for name in sorted(names):
            array.append(pydyf.String(name))
            array.append(names[name])
        pdf.catalog["Names"] = pydyf.Dictionary({"Dests": pydyf.Dictionary({"Names": array})})
    profile = color_profiles.get(output_intent) or color_profiles.get("device-cmyk")
    if profile is None and color_profiles:
        profile = next(iter(color_profiles.values()))
    if profile is not None:
        subtype = "/GTS_PDFA1" if "pdf/a" in variant else "/GTS_PDFX"
        intents = pydyf.Dictionary({"Type": "/OutputIntent", "S": subtype})
        intents["OutputConditionIdentifier"] = pydyf.String(profile.name)
        intents["Info"] = pydyf.String(profile.name)
        intents["DestOutputProfile"] = profile.pdf_reference
        pdf.catalog["OutputIntents"] = pydyf.Array([intents])

    class _Metadata:  # what the variant functions read of the document
        pass

    holder = _Metadata()
    holder.metadata = metadata
    variant_function(pdf, holder, [], [], compress)  # (page streams: read by PDF/X only)
    out = io.BytesIO()
    pdf.write(out, options["pdf_version"], identifier, compress)
    return out.getvalue(), number


_RANGE = (-125, 125, -125, 125)
