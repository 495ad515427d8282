"""Views of the duties app: thin, scoped through ``visible()``; state changes via services.
One module per part; ``duties/urls.py`` names them."""
