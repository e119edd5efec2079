"""The GPML 2013a schema, compiled offline with lxml (see tests/data/gpml/README.md).

Beyond the schema, ``gpml_errors`` also reports ``GraphRef`` and ``GroupRef`` values that
name no element, which libxml2's schema validation leaves unchecked.

The schema files in tests/data/gpml/ are kept byte for byte as published. Four fixes are made
in memory while lxml loads them, as the README there explains: a custom resolver answers the
remote RDF import with an empty stub schema and serves the BioPAX schema without the
``minOccurs``/``maxOccurs`` that XSD forbids on top-level elements; the ``Pathway`` children's
unprefixed type names get the ``gpml:`` prefix; and the two explicit BioPAX references that
make ``BiopaxType`` ambiguous to libxml2 are dropped (its strict ``xs:any`` still admits them).
"""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "data" / "gpml"
MAIN = SCHEMA_DIR / "GPML2013a.xsd"
BIOPAX = SCHEMA_DIR / "GPML2013a-biopax.xsd"
XS = "http://www.w3.org/2001/XMLSchema"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
GPML_TYPES = {
    "DataNodeType", "StateType", "InteractionType", "GraphicalLineType", "LabelType",
    "ShapeType", "GroupType", "InfoBoxType", "LegendType", "BiopaxType",
}  # fmt: skip
RDF_STUB = f'<xs:schema xmlns:xs="{XS}" targetNamespace="{RDF}"/>'.encode()


def _biopax_schema() -> bytes:
    tree = etree.parse(str(BIOPAX), etree.XMLParser(no_network=True))
    for element in tree.getroot().findall(f"{{{XS}}}element"):
        element.attrib.pop("minOccurs", None)
        element.attrib.pop("maxOccurs", None)
    return etree.tostring(tree)


class _OfflineResolver(etree.Resolver):
    """Serve the RDF stub and the repaired BioPAX schema; never reach the network."""

    def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
        if system_url.endswith("/rdf.xsd"):
            return self.resolve_string(RDF_STUB, context)
        if system_url.endswith("GPML2013a-biopax.xsd"):
            return self.resolve_string(_biopax_schema(), context)
        return None


@functools.cache
def gpml_schema() -> etree.XMLSchema:
    """The compiled GPML 2013a schema (compiled once per test session)."""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_OfflineResolver())
    tree = etree.parse(str(MAIN), parser)
    root = tree.getroot()
    for element in root.iter(f"{{{XS}}}element"):
        if element.get("type") in GPML_TYPES:
            element.set("type", "gpml:" + element.get("type"))
    biopax_type = root.find(f"{{{XS}}}complexType[@name='BiopaxType']")
    assert biopax_type is not None
    for ref in biopax_type.iter(f"{{{XS}}}element"):
        if ref.get("ref") in ("bp:PublicationXref", "bp:openControlledVocabulary"):
            ref.getparent().remove(ref)
    return etree.XMLSchema(tree)


def gpml_errors(document: str | bytes) -> list[str]:
    """The schema's complaints about ``document`` (empty when it is valid GPML 2013a)."""
    data = document.encode("utf-8") if isinstance(document, str) else document
    try:
        tree = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    except etree.XMLSyntaxError as error:
        return [f"not well-formed: {error}"]
    schema = gpml_schema()
    errors = []
    if not schema.validate(tree):
        errors = [f"line {e.line}: {e.message}" for e in schema.error_log]
    return errors + _dangling_references(tree)


def _dangling_references(tree: etree._Element) -> list[str]:
    """``GraphRef``s and ``GroupRef``s that point nowhere.

    The schema types ``GraphRef`` as ``xs:IDREF``, but libxml2 does not check that an IDREF
    names an existing ID, and ``GroupRef`` is a plain string: so check both here.
    """
    graph_ids = {e.get("GraphId") for e in tree.iter() if e.get("GraphId")}
    group_ids = {e.get("GroupId") for e in tree.iter() if e.get("GroupId")}
    errors = []
    for element in tree.iter():
        for attribute, known in (("GraphRef", graph_ids), ("GroupRef", group_ids)):
            value = element.get(attribute)
            if value is not None and value not in known:
                errors.append(f"line {element.sourceline}: {attribute} {value!r} names nothing")
    return errors
