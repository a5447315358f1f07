"""Where the proposal record (``proposal_record``) lives inside the letter files, written and read back.

.docx: custom document properties (``docProps/custom.xml``) ``HazeDeskRecord01``, ``HazeDeskRecord02`` … holding the
record's JSON in slices of at most 255 characters. Word keeps custom properties when the officer edits and saves
the letter, and 255 characters is the longest property value it keeps intact.

PDF: an embedded file ``hazedesk-proposal.json`` (the catalog's ``/Names /EmbeddedFiles`` tree), which readers
list as an attachment. Reading does not need a PDF library: embedded files are always top-level stream
objects, so the reader decodes each stream whose dictionary says ``/EmbeddedFile`` (Flate / ASCII85 / none) and
takes the one holding a HazeDesk record — which also works after a tool re-saves the PDF with object streams.
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
import zlib
from xml.etree import ElementTree

from app import untrusted
from app.errors import InputError, Problem
from app.export.proposal_record import EXPECTED, PDF_ATTACHMENT_NAME, RECORD_FORMAT

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_PARTNAME = "/docProps/custom.xml"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id Word uses for user-defined properties
PROPERTY_PREFIX = "HazeDeskRecord"
SLICE = 255


# -- .docx ------------------------------------------------------------------------------------------------
def embed_docx_record(document, text: str) -> None:
    """Put the record into a python-docx ``Document`` as custom properties (other custom properties are kept)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    try:
        part = package.part_related_by(RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
    except KeyError:
        part = None
    root = ElementTree.fromstring(part.blob) if part is not None and part.blob else \
        ElementTree.Element(f"{{{CUSTOM_NS}}}Properties")
    for prop in list(root):
        if prop.get("name", "").startswith(PROPERTY_PREFIX):
            root.remove(prop)
    pid = max([int(p.get("pid", "1")) for p in root] + [1])
    slices = [text[i:i + SLICE] for i in range(0, len(text), SLICE)]
    for number, piece in enumerate(slices, 1):
        pid += 1
        prop = ElementTree.SubElement(root, f"{{{CUSTOM_NS}}}property",
                                      {"fmtid": FMTID, "pid": str(pid), "name": f"{PROPERTY_PREFIX}{number:02d}"})
        ElementTree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = piece
    ElementTree.register_namespace("", CUSTOM_NS)
    ElementTree.register_namespace("vt", VT_NS)
    blob = ElementTree.tostring(root, encoding="UTF-8", xml_declaration=True)
    if part is None:
        package.relate_to(Part(PackURI(CUSTOM_PARTNAME), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, blob, package),
                          RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
    else:
        part._blob = blob  # a generic Part keeps its bytes here; python-docx has no custom-properties API


def docx_record_text(path: str) -> str:
    """The record's JSON from a .docx; InputError when the file is not a Word file or carries no record."""
    data = untrusted.read_bounded(path, "letter", expected=EXPECTED)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            target = _custom_part_name(archive, path)
            root = ElementTree.fromstring(_read_part(archive, target, path))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:  # no zip, a part missing, bad XML
        raise InputError(Problem("not a readable Word (.docx) file", file=path, expected=EXPECTED)) from exc
    except OSError as exc:
        raise InputError(Problem(f"cannot read the file: {exc.strerror or exc}", file=path)) from exc
    slices = {}
    for prop in root:
        name = prop.get("name", "")
        if name.startswith(PROPERTY_PREFIX) and name[len(PROPERTY_PREFIX):].isdigit():
            value = prop.find(f"{{{VT_NS}}}lpwstr")
            slices[int(name[len(PROPERTY_PREFIX):])] = (value.text or "") if value is not None else ""
    if not slices:
        raise _not_ours(path)
    if sorted(slices) != list(range(1, len(slices) + 1)):
        raise InputError(Problem("the HazeDesk record in this letter is damaged (a part of it is missing)", file=path,
                                 column="custom properties", value=", ".join(f"{PROPERTY_PREFIX}{n:02d}" for n in sorted(slices)),
                                 expected=f"{PROPERTY_PREFIX}01 … without gaps"))
    return "".join(slices[n] for n in sorted(slices))


MAX_PART_BYTES = 16 * 1024 * 1024  # the record's part and the package's relations: a few KB in a real letter


def _read_part(archive: zipfile.ZipFile, name: str, path: str) -> bytes:
    """One part of the package, refused when it would expand beyond :data:`MAX_PART_BYTES` (a zip bomb)."""
    size = archive.getinfo(name).file_size  # KeyError: no such part (the caller says: not a Word file)
    if size > MAX_PART_BYTES:
        raise InputError(Problem(f"a part of the Word file would expand to {size // 2**20} MB", file=path,
                                 column=name, expected=EXPECTED))
    with archive.open(name) as handle:
        return handle.read(MAX_PART_BYTES + 1)[:MAX_PART_BYTES]


def _custom_part_name(archive: zipfile.ZipFile, path: str) -> str:
    rels = ElementTree.fromstring(_read_part(archive, "_rels/.rels", path))
    for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type") == CUSTOM_RELTYPE:
            return rel.get("Target", "").lstrip("/")
    if "word/document.xml" not in archive.namelist():
        raise InputError(Problem("not a Word (.docx) file", file=path, expected=EXPECTED))
    raise _not_ours(path)


def _not_ours(path: str) -> InputError:
    return InputError(Problem("this letter carries no HazeDesk record (not exported by HazeDesk, or exported before "
                              "letters carried one)", file=path, expected=EXPECTED))


# -- PDF --------------------------------------------------------------------------------------------------
def attach_pdf_record(canvas, text: str) -> None:
    """Attach the record to the PDF a ReportLab ``canvas`` draws, as the embedded file ``hazedesk-proposal.json``."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

    document = canvas._doc  # ReportLab's public API has catalog entries but no file attachments
    data = text.encode("utf-8")
    stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"),
                                      "Params": PDFDictionary({"Size": len(data)})}), content=data)
    spec = PDFDictionary({"Type": PDFName("Filespec"), "F": PDFString(PDF_ATTACHMENT_NAME),
                          "UF": PDFString(PDF_ATTACHMENT_NAME), "Desc": PDFString("HazeDesk proposal record"),
                          "EF": PDFDictionary({"F": document.Reference(stream)})})
    names = PDFArray([PDFString(PDF_ATTACHMENT_NAME), document.Reference(spec)])
    canvas.setCatalogEntry("Names", {"EmbeddedFiles": PDFDictionary({"Names": names})})


# a stream object's dictionary: "<< … >>" right before "stream", never reaching into another object or stream
_STREAM = re.compile(rb"<<((?:(?!stream|obj\b).){0,2000}?)>>\s*stream\r?\n", re.S)


def pdf_record_text(path: str) -> str:
    """The record's JSON from a PDF's embedded files; InputError for a file that is no PDF or has no record."""
    data = untrusted.read_bounded(path, "letter", expected=EXPECTED)
    if not data.lstrip()[:5] == b"%PDF-":
        raise InputError(Problem("not a PDF file", file=path, expected=EXPECTED))
    damaged = None
    for match in _STREAM.finditer(data):
        header = match.group(1)
        if b"/EmbeddedFile" not in header:
            continue
        body = _stream_body(data, match.end(), header)
        try:
            text = _decode(body, header).decode("utf-8")
        except (ValueError, zlib.error):
            damaged = damaged or InputError(Problem("the HazeDesk record in this PDF is damaged (it cannot be "
                                                    "decompressed)", file=path, expected=EXPECTED))
            continue
        if text.lstrip().startswith("{") and RECORD_FORMAT in text[:200]:
            return text
    raise damaged or _not_ours(path)


def _stream_body(data: bytes, start: int, header: bytes) -> bytes:
    length = re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", header)
    if length:
        return data[start:start + int(length.group(1))]
    end = data.find(b"endstream", start)  # an indirect /Length: the stream ends at the keyword
    return data[start:end].rstrip(b"\r\n")


def _decode(body: bytes, header: bytes) -> bytes:
    filters = re.findall(rb"/(FlateDecode|Fl|ASCII85Decode|A85)\b", header.split(b"/Filter", 1)[-1]) \
        if b"/Filter" in header else []
    for name in filters:
        if name in (b"FlateDecode", b"Fl"):
            body = zlib.decompress(body)
        else:
            body = body.strip().removeprefix(b"<~").removesuffix(b"~>")
            body = base64.a85decode(body)
    return body
