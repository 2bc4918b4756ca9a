"""A Python-Markdown extension that drops unsafe link targets and event-handler attributes.

A link or image whose address is unsafe is shown as the Markdown the author wrote, as text (as the
``md`` filter shows the links it catches); any other unsafe address attribute is dropped.

The ``md`` and ``inline`` filters already make author text literal where it could turn into HTML;
this is the second wall. mkdocs.yml declares it (``- generator.safety`` under ``markdown_extensions:``),
so it runs on every page whichever engine reads that file (MkDocs, ProperDocs or Zensical, which
ignores the ``curriculum`` plugin), and a link written in a form the filters did not foresee still
cannot run script. The command and the plugin refuse a configuration that leaves it out.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset")
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")

NAME = "generator.safety"
"""The name mkdocs.yml gives this extension under ``markdown_extensions:``."""
MISSING = (f"mkdocs.yml does not turn on the link-safety rules: add '- {NAME}' under markdown_extensions: "
           "(without it a javascript: link in a lesson would be live)")
"""What the command and the plugin say when mkdocs.yml leaves the extension out."""


def is_safe_url(url: str) -> bool:
    """True for relative addresses and http(s), mailto and tel; false for javascript:, data: ..."""
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
    found = _SCHEME.match(squeezed)
    return found is None or found.group(1) in SAFE_SCHEMES


def is_web_address(url: str) -> bool:
    """True for an address that leads to the same place from every page and print-out: http(s),
    mailto and tel (and ``//host/...``); false for relative addresses like ``other.md`` or ``#part``."""
    found = _SCHEME.match(url.strip().lower())
    return url.strip().startswith("//") or (found is not None and found.group(1) in SAFE_SCHEMES)


class _DropUnsafe(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            if not element.attrib:
                continue
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on"):
                    del element.attrib[name]
                elif lowered in URL_ATTRIBUTES and not is_safe_url(element.attrib[name]):
                    if (element.tag, lowered) in (("a", "href"), ("img", "src")):
                        _show_as_text(element, element.attrib[name])
                        break
                    del element.attrib[name]


def _show_as_text(element: Element, url: str) -> None:
    """Turn a link or image with an unsafe address into the Markdown the author wrote, as text.

    Only removing the address would leave an ``<a>`` without ``href`` (or an ``<img>`` without
    ``src``), which MkDocs' link checker does not expect: it stops the build with an AssertionError.
    """
    url = " ".join(url.split())
    if element.tag == "img":
        text = f"![{element.get('alt', '')}]({url})"
        element.attrib.clear()
        element.tag, element.text = "span", text
        return
    element.attrib.clear()
    element.tag = "span"
    element.text = "[" + (element.text or "")
    if len(element):
        element[-1].tail = (element[-1].tail or "") + f"]({url})"
    else:
        element.text += f"]({url})"


class SafeLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_DropUnsafe(md), "curriculum_safe_links", 0)


def makeExtension(**kwargs: Any) -> SafeLinksExtension:  # the name Python-Markdown looks for
    """What ``- generator.safety`` under ``markdown_extensions:`` in mkdocs.yml loads."""
    return SafeLinksExtension(**kwargs)


def is_declared(extensions: object) -> bool:
    """True when a ``markdown_extensions`` setting names this extension: a list of names and
    one-key mappings (as written in mkdocs.yml, or as MkDocs holds it once loaded), or a mapping."""
    if isinstance(extensions, dict):
        names: list[object] = list(extensions)
    elif isinstance(extensions, list):
        names = [next(iter(item), None) if isinstance(item, dict) else item for item in extensions]
    else:
        return False
    return any(isinstance(name, str) and name.split(":")[0].strip() == NAME for name in names)
