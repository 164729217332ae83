"""The end of a journey: a success banner saying what was done, and the safe way back to where it began."""

from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

RETURN_TO = "next"
MAX_LENGTH = 500  # longer than any page address here; a longer one is not ours


def return_to(request: HttpRequest) -> str:
    """The page on this site the journey started from, or "" where none was given or it points anywhere else."""
    candidate = (request.POST.get(RETURN_TO) or request.GET.get(RETURN_TO) or "").strip()
    # Only a path on this site: "//host" and "/\host" send a browser to another site, and so would a full address.
    if not candidate.startswith("/") or candidate.startswith(("//", "/\\")) or len(candidate) > MAX_LENGTH:
        return ""
    if not url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}, require_https=True):
        return ""
    return candidate


def with_return(url: str, path: str) -> str:
    """`url` carrying `path` as the page to come back to."""
    if not path:
        return url
    return f"{url}{'&' if '?' in url else '?'}{RETURN_TO}={quote(path, safe='/')}"


# How the way back to each page that starts journeys is named, from the page address's own parts and what the
# caller names: {person} is the name the page already shows. A referral's reference is its number (Referral.reference).
PLACES = {
    "people:detail": "Back to {person}'s record",
    "frontdoor:referral": "Back to referral R{referral_id:07d}",
    "waiting:screen": "Back to screening referral R{referral_id:07d}",
    "waiting:entry": "Back to the waiting list entry",
    "waiting:keep-in-touch": "Back to keeping in touch",
    "casework:note": "Back to the note",
}


def place(path: str) -> ResolverMatch | None:
    """Which page a return path is, so the way back can be named; None for anything that is not a page here."""
    try:
        return resolve(path.split("?", 1)[0])
    except Resolver404:
        return None


def back_label(path: str, **names: str) -> str:
    """The words of a link back to `path`, naming what the caller knows (such as `person`)."""
    match = place(path)
    wording = PLACES.get(match.view_name, "") if match else ""
    if match is None or not wording:
        return "Back to where you started"
    try:
        return wording.format(**match.kwargs, **names)
    except (KeyError, ValueError):
        return "Back to where you started"


def confirm(request: HttpRequest, message: str) -> None:
    """Say in a success banner on the next page what was done, where the view goes on its own way."""
    messages.success(request, message)


def done(
    request: HttpRequest, message: str, to, *args, go_back: bool = False, names: dict | None = None, **kwargs
) -> HttpResponseRedirect:
    """Confirm what was done in a success banner and go on to `to` (a URL name and its arguments, or an address).

    Where the journey began on another page of this site, either go back there (`go_back`: a form that only
    adds to what that page shows) or offer the way back as a link in the banner, naming what `names` holds.
    """
    back = return_to(request)
    destination = resolve_url(to, *args, **kwargs)
    if back and go_back:
        destination = back
    elif back and back.split("?", 1)[0] != destination.split("?", 1)[0]:
        message = format_html(
            '{}. <a class="govuk-notification-banner__link" href="{}">{}</a>',
            str(message).rstrip("."),
            back,
            back_label(back, **(names or {})),
        )
    messages.success(request, message)
    return HttpResponseRedirect(destination)


def carry_on(request: HttpRequest, to, *args, **kwargs) -> HttpResponseRedirect:
    """Go on to `to` still carrying the way back, for a confirmation page that offers it itself."""
    return HttpResponseRedirect(with_return(resolve_url(to, *args, **kwargs), return_to(request)))
