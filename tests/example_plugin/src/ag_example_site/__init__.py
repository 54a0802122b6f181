"""Example arbeit_gesundheit site plugin: the fictional Jobcenter Musterstadt."""

__version__ = "0.1.0"
