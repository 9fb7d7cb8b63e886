"""The view building blocks every public page shares.

- ``PublishedMixin``: visitors see published items only; staff may preview.
- ``TranslatedSlugLookupMixin``: a detail page finds its item by a slug in
  any language and answers at the item's canonical address.
- ``FilteredListMixin``: a list narrowed by a GET filter form, with the
  400/404 contract (an invalid filter value gives 400, a bad page number 404).
- ``query_parameters``: what a view reads from the query string, as it declares
  it (a ``query_parameters`` attribute, or ``reads_query`` on a function view).
"""

import datetime
import hashlib
import re

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control

from core import cache as site_cache
from core.i18n import find_by_slug
from core.models import SlugAlias

PREVIEW_PARAMETER = "preview"
# A page number as the site's links write it. int() also takes "01", "+1", " 1", "1_0"
# and "١": every one a new address (and page-cache entry) for the same page, so 404.
PAGE_NUMBER = re.compile(r"[1-9][0-9]*")


def check_page_number(value):
    """404 unless `value` is empty or a page number written as the site writes it."""
    if value and not PAGE_NUMBER.fullmatch(value):
        raise Http404("That page number is not written as a page number")


def reads_query(*names):
    """Declare the query parameters a function view reads (see ``query_parameters``)."""

    def declare(view):
        view.query_parameters = names
        return view

    return declare


def query_parameters(view):
    """The query parameters `view` reads, in its order: its ``query_parameters`` (class views too), or none.

    An anonymous visitor's page is stored once per value of these and nothing
    else (portal.page_cache): the view is handed only them, so a parameter it
    reads but does not declare never reaches it. Staff previews (``?preview=1``)
    are not declared: the page cache never serves a signed-in user.
    """
    declared = getattr(view, "query_parameters", None)
    if declared is None:
        declared = getattr(getattr(view, "view_class", None), "query_parameters", ())
    return tuple(declared)


def bad_request(request):
    """The translated 400 page, for filter values the site does not offer."""
    return render(request, "400.html", status=400)


def mark_private(response):
    """Never stored by a cache, never indexed: previews and other staff-only answers."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def may_preview(user, model):
    """Staff who may view or change `model` may preview its unpublished items."""
    if not (user.is_active and user.is_staff):
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.view_{opts.model_name}"
    )


class PublishedMixin:
    """Visitors see published items only.

    Preview: on a detail page, staff who may view or change the model and
    ask for it (`?preview=1`) also see drafts and scheduled items, with a
    "not public" banner; such responses are private, never stored by a cache
    and not indexed. Everyone else gets 404 for anything not published.
    """

    preview_parameter = PREVIEW_PARAMETER

    def is_preview_allowed(self):
        request = self.request
        if request.GET.get(self.preview_parameter) != "1" or not hasattr(self, "get_object"):
            return False
        return may_preview(request.user, self.model)

    def get_queryset(self):
        if self.is_preview_allowed():
            return self.model.objects.all()
        return self.model.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = getattr(self, "object", None)
        # Models without a publication status (menu items, topics) are always public.
        if obj is not None and not getattr(obj, "is_public", True):
            context["preview"] = True
            opts = obj._meta
            context["preview_admin_url"] = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(obj.pk,))
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("preview") or self.is_preview_allowed():
            mark_private(response)
        return response


class TranslatedSlugLookupMixin:
    """For DetailView: find the item by its slug in any language, one query.

    The active language's slug wins; otherwise the slugs of the fallback
    languages are tried in order (core.i18n.pick_by_slug). The item is then
    served at its canonical address in the active language (its own slug
    there, or the fallback language's slug when it has no translation): any
    other address gets a 301 to it, query string kept (``canonical_redirect``).
    So does a slug the item had before its slug changed (core.models.SlugAlias).

    A view that needs more than the item (its relations, other items) says so
    in its own ``get``, with the same three steps: find the item in the
    queryset it needs, redirect to its address, render its context. It does not
    override the hooks this mixin calls.
    """

    slug_url_kwarg = "slug"

    def get_object(self, queryset=None):
        if queryset is None:
            queryset = self.get_queryset()
        slug = self.kwargs.get(self.slug_url_kwarg)
        found = find_by_slug(queryset, slug)
        if found is None:
            # An address from before the item's slug changed: get() sends a 301 to today's.
            found = SlugAlias.find(queryset, slug)
        if found is None:
            raise Http404
        return found

    def item_context(self, item):
        """What the page shows besides `item` (other items, links): nothing here. The preview asks for it too."""
        return {}

    def get(self, request, *args, **kwargs):
        """The item's page; a view that shows more than the item writes its own ``get`` in these steps."""
        self.object = self.get_object()
        return canonical_redirect(request, self.object) or self.render_to_response(
            self.get_context_data(object=self.object, **self.item_context(self.object))
        )


def canonical_redirect(request, obj):
    """A 301 to `obj`'s own address in the active language (query kept), or None when the request is there."""
    canonical = obj.get_absolute_url()
    if request.path == canonical:
        return None
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)


