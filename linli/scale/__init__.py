"""A district on one machine: a synthetic city to measure linli against (issue 23).

``linli generate_city`` fills an empty database with communities, address trees, households,
members and three years of activity in the participation modules, written in bulk but shaped as
the modules' commands would have written it (one ballot per roll entry, one ledger row per act,
...). ``plan`` sizes the city without Django; ``people`` and ``activity`` write it.
"""
