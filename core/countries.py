"""Countries that partner organisations and project places are in (ISO 3166-1 alpha-2).

Kosovo uses the user-assigned code XK, as the EU, the IMF and IATI do.
"""

from django.utils.translation import gettext_lazy as _

COUNTRIES = [
    ("AL", _("Albania")),
    ("AT", _("Austria")),
    ("BA", _("Bosnia and Herzegovina")),
    ("BE", _("Belgium")),
    ("BG", _("Bulgaria")),
    ("BY", _("Belarus")),
    ("CH", _("Switzerland")),
    ("CZ", _("Czechia")),
    ("DE", _("Germany")),
    ("DK", _("Denmark")),
    ("EE", _("Estonia")),
    ("ES", _("Spain")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("GB", _("United Kingdom")),
    ("GR", _("Greece")),
    ("HR", _("Croatia")),
    ("HU", _("Hungary")),
    ("IE", _("Ireland")),
    ("IT", _("Italy")),
    ("LT", _("Lithuania")),
    ("LV", _("Latvia")),
    ("ME", _("Montenegro")),
    ("MK", _("North Macedonia")),
    ("NL", _("Netherlands")),
    ("NO", _("Norway")),
    ("PL", _("Poland")),
    ("RO", _("Romania")),
    ("RS", _("Serbia")),
    ("SE", _("Sweden")),
    ("SI", _("Slovenia")),
    ("SK", _("Slovakia")),
    ("TR", _("Türkiye")),
    ("UA", _("Ukraine")),
    ("US", _("United States")),
    ("XK", _("Kosovo")),
]
COUNTRY_NAMES = dict(COUNTRIES)
