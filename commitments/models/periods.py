"""Reporting periods (2024-Q1, 2024-M03, 2024-S2, 2024) and their deadlines."""

import datetime

from django.conf import settings

from .choices import ReportingFrequency


def deadline_days():
    """Days after a period's end by which its report must be submitted: the current network's
    (Commitments settings), else COMMITMENTS_REPORT_DEADLINE_DAYS."""
    from .compliance import CommitmentsSettings

    own = CommitmentsSettings.current()
    if own is not None and own.report_deadline_days is not None:
        return own.report_deadline_days
    return int(getattr(settings, "COMMITMENTS_REPORT_DEADLINE_DAYS", 30))


_MONTHS_PER_PERIOD = {
    ReportingFrequency.MONTHLY: 1,
    ReportingFrequency.QUARTERLY: 3,
    ReportingFrequency.SEMIANNUAL: 6,
    ReportingFrequency.ANNUAL: 12,
}


def _month_end(year, month):
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def period_for_date(day, frequency=ReportingFrequency.QUARTERLY):
    """(code, start, end) of the calendar period of `frequency` that contains `day`."""
    months = _MONTHS_PER_PERIOD[ReportingFrequency(frequency)]
    index = (day.month - 1) // months
    first_month = index * months + 1
    start = datetime.date(day.year, first_month, 1)
    end = _month_end(day.year, first_month + months - 1)
    if months == 1:
        code = f"{day.year}-M{first_month:02d}"
    elif months == 3:
        code = f"{day.year}-Q{index + 1}"
    elif months == 6:
        code = f"{day.year}-S{index + 1}"
    else:
        code = f"{day.year}"
    return code, start, end


def periods_between(start, end, frequency=ReportingFrequency.QUARTERLY):
    """Every period of `frequency` that overlaps [start, end], in order."""
    periods = []
    day = start
    while day <= end:
        code, p_start, p_end = period_for_date(day, frequency)
        periods.append((code, p_start, p_end))
        day = p_end + datetime.timedelta(days=1)
    return periods


def parse_period(code):
    """The period a code such as 2024-Q1, 2024-M03, 2024-S2 or 2024 stands for, or None."""
    code = (code or "").strip().upper()
    try:
        if len(code) == 4:
            return period_for_date(datetime.date(int(code), 1, 1), ReportingFrequency.ANNUAL)
        year, part = code.split("-", 1)
        year = int(year)
        kind, number = part[0], int(part[1:])
        if kind == "Q" and 1 <= number <= 4:
            return period_for_date(datetime.date(year, (number - 1) * 3 + 1, 1), ReportingFrequency.QUARTERLY)
        if kind == "S" and 1 <= number <= 2:
            return period_for_date(datetime.date(year, (number - 1) * 6 + 1, 1), ReportingFrequency.SEMIANNUAL)
        if kind == "M" and 1 <= number <= 12:
            return period_for_date(datetime.date(year, number, 1), ReportingFrequency.MONTHLY)
    except (ValueError, IndexError):
        return None
    return None
