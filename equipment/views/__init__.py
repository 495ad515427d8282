"""Views of the equipment app: thin, scoped through ``visible()``; state changes via services.

One module per part; ``equipment/urls.py`` names them through this package.
"""
