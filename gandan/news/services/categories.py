"""A commune's news categories ("Tin hoạt động", "Thông báo"…): added, renamed and put in order by its writers. The
address (slug) comes from the folded name and is unique in the commune; renaming keeps the address already shared."""

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.errors import DomainError, NotAllowed, too_long
from gandan.news.models import Category
from gandan.news.services.articles import slug_of
from gandan.units.models import COMMUNE_KINDS, Unit

NAME_LENGTH = 120
MAX_POSITION = 999


def _checked(unit: Unit, name: str, position: object, *, exclude: int | None = None) -> tuple[str, int]:
    errors: dict[str, str] = {}
    name = normalize(name or "")
    if not name or not slug_of(name, default=""):
        errors["name"] = _("Enter the category's name.")
    elif message := too_long(name, max_length=NAME_LENGTH):
        errors["name"] = message
    else:
        same = Category.objects.filter(unit=unit, slug=slug_of(name, default=""))
        if exclude is not None:
            same = same.exclude(pk=exclude)
        if same.exists():
            errors["name"] = _("The commune already has a category of that name.")
    number = position if isinstance(position, int) and not isinstance(position, bool) else -1
    if not 0 <= number <= MAX_POSITION:
        errors["position"] = _("The position is a number from 0 to %(max)s.") % {"max": MAX_POSITION}
    if errors:
        raise DomainError("category_invalid", errors=errors)
    return name, number


def _require(by: User, path: str) -> None:
    if not by.can(Perm.NEWS_WRITE):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))
    if not in_user_scope(by, path):
        raise NotAllowed("out_of_scope", _("You can only act on the articles of your own units."))


@transaction.atomic
def category_create(*, unit: Unit, name: str, position: int = 0, by: User) -> Category:
    """Add a category to the commune's news."""
    if unit is None or unit.kind not in COMMUNE_KINDS:
        raise DomainError("unit_invalid", _("Choose a commune or ward of your own units."), field="unit")
    _require(by, unit.path)
    name, position = _checked(unit, name, position)
    category = Category.objects.create(
        unit=unit, unit_path=unit.path, name=name, slug=slug_of(name, default=""), position=position
    )
    event_record(actor=by, action="news.category_create", obj=category, details={"name": name})
    return category


@transaction.atomic
def category_update(*, category: Category, name: str, position: int, by: User) -> Category:
    """Rename a category or change its place in the menu (its address stays the same)."""
    category = Category.objects.select_for_update().select_related("unit").get(pk=category.pk)
    _require(by, category.unit_path)
    name, position = _checked(category.unit, name, position, exclude=category.pk)
    old = category.name
    category.name, category.position = name, position
    category.save(update_fields=["name", "position"])
    event_record(
        actor=by, action="news.category_update", obj=category, details={"old_name": old, "name": name}
    )
    return category
