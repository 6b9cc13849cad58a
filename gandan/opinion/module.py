from django.utils.translation import gettext_lazy

from gandan.modules import Module

MODULE = Module(
    key="opinion",
    name=gettext_lazy("Public opinion"),
    menu_url="opinion:board",
    permission="opinion.view",
    has_api=False,
)
