"""Scanned versions of generated pages, with the text they were made from as ground truth.

``degrade_pdf`` rasterizes every page (150 dpi by default), rotates it slightly, blurs it,
adds Gaussian noise at a target signal-to-noise ratio and JPEG-compresses it, then writes an
image-only PDF of the same page size. ``text_page_pdf`` makes born-digital prose pages in
several fonts and sizes whose exact lines are known. Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_VOCAB = (
    "the of and to in is that for it as was with be by on not he this are or his from at which "
    "but have an they you were her she there been one all we their has would when if so no out "
    "what up said about other into than its time only could new them man some these then two "
    "first may any like now my such make over our even most me state after also made many did "
    "must before back see through way where get much go well your know should down work year "
    "because come people just say each those take day good how long very little world between "
    "both life being under never report market annual revenue growth quarter increase results "
    "company service customer analysis budget program national policy system public research "
    "development management financial average percent million period balance expenses income "
    "capital operating forecast committee section figure table summary review regional council"
).split()
_FONTS = ("helv", "tiro", "cour")


@dataclass(frozen=True)
class DegradeSettings:
    dpi: int = 150
    snr_db: float | None = 20.0  # Gaussian noise at this SNR (signal = pixel std); None = none
    blur_sigma: float = 0.6
    rotate_deg: float = 0.8  # the page is rotated by up to ± this many degrees
    jpeg_quality: int = 60
    salt_pepper: float = 0.0005  # share of pixels flipped to black/white (dust, speckle)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_VOCAB) for _ in range(rng.randint(6, 16))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 9999)))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(".,;:.")


def text_page_pdf(seed: int = 0, pages: int = 1) -> tuple[bytes, list[list[str]]]:
    """Prose pages (one font and size per paragraph); returns the PDF and each page's lines."""
    import pymupdf

    rng = random.Random(seed)
    doc = pymupdf.open()
    truth: list[list[str]] = []
    for _ in range(pages):
        page = doc.new_page(width=595, height=842)
        lines: list[str] = []
        y = 60.0
        while y < 760:
            font = rng.choice(_FONTS)
            size = rng.choice((9.0, 10.0, 11.0, 12.0, 14.0))
            para = " ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))
            for line in _wrap(para, font, size, 595 - 2 * 60):
                if y > 780:
                    break
                page.insert_text((60, y + size), line, fontname=font, fontsize=size)
                lines.append(line)
                y += size * 1.35
            y += size * 0.9
        truth.append(lines)
    data = doc.tobytes()
    doc.close()
    return data, truth


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    import pymupdf

    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if pymupdf.get_text_length(trial, fontname=font, fontsize=size) > width and current:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def add_noise(img: "np.ndarray", snr_db: float, rng: "np.random.Generator") -> "np.ndarray":
    """Gaussian noise with power ``signal variance / 10^(snr/10)``."""
    import numpy as np

    signal = float(img.astype(np.float32).var()) or 1.0
    sigma = (signal / (10 ** (snr_db / 10.0))) ** 0.5
    z = rng.normal(0.0, 1.0, img.shape).astype(np.float32)
    noisy = img
    for _ in range(4):  # clipping at 0/255 removes noise power: raise sigma until the SNR is met
        noisy = np.clip(img.astype(np.float32) + sigma * z, 0, 255).astype(np.uint8)
        sigma *= 10 ** ((measured_snr_db(img, noisy) - snr_db) / 20.0)
    return noisy


def measured_snr_db(clean: "np.ndarray", noisy: "np.ndarray") -> float:
    import numpy as np

    noise = noisy.astype(np.float64) - clean.astype(np.float64)
    return float(10 * np.log10(clean.astype(np.float64).var() / max(noise.var(), 1e-9)))


def degrade_image(img: "np.ndarray", settings: DegradeSettings, seed: int = 0) -> "np.ndarray":
    """Rotate, blur, add noise and speckle, JPEG round trip (RGB uint8 in and out)."""
    import cv2
    import numpy as np

    rng = np.random.default_rng(seed)
    out = img
    if settings.rotate_deg:
        angle = float(rng.uniform(-settings.rotate_deg, settings.rotate_deg))
        h, w = out.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        out = cv2.warpAffine(out, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    if settings.blur_sigma > 0:
        out = cv2.GaussianBlur(out, (0, 0), settings.blur_sigma)
    if settings.snr_db is not None:
        out = add_noise(out, settings.snr_db, rng)
    if settings.salt_pepper > 0:
        flips = rng.random(out.shape[:2])
        out = out.copy()
        out[flips < settings.salt_pepper / 2] = 0
        out[flips > 1 - settings.salt_pepper / 2] = 255
    ok, buf = cv2.imencode(".jpg", out[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, settings.jpeg_quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1].copy()


def degrade_pdf(pdf: bytes, settings: DegradeSettings = DegradeSettings(), seed: int = 0) -> bytes:
    """An image-only PDF: every page rasterized and degraded, same page sizes."""
    import cv2
    import numpy as np
    import pymupdf

    src = pymupdf.open(stream=pdf, filetype="pdf")
    out = pymupdf.open()
    for n, page in enumerate(src):
        pix = page.get_pixmap(dpi=settings.dpi, colorspace=pymupdf.csRGB, alpha=False)
        img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, 3)
        bad = degrade_image(img, settings, seed=seed * 1000 + n)
        ok, buf = cv2.imencode(".jpg", bad[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, 95])
        if not ok:
            raise RuntimeError("JPEG encoding failed")
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=buf.tobytes())
    data = out.tobytes(garbage=3, deflate=True)
    src.close()
    out.close()
    return data
