"""Forms of the member portal: the organisation's profile, contacts and colleague invitations."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import Collection

from members.models import Organization, Person, PortalAccount, PortalRole
from network_site.emails import send_templated_email
from network_site.image_forms import check_image_upload

LOGOS_COLLECTION_NAME = "Logos"

#: Strings of the portal's allauth templates (network_site/templates/account/) and allauth
#: messages that allauth's own Spanish catalogue leaves untranslated; they are translated in
#: the members catalogue, which takes precedence over allauth's (INSTALLED_APPS order).
ACCOUNT_STRINGS = [
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("The email address is not assigned to any user account."),
    gettext_noop("Log in to the member portal"),
    gettext_noop("The portal is for the people of the network's member organisations and partner institutions."),
    gettext_noop("Your organisation is not a member yet?"),
    gettext_noop("Apply to join the network"),
    gettext_noop("After several failed attempts, logging in is blocked for a few minutes."),
    gettext_noop("Back to the login"),
    gettext_noop("Enter the e-mail address you log in with. We will send you a link to choose a new password."),
    gettext_noop("If that address belongs to an account, we have sent it a link to choose a new password."),
    gettext_noop("Check your inbox (and the spam folder). The link expires in a few days."),
    gettext_noop("Your password has been changed. You can now log in."),
    gettext_noop("Log in"),
    gettext_noop("Back to the portal"),
    gettext_noop("Protect your account with a code from an authenticator app on your phone."),
]


def notify_address_in_use(email, organization, *, added_by, kind):
    """Write to ``email`` that ``organization`` tried to add it as a ``kind`` ("contact" or
    "colleague") although it is already in use elsewhere: the portal answers the representative
    as for a free address, so no one learns from the portal whose address it is."""
    user = get_user_model().objects.filter(email__iexact=email).first()
    send_templated_email(
        "members/emails/address_in_use",
        {
            "organization": organization,
            "added_by": added_by,
            "kind": kind,
            "user": user,
        },
        to=[email],
    )


def logos_collection():
    """The "Logos" collection of Wagtail's image library (created on first use)."""
    collection = Collection.objects.filter(name=LOGOS_COLLECTION_NAME).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=LOGOS_COLLECTION_NAME)
    return collection


class OrganizationProfileForm(forms.ModelForm):
    """The public profile a representative keeps; the logo passes Wagtail's image checks."""

    class Meta:
        model = Organization
        fields = ["description", "website", "region", "size"]
        help_texts = {
            "description": _("Shown on your organisation's page in the public member directory."),
            "website": _("The full address, starting with https://"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Built here, not on the class: WagtailImageField reads the upload limits from settings
        # (WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_IMAGE_PIXELS, ...) when it is created.
        self.fields["logo_file"] = WagtailImageField(
            label=_("Logo"),
            required=False,
            help_text=_("A GIF, JPEG, PNG or WebP image, preferably on a white or transparent background."),
        )
        if self.instance.logo_id:
            self.fields["remove_logo"] = forms.BooleanField(label=_("Remove the current logo"), required=False)

    def clean_logo_file(self):
        """Wagtail's checks, and every frame of an animated logo counted (network_site.image_forms)."""
        return check_image_upload(self.cleaned_data.get("logo_file"))

    @transaction.atomic
    def save(self, commit=True):
        organization = super().save(commit=False)
        upload = self.cleaned_data.get("logo_file")
        if upload:
            image_model = get_image_model()
            image = image_model(
                title=_("Logo of %(name)s") % {"name": organization.name},
                file=upload,
                collection=logos_collection(),
                uploaded_by_user=self.user,
            )
            if hasattr(image, "description"):
                image.description = str(_("Logo of %(name)s") % {"name": organization.name})
            image._set_image_file_metadata()
            image.save()
            organization.logo = image
            self.new_logo = image
        elif self.cleaned_data.get("remove_logo"):
            organization.logo = None
        if commit:
            organization.save()
        return organization


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "position", "email", "phone", "is_focal_point", "languages"]
        help_texts = {"is_focal_point": _("The person the secretariat contacts first about the network's work.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: Set by ``clean_email`` when the address is another organisation's contact.
        self.address_in_use = None

    def clean_email(self):
        """An address already among the organisation's own contacts is refused; another
        organisation's contact address is not told apart from a free one (no probing): the form
        is valid, the address is kept out of the record (``address_in_use``) and its owner is
        written to (``notify_address_in_use``)."""
        email = (self.cleaned_data.get("email") or "").strip().lower()
        other = Person.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).first()
        if other is None:
            return email
        if self.instance.organization_id and other.organization_id == self.instance.organization_id:
            raise forms.ValidationError(_("This address is already one of your organisation's contacts."))
        self.address_in_use = email
        return self.instance.email if self.instance.pk else email

    def notify_address_in_use(self, organization, *, added_by):
        """Tell the address's owner that ``organization`` tried to add it (nothing else is told)."""
        notify_address_in_use(self.address_in_use, organization, added_by=added_by, kind="contact")

    def validate_unique(self):
        # The e-mail's uniqueness is checked (with a clearer message) in clean_email.
        exclude = self._get_validation_exclusions()
        exclude.add("email")
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)


class ColleagueInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), help_text=_("The address your colleague will log in with."))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=PortalRole.choices,
        initial=PortalRole.CONTRIBUTOR,
        widget=forms.RadioSelect,
        help_text=_(
            "Representatives submit, sign and manage contacts and colleagues; contributors prepare drafts; "
            "observers only read."
        ),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_email(self):
        """An address of one's own colleague is refused; an address with an account elsewhere (another
        organisation's, the secretariat's) is not told apart from a free one (no probing): the form
        is valid, ``save`` creates nothing and writes to the address's owner instead."""
        email = self.cleaned_data["email"].strip().lower()
        existing = get_user_model().objects.filter(email__iexact=email).select_related("portal_account").first()
        self.address_in_use = existing is not None
        if existing is not None:
            account = getattr(existing, "portal_account", None)
            if account is not None and account.organization_id == self.organization.pk:
                raise forms.ValidationError(_("This person is already one of your colleagues in the portal."))
        return email

    @transaction.atomic
    def save(self, *, invited_by=None):
        """The new colleague's ``PortalAccount``; None (and an e-mail to the address's owner) when the
        address already has an account elsewhere."""
        data = self.cleaned_data
        if self.address_in_use:
            notify_address_in_use(data["email"], self.organization, added_by=invited_by, kind="colleague")
            return None
        user = get_user_model().objects.create_user(
            email=data["email"], password=None, first_name=data["first_name"], last_name=data.get("last_name", "")
        )
        person = (
            Person.objects.for_organization(self.organization)
            .filter(email__iexact=data["email"], portal_account__isnull=True)
            .first()
        )
        return PortalAccount.objects.create(
            user=user, organization=self.organization, role=data["role"], person=person
        )


class ColleagueRoleForm(forms.ModelForm):
    class Meta:
        model = PortalAccount
        fields = ["role"]
        widgets = {"role": forms.RadioSelect}
