from __future__ import annotations

from newsgraph.ingest.dedup import BANDS, band_keys, content_hash, signature, similarity

TEXT = (
    "Officials estimate that up to 12,000 North Korean troops have been deployed to Russia's Kursk "
    "Oblast since last fall to counter Ukraine's cross-border incursion launched in August 2024. "
    "President Volodymyr Zelensky previously reported that North Korean forces had suffered 4,000 casualties."
)


def test_content_hash_ignores_spacing_and_case() -> None:
    assert content_hash(TEXT) == content_hash("  " + TEXT.upper().replace(" ", "\n ") + "\n")
    assert content_hash(TEXT) != content_hash(TEXT + " More.")


def test_near_duplicate_is_similar_and_shares_a_band() -> None:
    a, b = signature(TEXT), signature(TEXT + " The figures could not be verified independently.")
    assert similarity(a, b) >= 0.75
    assert set(band_keys(a)) & set(band_keys(b))


def test_unrelated_texts_are_not_similar() -> None:
    other = "Heavy rain flooded the river valley on Tuesday and closed two bridges near the town centre."
    assert similarity(signature(TEXT), signature(other)) < 0.1


def test_signature_is_stable_and_banded() -> None:
    assert (signature(TEXT) == signature(TEXT)).all()
    assert len(band_keys(signature(TEXT))) == BANDS
