"""arbeit_gesundheit site plugin: Jobcenter Ilm-Kreis, health-oriented counselling (GOB).

Since 2020 the Jobcenter Ilm-Kreis, the GKV-Bündnis für Gesundheit and the district office
(Landratsamt) work on the health of unemployed people: needs assessment in health-oriented
counselling (gesundheitsorientierte Beratung, GOB) at the Arnstadt and Ilmenau offices, AktivA
courses, health days. The plugin (entry point ``ilmkreis`` in the group ``arbeit_gesundheit``)
contributes the site, partners, agreement and offers (:mod:`.catalogue`) and illustrative
eligibility rules (:mod:`.rules`). The site declares the programme ``teamwork``; the shared
programme plugin (``ag_programme_teamwork``) adds to it through the hooks, without an import.
"""

__version__ = "0.1.0"
