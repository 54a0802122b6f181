"""arbeit_gesundheit site plugin: Kreis Viersen, Regionales Präventionszentrum (rehapro).

In the rehapro model project "Regionales Präventionszentrum im Kreis Viersen" four Health Care
Coaches draw up individual activity plans (Aktivitätspläne) with about 1,200 unemployed
people with health restrictions and refer them to offers of the various benefit carriers
(Leistungsträger). The plugin (entry point ``viersen`` in the group ``arbeit_gesundheit``)
contributes the site, partners, agreement and offers (:mod:`.catalogue`), illustrative
eligibility rules (:mod:`.rules`) and the plan-progress export per coach (:mod:`.progress`).
"""

__version__ = "0.1.0"
