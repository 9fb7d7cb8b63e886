import io
from pathlib import Path

import pytest
from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def uploads(tmp_path):
    """A copy of the Polylang site's wp-content/uploads: the photo and the PDF its posts name."""
    folder = tmp_path / "uploads" / "2025" / "04"
    folder.mkdir(parents=True)
    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), (18, 58, 94)).save(buffer, "JPEG")
    (folder / "pristina.jpg").write_bytes(buffer.getvalue())
    (folder / "programme.pdf").write_bytes(b"%PDF-1.4\n% the programme\n")
    return tmp_path / "uploads"