class FlatPaginator(Paginator):
    """Pages whose cost does not grow with the list, at the start and at the end.

    The count is computed once per site version (and per query): counting
    100,000 published rows reads the whole table. A page past the middle is
    read from the other end in the reversed order (small offset, then put back
    in order), so the last page costs what the first does. The queryset's
    ordering must be total (end with the primary key).
    """

    @property
    def count(self):
        if "count" not in self.__dict__:
            sql, params = self.object_list.query.sql_with_params()
            # The publication rule's "now" changes on every request, what it selects
            # only with the site version (which moves at every scheduled publish time).
            params = tuple("now" if isinstance(value, datetime.datetime) else value for value in params)
            digest = hashlib.sha256(f"{sql}{params!r}".encode()).hexdigest()
            self.__dict__["count"] = cache.get_or_set(
                **site_cache.fragment(f"count:{digest}"), default=self.object_list.count
            )
        return self.__dict__["count"]

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom > self.count // 2 and self.object_list.ordered:
            reversed_list = self.object_list.reverse()
            items = list(reversed_list[self.count - top : self.count - bottom])[::-1]
            return Page(items, number, self)
        return super().page(number)


class StablePartsMixin:
    """A newest-first list whose older pages never change as items are added.

    The list is cut into parts of ``paginate_by`` items counted from the oldest: ``?part=1``
    holds the oldest items, ``?part=2`` the next, and so on; the first page (no ``part``)
    holds every item newer than the last full part, between one and two parts' worth. A
    publish changes the first page only, so copies and caches of older parts stay right;
    ``?part=N`` links never break as the list grows. An old ``?page=N`` link still answers
    with that page of the plain numbering. Both at once is no address the site writes
    (its canonical and language links would name the wrong page): 404.
    """

    part_kwarg = "part"

    def paginate_queryset(self, queryset, page_size):
        raw = self.request.GET.get(self.part_kwarg, "")
        if self.request.GET.get(self.page_kwarg):
            if raw:
                raise Http404("A part and a page number of the list at once")
            return super().paginate_queryset(queryset, page_size)
        check_page_number(raw)
        paginator = self.get_paginator(queryset, page_size)
        count = paginator.count
        parts = max(1, count // page_size)  # the first page is part `parts`, open-ended
        number = int(raw) if raw else parts
        if number > parts:
            raise Http404("No such part of the list")
        if number == parts:
            top, bottom = 0, count - (parts - 1) * page_size  # newest-first offsets
        else:
            top, bottom = count - number * page_size, count - (number - 1) * page_size
        if queryset.ordered and (count - bottom) < top:
            # An old part: read from the oldest end (small offset), then put back in order.
            items = list(queryset.reverse()[count - bottom : count - top])[::-1]
        else:
            items = list(queryset[top:bottom])
        page = Page(items, 1 if number == parts else number, paginator)
        query = self.filter_form.query_string()  # the filters, without parameters the list ignores
        prefix = f"?{query}&" if query else "?"
        page.stable = True
        page.part = None if number == parts else number
        page.older_href = f"{prefix}{self.part_kwarg}={number - 1}" if number > 1 else None
        if number == parts:
            page.newer_href = None
        elif number + 1 == parts:
            page.newer_href = f"?{query}" if query else self.request.path
        else:
            page.newer_href = f"{prefix}{self.part_kwarg}={number + 1}"
        return paginator, page, items, parts > 1


class FilteredListMixin:
    """A list narrowed by a GET filter form; an invalid filter answers 400.

    Page numbers are left to ListView: one that is not a number (or "last") or
    is out of range answers 404, and so does one not written as the site writes it.
    """

    filter_form = None
    paginator_class = FlatPaginator

    def get_filter_form(self):
        raise NotImplementedError

    def filter_queryset(self, queryset, form):
        return queryset

    def get(self, request, *args, **kwargs):
        page = request.GET.get(self.page_kwarg, "")
        if page != "last":
            check_page_number(page)
        self.filter_form = self.get_filter_form()
        if not self.filter_form.is_valid():
            return bad_request(request)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filter_queryset(super().get_queryset(), self.filter_form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.filter_form.query_string()
        context.update(
            {
                "filter_form": self.filter_form,
                "is_filtered": self.filter_form.is_filtered,
                "query_prefix": f"{query}&" if query else "",
            }
        )
        return context
