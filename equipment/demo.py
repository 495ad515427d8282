"""Demo data of the equipment app: the control room's equipment, plans, a fault. Idempotent."""

from datetime import date, timedelta

from django.utils import timezone

from equipment import services
from equipment.choices import EquipmentKind, Frequency, PlanKind
from equipment.models import Equipment, Fault, MaintenancePlan, ServiceTarget

# site, venue (or None), name, kind, brand, model, serial, room
DEVICES = [
    (
        "SC",
        "一号音控机房",
        "主控电脑",
        EquipmentKind.COMPUTER,
        "联想",
        "ThinkCentre M720",
        "SC-PC-001",
        "音控室",
    ),
    (
        "SC",
        "一号音控机房",
        "录播电脑",
        EquipmentKind.COMPUTER,
        "戴尔",
        "OptiPlex 7090",
        "SC-PC-002",
        "音控室",
    ),
    ("SC", "一号音控机房", "数字调音台", EquipmentKind.AV, "雅马哈", "QL5", "SC-AV-001", "音控室"),
    (
        "SC",
        "第一会议室",
        "会议室投影机",
        EquipmentKind.DISPLAY,
        "爱普生",
        "CB-G7000",
        "SC-DP-001",
        "",
    ),
    ("SC", None, "核心交换机", EquipmentKind.NETWORK, "华为", "S5735", "SC-NW-001", "弱电间"),
    (
        "GA",
        "多功能厅",
        "LED 显示屏控制器",
        EquipmentKind.DISPLAY,
        "诺瓦",
        "VX1000",
        "GA-DP-001",
        "",
    ),
    ("GA", None, "政务大厅服务器", EquipmentKind.SERVER, "浪潮", "NF5280M6", "GA-SV-001", "机房"),
]


def _device(demo, site, venue, name, kind, brand, model, serial, room):
    found = Equipment.objects.filter(site=demo.sites[site], serial=serial).first()
    if found:
        return found
    return services.register_equipment(
        demo.users["admin"],
        site=demo.sites[site],
        venue=demo.venues[venue] if venue else None,
        name=name,
        kind=kind,
        brand=brand,
        model_name=model,
        serial=serial,
        room=room,
        installed_on=date(2025, 6, 1),
        warranty_until=date(2028, 5, 31),
        responsible=demo.users["zhangwei" if site == "SC" else "zhouqiang"],
    )


def _plan(demo, title, kind, site, venue, devices, **fields):
    if MaintenancePlan.objects.filter(title=title, site=demo.sites[site]).exists():
        return
    plan = MaintenancePlan(
        title=title,
        kind=kind,
        site=demo.sites[site],
        venue=demo.venues[venue] if venue else None,
        **fields,
    )
    services.save_plan(demo.users["admin"], plan, devices)


def load(demo):
    ServiceTarget.objects.get_or_create(
        site=demo.sites["SC"], defaults={"response_minutes": 30, "fix_hours": 4}
    )
    ServiceTarget.objects.get_or_create(
        site=demo.sites["GA"], defaults={"response_minutes": 60, "fix_hours": 8}
    )
    devices = {row[6]: _device(demo, *row) for row in DEVICES}
    _plans(demo, devices, timezone.localdate())
    projector = devices["SC-DP-001"]
    if not Fault.objects.filter(equipment=projector).exists():
        services.report_fault(
            demo.users["zhangwei"],
            projector,
            title="投影画面偏色",
            description="甲方反映第一会议室投影画面偏黄。",
            client_reported_at=timezone.now() - timedelta(hours=2),
        )


def _plans(demo, devices, today):
    _plan(
        demo,
        "音控机房每日开机检查",
        PlanKind.INSPECTION,
        "SC",
        "一号音控机房",
        [devices["SC-PC-001"], devices["SC-AV-001"]],
        frequency=Frequency.DAILY,
        starts_on=today,
        lead_days=0,
        holiday_shift="later",
        checklist="设备开机正常\n音频信号正常\n机房温湿度正常",
        assignee=demo.users["zhangwei"],
    )
    _plan(
        demo,
        "音控机房电脑防病毒",
        PlanKind.ANTIVIRUS,
        "SC",
        "一号音控机房",
        [devices["SC-PC-001"], devices["SC-PC-002"]],
        frequency=Frequency.WEEKLY,
        starts_on=today - timedelta(days=2),
        lead_days=1,
        assignee=demo.users["chenjing"],
    )
    _plan(
        demo,
        "核心交换机配置备份",
        PlanKind.BACKUP,
        "SC",
        None,
        [devices["SC-NW-001"]],
        frequency=Frequency.MONTHLY,
        starts_on=today.replace(day=1) + timedelta(days=31),
        count_from="last_done",
        checklist="导出配置并上传为附件\n核对配置变更记录",
    )
    _plan(
        demo,
        "政务服务器季度维护",
        PlanKind.MAINTENANCE,
        "GA",
        None,
        [devices["GA-SV-001"]],
        frequency=Frequency.QUARTERLY,
        starts_on=today + timedelta(days=5),
        lead_days=7,
        checklist="清洁除尘\n检查硬盘与电源告警\n系统补丁更新",
        assignee=demo.users["zhouqiang"],
    )
