"""Where the archive's private files are stored: random names, never a title."""

from onsite.storage import private_name


def item_file_path(instance, filename):
    return private_name("files", filename)


def receipt_path(instance, filename):
    return private_name("receipts", filename)


def export_path(instance, filename):
    """Kept for migration 0004; exports are stored by ``onsite.models.export_upload_to``."""
    return private_name("exports", filename)
