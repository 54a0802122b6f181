"""arbeit_gesundheit site plugin: Jobcenter Gelsenkirchen, team ABCaktiv.

The Integrationscenter für Arbeit Gelsenkirchen set up the project team "ABCaktiv" on
2016-01-01 for labour-market-distant long-term unemployed people and people with serious
health restrictions. The plugin (entry point ``gelsenkirchen`` in the group
``arbeit_gesundheit``) contributes the site, its partners and agreements, its module
catalogue (:mod:`.catalogue`) and its eligibility rules (:mod:`.rules`, illustrative).
"""

__version__ = "0.1.0"
