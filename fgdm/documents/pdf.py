"""PDF through LibreOffice, when it is installed: the only place fgdm runs soffice."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed or failed; the .docx is still there to print."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: Path, out_dir: Path | None = None, *, timeout: int = 180) -> Path:
    """Convert a .docx with a throwaway LibreOffice profile, so nothing is written into the home folder."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable("LibreOffice is not installed (soffice not found); install libreoffice-writer "
                             "to get PDFs, or print the .docx")
    out_dir = out_dir or docx.parent
    with tempfile.TemporaryDirectory(prefix="fgdm-lo-") as profile:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
            capture_output=True, text=True, timeout=timeout, check=False)
    target = out_dir / (docx.stem + ".pdf")
    if result.returncode != 0 or not target.exists():
        said = result.stderr.strip() or result.stdout.strip()
        raise PdfUnavailable(f"LibreOffice could not convert {docx.name}: {said}")
    os.chmod(target, 0o600)
    return target
