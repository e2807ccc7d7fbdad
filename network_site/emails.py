"""The one way to send an e-mail: templates rendered in the recipient's language, sent as a task.

    send_templated_email("<app>/emails/<name>", {"object": obj},
                         to=["ana@example.org"], language="es")

renders ``<prefix>_subject.txt``, ``<prefix>.txt`` and, when it exists, ``<prefix>.html``,
and enqueues one message per call through Django's task framework (immediate in dev and
tests, a worker in production). Attachments are (filename, bytes, mimetype) tuples; alternatives
are (text, mimetype) tuples added as further parts of the body (e.g. a calendar request, which
mail programs show as an invitation with its buttons).
"""

import base64

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .links import base_url
from .networks import secretariat


def render_email(template_prefix, context, *, language=None):
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        # The network being worked for speaks (its name, its host); WAGTAIL_SITE_NAME with none.
        context = {**context, "site_name": secretariat().network_name, "base_url": base_url()}
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        subject = " ".join(subject.split())  # one line: no header injection through a title
        body = render_to_string(f"{template_prefix}.txt", context)
        try:
            html = render_to_string(f"{template_prefix}.html", context)
        except TemplateDoesNotExist:
            html = None
    return subject, body, html


def send_templated_email(
    template_prefix, context, *, to, language=None, attachments=(), reply_to=None, alternatives=()
):
    """Render and send (as a background task) one e-mail to the addresses in `to`."""
    recipients = [address for address in to if address]
    if not recipients:
        return None
    subject, body, html = render_email(template_prefix, context, language=language)
    encoded = [(name, base64.b64encode(content).decode("ascii"), mimetype) for name, content, mimetype in attachments]
    return deliver_email.enqueue(
        subject=subject,
        body=body,
        html=html,
        to=recipients,
        attachments=encoded,
        reply_to=list(reply_to or []),
        alternatives=[list(pair) for pair in alternatives],
    )


@task()
def deliver_email(*, subject, body, html, to, attachments, reply_to, alternatives=()):
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to, reply_to=reply_to or None
    )
    if html:
        message.attach_alternative(html, "text/html")
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    for name, content, mimetype in attachments:
        message.attach(name, base64.b64decode(content), mimetype)
    message.send()
    return len(to)
