"""What a file is before it is read: container, text encoding, checksum.

One streaming pass over the bytes computes the SHA-256 checksum (the import
history's identity of a file) and decides how to decode it:

- XLSX is recognised by its ZIP signature whatever the file is called; the old
  binary .xls is refused with a hint, since it cannot be read safely.
- A byte-order mark decides (UTF-8 BOM, as Excel writes "CSV UTF-8"; UTF-16 LE/BE,
  as Excel writes "Unicode text").
- UTF-16 without a BOM is recognised by its NUL bytes.
- Otherwise the file must be valid UTF-8. If it is not, it is read as Windows-1258
  (Vietnamese Windows) only when every non-ASCII character it then yields is a
  Vietnamese letter or tone mark; a UTF-8 file with a few damaged bytes never passes
  that test (its bytes decode to symbols such as "Ã¡"), so it is refused with the
  line of the first damaged bytes instead of being loaded as mojibake.
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

CHUNK = 1 << 20
CSV = "csv"
XLSX = "xlsx"

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_VOWELS = "aăâeêioôơuưy"


def _vietnamese_letters() -> frozenset[str]:
    letters = set("đĐ" + _VOWELS + _VOWELS.upper() + _TONE_MARKS)
    for vowel in _VOWELS + _VOWELS.upper():
        for mark in _TONE_MARKS:
            letters.add(unicodedata.normalize("NFC", vowel + mark))
    return frozenset(letters)


VIETNAMESE_LETTERS = _vietnamese_letters()


@dataclass
class FileFacts:
    """How to read a file, or why it cannot be read (`fatal`: a message key and values)."""

    size: int = 0
    checksum: str = ""
    container: str = CSV
    encoding: str = "utf-8"
    fatal: tuple[str, dict[str, object]] | None = None
    warnings: list[tuple[str, dict[str, object]]] = field(default_factory=list)


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text in a Latin-script file has a NUL in every other byte."""
    sample = head[:4096]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    if odd_nuls > len(sample) // 4:
        return "utf-16-le"
    if even_nuls > len(sample) // 4:
        return "utf-16-be"
    return None


class _TextChecker:
    """Feeds chunks to a strict decoder and remembers the line of the first bad byte or NUL."""

    def __init__(self, decoder_name: str) -> None:
        self.decoder = codecs.getincrementaldecoder(decoder_name)()
        self.lines = 1
        self.bad_line: int | None = None
        self.nul_line: int | None = None

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self.bad_line is not None:
            return
        try:
            text = self.decoder.decode(chunk, final)
        except UnicodeDecodeError as error:
            # The bytes before the error decoded fine; count their lines.
            self.bad_line = self.lines + chunk[: max(error.start, 0)].count(b"\n")
            return
        if self.nul_line is None and "\x00" in text:
            self.nul_line = self.lines + text[: text.index("\x00")].count("\n")
        self.lines += text.count("\n")


def _looks_vietnamese_1258(open_stream: Callable[[], BinaryIO]) -> bool:
    decoder = codecs.getincrementaldecoder("cp1258")()
    with open_stream() as stream:
        while chunk := stream.read(CHUNK):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
            if any(ord(char) > 127 and char not in VIETNAMESE_LETTERS for char in text):
                return False
    return True


def inspect_file(open_stream: Callable[[], BinaryIO]) -> FileFacts:
    facts = FileFacts()
    digest = hashlib.sha256()
    checker: _TextChecker | None = None
    with open_stream() as stream:
        head = stream.read(CHUNK)
        facts.size = len(head)
        digest.update(head)
        if not head:
            facts.fatal = ("empty_file", {})
            facts.checksum = digest.hexdigest()
            return facts
        if head.startswith(_ZIP_MAGIC):
            facts.container = XLSX
        elif head.startswith(_OLE_MAGIC):
            facts.fatal = ("old_excel", {})
        else:
            facts.encoding = (
                next((name for bom, name in _BOMS if head.startswith(bom)), "")
                or _utf16_without_bom(head)
                or "utf-8"
            )
            if facts.encoding in {"utf-16-le", "utf-16-be"}:
                facts.warnings.append(("utf16_guessed", {}))
            checker = _TextChecker(facts.encoding)
            checker.feed(head)
        while chunk := stream.read(CHUNK):
            facts.size += len(chunk)
            digest.update(chunk)
            if checker is not None:
                checker.feed(chunk)
    facts.checksum = digest.hexdigest()
    if checker is None or facts.fatal:
        return facts
    checker.feed(b"", final=True)
    if checker.bad_line is not None:
        if facts.encoding == "utf-8" and _looks_vietnamese_1258(open_stream):
            facts.encoding = "cp1258"
            facts.warnings.append(("read_as_cp1258", {}))
        elif facts.encoding == "utf-8":
            facts.fatal = ("not_utf8", {"line": checker.bad_line})
        else:
            facts.fatal = ("bad_text_encoding", {"line": checker.bad_line})
    elif checker.nul_line is not None:
        facts.fatal = ("nul_bytes", {"line": checker.nul_line})
    return facts
