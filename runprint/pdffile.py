"""A PDF file written object by object, straight to where it goes.

Each object is written as soon as it is finished and only its offset is kept (eight
bytes in an array), so a combined PDF of ten thousand pages needs the memory of one.
The cross-reference table and the trailer close the file.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable


class PdfFile:
    def __init__(self, out, version: str = "1.4"):
        self.out = out
        self.position = 0
        self.offsets = array("Q", [0])  # object 0 heads the free list
        # The binary comment tells transfer programs the file is not text.
        self._write(b"%PDF-" + version.encode() + b"\n%\x93\x8c\x8b\x9e runprint\n")

    def reserve(self) -> int:
        """The next object number, to be written later."""
        self.offsets.append(0)
        return len(self.offsets) - 1

    def write_object(self, number: int, formatted: bytes) -> None:
        """An object already formatted as 'N 0 obj ... endobj'."""
        while len(self.offsets) <= number:
            self.offsets.append(0)
        self.offsets[number] = self.position
        self._write(formatted)

    def add(self, number: int, body: bytes) -> None:
        self.write_object(number, b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def add_stream(self, number: int, deflated: bytes) -> None:
        self.add(number, b"<< /Filter [ /FlateDecode ] /Length %d >>\nstream\n%s\nendstream" % (
            len(deflated), deflated))

    def close(self, trailer: Callable[[int, int], bytes]) -> None:
        """Write the cross-reference table, then `trailer(size, startxref)`."""
        missing = [n for n, offset in enumerate(self.offsets) if n and not offset]
        if missing:
            raise ValueError(f"PDF objects reserved but never written: {missing[:5]}")
        start = self.position
        self._write(b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets))
        for at in range(1, len(self.offsets), 4096):
            self._write(b"".join(b"%010d 00000 n \n" % o for o in self.offsets[at:at + 4096]))
        self._write(trailer(len(self.offsets), start))

    def _write(self, data: bytes) -> None:
        self.out.write(data)
        self.position += len(data)
