from django.urls import reverse

from tests.access import expect


def _export(cast):
    """A finished export of HR's: only HR may download it; for everyone else it is a 404."""
    from onsite import exports
    from tests.throwaway.models import ThrowawayExport

    export = exports.queue(cast.hr, "throwaway.text", fmt="txt")
    exports.run(ThrowawayExport._meta.label, export.pk)
    return export.token


EXPECTATIONS = {
    "throwaway:page": expect(lambda cast: reverse("throwaway:page"), 403, hr=200),
    "throwaway:export_download": expect(
        lambda cast: reverse("throwaway:export_download", args=[_export(cast)]), 404, hr=200
    ),
    "throwaway:export_retry": expect(
        lambda cast: reverse("throwaway:export_retry", args=[_export(cast)]),
        404,
        method="post",
        hr=302,
    ),
}
