"""PDF through LibreOffice, when it is installed: the only place fgdm runs soffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from fgdm.files import write_private


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed or failed; the .docx is still there to print."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: Path, out_dir: Path | None = None, *, timeout: int = 180) -> Path:
    """Convert a .docx with a throwaway LibreOffice profile, so nothing is written into the home folder.

    LibreOffice writes its PDF with the umask's permissions, so it writes into a private temporary folder and
    the PDF is then put in place, owner-only, by fgdm's one writer."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable("LibreOffice is not installed (soffice not found); install libreoffice-writer "
                             "to get PDFs, or print the .docx")
    target = (out_dir or docx.parent) / (docx.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="fgdm-lo-") as profile, \
            tempfile.TemporaryDirectory(prefix="fgdm-pdf-") as converted:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", converted, str(docx)],
            capture_output=True, text=True, timeout=timeout, check=False)
        made = Path(converted) / target.name
        if result.returncode != 0 or not made.exists():
            said = result.stderr.strip() or result.stdout.strip()
            raise PdfUnavailable(f"LibreOffice could not convert {docx.name}: {said}")
        return write_private(target, lambda temporary: shutil.copyfile(made, temporary), suffix=".pdf")
