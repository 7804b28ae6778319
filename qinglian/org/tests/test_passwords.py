"""Password rules (等保 8.1.4.1 a), the forced first change, expiry with its warning, and the password page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from qinglian.core.errors import InvalidInput
from qinglian.org import services
from qinglian.org.models import PasswordHistory
from qinglian.org.tests.factories import UserFactory

GOOD = "Lianjie-2026x"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Ab1!short", "密码至少10位"),
        ("abcdefghij12", "至少3类"),
        ("Qinglian2026", "系统名称"),
        ("Newbie-2026-x", "不能包含用户名"),
        ("Test-organ-2026", "本机关的名称、简称或代码"),
        ("X测试市人大常委会机关1", "本机关的名称、简称或代码"),
    ],
)
def test_a_weak_password_is_refused_in_chinese(org, sysadmin, password, reason):
    with pytest.raises(InvalidInput, match=reason):
        services.account_create(organ=org.organ, username="newbie", password=password, by=sysadmin)


def test_a_good_password_is_accepted_and_must_be_changed_at_first_login(org, sysadmin, client):
    user = services.account_create(organ=org.organ, username="newbie", password=GOOD, by=sysadmin)
    assert user.must_change_password and user.password_changed_at is not None
    client.force_login(user)
    response = client.get(reverse("workbench"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("password_change"))
    page = client.get(response["Location"]).content.decode()
    assert "您的密码由管理员设置，请先修改密码后再使用系统" in page
    api = client.get("/api/me")
    assert api.status_code == 403 and api.json()["code"] == "password_change_required"


def test_the_owner_changes_the_password_and_then_may_work(org, sysadmin, client):
    user = services.account_create(organ=org.organ, username="newbie", password=GOOD, by=sysadmin)
    client.force_login(user)
    data = {"old_password": GOOD, "new_password": "Zhengfeng#77a", "confirm": "Zhengfeng#77a"}
    response = client.post(reverse("password_change"), data)
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password("Zhengfeng#77a")
    assert client.get(reverse("workbench")).status_code == 200  # the session survived the change


def test_the_password_page_refuses_in_chinese_and_changes_nothing(org, client, cadre_same_unit):
    client.force_login(cadre_same_unit)
    before = cadre_same_unit.password
    wrong = {"old_password": "nope", "new_password": GOOD, "confirm": GOOD}
    assert "原密码不正确" in client.post(reverse("password_change"), wrong).content.decode()
    weak = {"old_password": "Qinglian-test-1", "new_password": "short", "confirm": "short"}
    assert "密码至少10位" in client.post(reverse("password_change"), weak).content.decode()
    mismatch = {"old_password": "Qinglian-test-1", "new_password": GOOD, "confirm": GOOD + "x"}
    assert "两次输入的新密码不一致" in client.post(reverse("password_change"), mismatch).content.decode()
    cadre_same_unit.refresh_from_db()
    assert cadre_same_unit.password == before


def test_none_of_the_last_passwords_may_come_back(org, settings, cadre_same_unit):
    settings.AUTH_PASSWORD_VALIDATORS = [
        {"NAME": "qinglian.org.validators.PasswordHistoryValidator", "OPTIONS": {"remember": 3}}
    ]
    settings.QINGLIAN_PASSWORD_HISTORY = 3
    current = "Qinglian-test-1"
    for new in ("Second-pass-2", "Third-pass-3", "Fourth-pass-4"):
        services.password_change(user=cadre_same_unit, old_password=current, new_password=new)
        current = new
    assert PasswordHistory.objects.filter(user=cadre_same_unit).count() == 3  # kept to the parameter
    for reused in ("Second-pass-2", "Third-pass-3"):
        with pytest.raises(InvalidInput, match="不能使用最近3次用过的密码"):
            services.password_change(user=cadre_same_unit, old_password=current, new_password=reused)
    services.password_change(user=cadre_same_unit, old_password=current, new_password="Qinglian-test-1")  # 4 back


def test_an_expired_password_must_be_changed_and_a_week_before_the_page_warns(org, settings, client, cadre_same_unit):
    settings.QINGLIAN_PASSWORD_MAX_AGE_DAYS = 90
    settings.QINGLIAN_PASSWORD_WARN_DAYS = 7
    client.force_login(cadre_same_unit)
    type(cadre_same_unit).objects.filter(pk=cadre_same_unit.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=85)
    )
    page = client.get(reverse("workbench"))
    assert page.status_code == 200 and "您的密码将在5天后过期，请及时修改" in page.content.decode()
    type(cadre_same_unit).objects.filter(pk=cadre_same_unit.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=91)
    )
    response = client.get(reverse("person_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("password_change"))
    assert "已超过90天未修改，已过期" in client.get(response["Location"]).content.decode()


def test_a_password_never_stamped_does_not_expire(org, client, cadre_same_unit):
    assert cadre_same_unit.password_changed_at is None
    client.force_login(cadre_same_unit)
    html = client.get(reverse("workbench")).content.decode()
    assert "过期" not in html and reverse("password_change") in html  # the account menu links the page


def test_logout_stays_open_while_a_change_is_due(org, sysadmin, client):
    user = services.account_create(organ=org.organ, username="newbie", password=GOOD, by=sysadmin)
    client.force_login(user)
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_api_token_of_an_account_that_must_change_its_password_is_refused(org, sysadmin, client):
    user = services.account_create(organ=org.organ, username="newbie", password=GOOD, by=sysadmin)
    services.role_grant(user=user, role="party_officer", by=None)
    _, token = services.api_token_create(user=user, name="对接")
    assert services.api_token_user(token) is None
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    assert services.api_token_user(token) == user


def test_a_factory_account_is_not_forced(org):
    assert not UserFactory(organ=org.organ).must_change_password
