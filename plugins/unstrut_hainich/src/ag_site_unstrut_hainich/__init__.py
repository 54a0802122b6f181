"""arbeit_gesundheit site plugin: Jobcenter Unstrut-Hainich-Kreis with AOK PLUS (teamw()rk).

Since 2017 the jobcenter and AOK PLUS run health offers for unemployed people, funded by the
GKV-Bündnis für Gesundheit. The cooperation agreement (Kooperationsvereinbarung) was renewed
on 2024-12-19 to the end of 2025; from 2026 the programme becomes permanent. The plugin (entry
point ``unstrut_hainich`` in the group ``arbeit_gesundheit``) contributes the site, partners,
agreements and offers (:mod:`.catalogue`) and eligibility rules (:mod:`.rules`, illustrative)
under which an offer is funded only while an agreement is in force. The site declares the
programme ``teamwork``; the shared programme plugin (``ag_programme_teamwork``) adds to it
through the hooks, without an import.
"""

__version__ = "0.1.0"
