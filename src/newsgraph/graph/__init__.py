"""The graph across articles: entity resolution, event merging and the claim ledger (no text parsing here).

- :mod:`.names`: can two names denote one entity (pure)
- :mod:`.entities`: canonical entities, merges with evidence, undo
- :mod:`.events`: event nodes carrying every report
- :mod:`.ledger`: figures by topic and subject, conflicts between sources
- :mod:`.consolidate`: the incremental update run for each stored batch
- :mod:`.query`: what the CLI and the API read
"""

from __future__ import annotations

__all__: list[str] = []
