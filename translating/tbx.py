"""The glossary as TBX (translate-toolkit's tbx storage), for CAT tools."""

from translate.storage import tbx

from translating.glossary import GLOSSARY_LANGUAGES
from translating.models import GlossaryTerm


def export_tbx():
    """Every term of the glossary in be, sq and en, with its note and its forbidden variants as notes."""
    store = tbx.tbxfile(sourcelanguage="en")
    for term in GlossaryTerm.objects.order_by("en", "pk"):
        unit = store.addsourceunit(term.en or term.be or term.sq)
        for code in GLOSSARY_LANGUAGES:
            if code != "en" and term.term(code):
                unit.settarget(term.term(code), code, append=True)
        if term.note:
            unit.addnote(term.note, origin="translator")
        for code in GLOSSARY_LANGUAGES:
            variants = term.forbidden(code)
            if variants:
                unit.addnote(f"not in {code}: " + "; ".join(variants), origin="translator")
    return bytes(store)
