"""Forms of the duties app, one module per part (crispy, ``form_tag = False``)."""
