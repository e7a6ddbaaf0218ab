"""A .docx or .xlsx saved with a password to open it (Word, Excel, WPS: 文件 > 加密) given to
``plandesk draft`` says so, in both languages; before, a .docx was 'damaged, or a .doc: save it
as .docx' and an .xlsx 'not a readable workbook', which saving as .docx/.xlsx does not mend. The
check is the one the ledger's returned workbooks use (store.office_files). An old .doc, which is
an OLE file too but holds no encrypted package, is still told to be saved as .docx."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store.office_files import OLE_MAGIC, password_protected
from tests.conftest import FIXTURES

# an OOXML package encrypted by msoffcrypto-tool as Excel does (password 123): a Word document
# encrypted by Word has the same container and streams, only the package inside differs
ENCRYPTED = FIXTURES / "ledger_password.xlsx"


@pytest.mark.parametrize("name", ["规划.docx", "任务分解表.xlsx"])
@pytest.mark.parametrize(("lang", "said"), [("en", "protected by a password to open it"), ("zh", "文件设置了打开密码")])
def test_a_password_protected_document_says_so(cli, tmp_path: Path, name: str, lang: str, said: str) -> None:
    path = tmp_path / name
    shutil.copy(ENCRYPTED, path)
    code, out, err = cli("--lang", lang, "draft", str(path))
    assert code == 1 and out == ""
    assert said in err and len(err.strip().splitlines()) == 1
    assert "damaged" not in err and ".doc" not in err.replace(".docx", "") and "损坏" not in err


def test_an_old_doc_is_still_told_to_be_saved_as_docx(cli, tmp_path: Path) -> None:
    path = tmp_path / "old.docx"  # a Word 97-2003 file renamed: an OLE file without an encrypted package
    path.write_bytes(OLE_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(4096))
    assert not password_protected(path)
    code, _, err = cli("draft", str(path))
    assert code == 1 and ".doc" in err and "password" not in err


def test_the_streams_are_found_wherever_the_directory_lies(tmp_path: Path) -> None:
    """The compound file's directory may come after megabytes of the encrypted package."""
    data = ENCRYPTED.read_bytes()
    path = tmp_path / "big.docx"
    body = data[len(OLE_MAGIC):]
    path.write_bytes(OLE_MAGIC + bytes(3 << 20) + body)
    assert password_protected(path)
    split = tmp_path / "split.docx"  # a name cut by the reading's chunk boundary
    name = "EncryptionInfo".encode("utf-16-le")
    at = (1 << 20) + len(OLE_MAGIC) - 7
    filler = bytes(at - len(OLE_MAGIC))
    split.write_bytes(OLE_MAGIC + filler + name + bytes(100) + "EncryptedPackage".encode("utf-16-le"))
    assert password_protected(split)
