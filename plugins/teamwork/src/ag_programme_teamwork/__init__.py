"""arbeit_gesundheit programme plugin: teamw()rk für Gesundheit und Arbeit.

The GKV-Bündnis für Gesundheit's programme (§20a SGB V), called "Verzahnung von Arbeits- und
Gesundheitsförderung in der kommunalen Lebenswelt" until 2023, runs at many sites; in
Thuringia AOK PLUS looks after the Jobcenter Ilm-Kreis and Unstrut-Hainich-Kreis, among others.
This plugin (entry point ``teamwork`` in the group ``arbeit_gesundheit``) shows that plugins
compose: it provides no site, and adds to every site whose ``programmes`` contain
``"teamwork"`` the programme partner and shared eligibility rules (:mod:`.rules`,
illustrative), plus the programme's aggregate report to the GKV-Bündnis (:mod:`.report`).
Site plugins never import it; it finds its sites through the hooks.
"""

__version__ = "0.1.0"
