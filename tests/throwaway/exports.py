from onsite import exports
from tests.throwaway.models import ThrowawayExport


@exports.builder("throwaway.text", ThrowawayExport, label="Throw-away text")
def build_text(export, progress):
    """``params["fail"]`` makes the build fail (the framework's retry and failure tests)."""
    if export.params.get("fail"):
        raise RuntimeError("asked to fail")
    progress(1, 2)
    lines = [f"line {n}" for n in range(int(export.params.get("rows", 3)))]
    progress(2, 2)
    return "\n".join(lines).encode(), "导出-throwaway.txt", len(lines)
