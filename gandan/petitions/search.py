"""What makes petitions searchable (gandan.search): the text each is indexed with, written by the services that
create or change them and by `search_reindex`. (Reception records and conclusion tasks: gandan/reception/search.py.)

Identity protection (Law on Denunciation Art. 47, 56): a protected or anonymous petition is indexed without any
petitioner's name, so no search can find a denunciator by name.
"""

from gandan.petitions import rules
from gandan.petitions.models import Petition
from gandan.search.registry import Document, Indexed

PETITION = "petition"


def petition_text(petition: Petition, names: list[str]) -> str:
    """`names`: the petitioners' names (left out when the petition is protected or anonymous)."""
    hidden = petition.protected or petition.kind == rules.Kind.ANONYMOUS
    return f"{petition.code} {petition.subject} {petition.content} {'' if hidden else ' '.join(names)}"


def petition_document(petition: Petition) -> Document:
    """Reads `petition.petitioners`: prefetch them."""
    names = [p.name for p in petition.petitioners.all()]
    return petition.pk, petition.unit_path, petition_text(petition, names)


SEARCH_KINDS = [
    Indexed(
        kind=PETITION,
        rows=lambda: Petition.objects.prefetch_related("petitioners"),
        document=petition_document,
    ),
]
