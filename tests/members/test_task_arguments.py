"""No link or token is stored with a queued task: invitations and password resets.

With the database task backend (production's), a task's arguments are stored in the database
(django-tasks-db's DBTaskResult) until a worker runs it. An invitation's or a reset's link would
let whoever reads that table log in as the user: the task gets ids and builds the link itself.
"""

import json
import re

import pytest
from django_tasks_db.models import DBTaskResult

from django.test import override_settings
from django.urls import reverse

from members.invitations import invitation_token_generator, send_invitation
from members.models import PortalRole
from tests.members.factories import PortalAccountFactory
from tests.network_site.factories import UserFactory

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def invited(organization):
    user = UserFactory(email="invitada@propia.example.org", password=None)
    user.set_unusable_password()
    user.save()
    PortalAccountFactory(user=user, organization=organization, role=PortalRole.REPRESENTATIVE)
    return user


def stored_arguments():
    return [json.dumps(row.args_kwargs) for row in DBTaskResult.objects.all()]


def assert_no_link_or_token(arguments, user):
    token = invitation_token_generator.make_token(user)
    for each in arguments:
        assert "http" not in each
        assert "/portal/" not in each
        assert token not in each
        assert not re.search(r"[0-9a-z]{6,}-[0-9a-f]{20,}", each)  # a Django token's shape


@override_settings(TASKS=DATABASE_TASKS)
def test_an_invitation_task_gets_ids_and_builds_the_link_when_it_runs(invited, staff_user, mailoutbox, client):
    send_invitation(invited, invited_by=staff_user)
    assert not mailoutbox  # queued, not sent
    arguments = stored_arguments()
    assert len(arguments) == 1
    assert_no_link_or_token(arguments, invited)
    row = DBTaskResult.objects.get()
    row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])  # what the worker does
    [mail] = mailoutbox
    link = re.search(r"http://testserver(/portal/invitation/[^\s]+/)", mail.body).group(1)
    assert client.get(link).status_code == 302  # the link works (on to set the password)
    assert "set-password" in client.get(link)["Location"]


@override_settings(TASKS=DATABASE_TASKS)
def test_an_approved_application_queues_no_link(staff_user, mailoutbox):
    from tests.members.factories import ApplicationFactory

    application = ApplicationFactory(contact_email="nueva.empresa@example.org")
    application.approve(user=staff_user)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="nueva.empresa@example.org")
    assert_no_link_or_token(stored_arguments(), user)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_password_reset_queues_no_link(client, representative, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": representative.email})
    assert response.status_code == 302
    assert_no_link_or_token(stored_arguments(), representative)
    [mail] = mailoutbox  # allauth's reset e-mail is sent at once, by the adapter, with no task
    assert "/portal/account/password/reset/key/" in mail.body
