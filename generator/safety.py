"""A Python-Markdown extension that drops unsafe link targets and event-handler attributes.

The ``md`` and ``inline`` filters already make author text literal where it could turn into HTML;
this is the second wall. It runs on every page MkDocs renders (the ``curriculum`` plugin adds it),
so a link written in a form the filters did not foresee still cannot run script.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from generator.render import is_safe_url

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset")


class _DropUnsafe(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            if not element.attrib:
                continue
            for name in list(element.attrib):
                if name.lower().startswith("on") or (
                    name.lower() in URL_ATTRIBUTES and not is_safe_url(element.attrib[name])
                ):
                    del element.attrib[name]


class SafeLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_DropUnsafe(md), "curriculum_safe_links", 0)
