import subprocess

from onsite.pdf import render_pdf
from tests.conftest import require_tool


def test_pdf_furniture_renders_chinese_names_and_quotes(cast, settings, tmp_path):
    settings.COMPANY_NAME = '华东"音视频"技术服务有限公司'
    pdf = render_pdf("pdf/base.html", {}, exported_by=cast.staff)
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        [require_tool("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert '华东"音视频"技术服务有限公司' in text
    assert "张伟" in text  # the exporter, family name first
    assert "页码 1 / 1" in text
