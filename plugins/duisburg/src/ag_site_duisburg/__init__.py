"""arbeit_gesundheit site plugin: the Duisburg alliance for the health of unemployed people.

The local action alliance (Aktionsbündnis) "Gesundheitsförderung für arbeitslose Menschen",
founded in 2012, brings together Jobcenter, Agentur für Arbeit, Gesundheitsamt, Krankenkassen,
course providers, welfare organisations and the Stadtsportbund. The plugin (entry point
``duisburg`` in the group ``arbeit_gesundheit``) contributes the site, the alliance's partners
and agreements, its courses (:mod:`.catalogue`) and illustrative eligibility rules
(:mod:`.rules`).
"""

__version__ = "0.1.0"
