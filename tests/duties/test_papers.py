"""Post duties per post and site; each site's service agreement, client training manuals and
technical documents kept in versions and readable by the staff stationed there."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duties.services import papers as service
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.factories import SiteFactory

AGREEMENT = {
    "contract_no": "HT-2026-018",
    "valid_from": date(2026, 1, 1),
    "valid_to": date(2026, 12, 31),
    "work_plan": "每日巡检会议室；每周保养扩声系统。",
    "service_terms": "工作日 8:30–17:30 驻场；重大会议全程保障。",
    "response_times": "会中故障 5 分钟内到场；一般故障 2 小时内处理。",
}


def upload(name="手册.pdf", content=b"%PDF-1.4 manual"):
    return SimpleUploadedFile(name, content, "application/pdf")


@pytest.fixture
def av_post(cast):
    cast.staff.profile.post = "音视频工程师"
    cast.staff.profile.save()
    return cast.staff.profile.post


@pytest.mark.rule("R2.1-post-duties")
def test_hr_writes_a_posts_duties_and_the_holder_reads_those_of_their_post_and_site(
    cast, login, av_post
):
    here = service.save_post_duty(
        cast.hr, post=av_post, site=cast.site, duties="会前调试扩声\n\n会中值守\n会后复位"
    )
    everywhere = service.save_post_duty(cast.hr, post=av_post, duties="遵守驻场单位规章")
    elsewhere = service.save_post_duty(cast.hr, post=av_post, site=SiteFactory(), duties="别处")
    other_post = service.save_post_duty(cast.hr, post="网络工程师", duties="维护网络")
    assert here.duty_lines() == ["会前调试扩声", "会中值守", "会后复位"]
    assert AuditEntry.objects.filter(action="duties.post_duty.edit").count() == 4
    page = login(cast.staff).get(reverse("duties:site_list"))
    assert set(page.context["duties"]) == {here, everywhere}
    assert elsewhere not in page.context["duties"] and other_post not in page.context["duties"]
    with pytest.raises(WorkflowError):
        service.save_post_duty(cast.hr, post=av_post, site=cast.site, duties="重复")
    with pytest.raises(PermissionDenied):
        service.save_post_duty(cast.supervisor, post=av_post, duties="主管改")


@pytest.mark.rule("R2.1-work-plan", "R2.1-service-contract-terms")
def test_the_service_agreement_is_kept_in_versions_readable_by_the_staff_stationed_there(
    cast, login
):
    first = service.add_agreement_version(cast.supervisor, cast.site, **AGREEMENT)
    second = service.add_agreement_version(
        cast.hr, cast.site, **{**AGREEMENT, "response_times": "会中故障 3 分钟内到场。"}
    )
    assert (first.number, second.number) == (1, 2)
    assert Notification.objects.filter(recipient=cast.staff).count() == 2
    page = login(cast.staff).get(reverse("duties:site_papers", args=[cast.site.pk]))
    assert page.status_code == 200
    assert "会中故障 3 分钟内到场" in page.content.decode()
    old = login(cast.staff).get(reverse("duties:agreement_detail", args=[first.pk]))
    assert old.status_code == 200 and old.context["current"] is False
    for person in (cast.outsider, cast.vp, cast.manager):
        assert login(person).get(first.get_absolute_url()).status_code == 404
        assert (
            login(person).get(reverse("duties:site_papers", args=[cast.site.pk])).status_code == 404
        )
    with pytest.raises(PermissionDenied):
        service.add_agreement_version(cast.staff, cast.site, **AGREEMENT)


@pytest.mark.rule("R2.1-client-training-manuals", "R2.1-client-technical-documents")
def test_manuals_and_technical_documents_are_kept_in_versions(cast, login):
    manual = service.create_site_document(
        cast.staff, cast.site, kind="manual", title="数字会议系统使用手册", attachment=upload()
    )
    technical = service.create_site_document(
        cast.staff,
        cast.site,
        kind="technical",
        title="机房设备拓扑图",
        attachment=upload("拓扑.pdf", b"%PDF topology"),
        classification=2,
    )
    service.add_site_document_version(
        cast.staff, manual, attachment=upload(content=b"%PDF-1.4 manual v2"), note="增加同传章节"
    )
    assert list(manual.versions.values_list("number", flat=True)) == [2, 1]
    assert technical.versions.get().sha256
    with pytest.raises(WorkflowError):
        service.create_site_document(
            cast.staff, cast.site, kind="manual", title="数字会议系统使用手册", attachment=upload()
        )
    with pytest.raises(PermissionDenied):
        service.add_site_document_version(cast.outsider, manual, attachment=upload())
    newest = manual.versions.first()
    url = reverse("duties:attachment", args=["site-document", newest.pk])
    response = login(cast.staff).get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 manual v2"
    assert AuditEntry.objects.filter(action="duties.attachment.open", actor=cast.staff).exists()
    assert login(cast.outsider).get(url).status_code == 404
    page = login(cast.supervisor).get(manual.get_absolute_url())
    assert page.content.decode().count("/duties/files/site-document/") == 2


def test_a_new_agreement_version_on_its_page(cast, login):
    client = login(cast.hr)
    url = reverse("duties:agreement_create", args=[cast.site.pk])
    assert client.get(url).status_code == 200
    data = {**AGREEMENT, "classification": "1", "note": "首次签订"}
    data["valid_from"], data["valid_to"] = "2026-01-01", "2025-12-31"
    assert client.post(url, data).status_code == 400
    data["valid_to"] = "2026-12-31"
    assert client.post(url, data).status_code == 302
    assert cast.site.agreements.get().note == "首次签订"
